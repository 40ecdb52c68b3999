import { ReconciliationTable } from "./ReconciliationTable";
import { SieExport } from "./SieExport";

/** The accountant's checks on the books: the three-way reconciliation and the SIE export. */
export function BooksPanel() {
  return (
    <>
      <ReconciliationTable />
      <SieExport />
    </>
  );
}
