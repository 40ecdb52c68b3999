/** Admin reports and exports, the rollups' rebuild, and the accountant's day of bookings, as callables. */
import * as contracts from "../contracts/reports";
import { FirestoreAccountingStore } from "../adapters/firebase/accounting-store";
import { db } from "../adapters/firebase/admin";
import { FirestoreAccountingLedger } from "../adapters/firebase/accounting-ledger";
import { FirestoreReportStore } from "../adapters/firebase/firestore-report-store";
import { FirestoreRollupStore } from "../adapters/firebase/firestore-rollup-store";
import { rebuildRollups as rebuildRollupsUseCase } from "../app/rollups/rebuild-rollups";
import {
  dayBookingsCsv as dayBookingsUseCase,
  exportCsv as exportCsvUseCase,
  monthlyReport as monthlyReportUseCase,
  revenueReport as revenueReportUseCase,
} from "../app/reports/reports";
import { runtimeClock as systemClock } from "../adapters/clock/stack-clock";
import { FirestoreNameBook } from "../adapters/firebase/firestore-name-book";
import { kassaCallable } from "./callable";

const reportDeps = () => ({
  reports: new FirestoreReportStore(db()),
  rollups: new FirestoreRollupStore(db()),
  clock: systemClock,
  names: new FirestoreNameBook(db()),
});
export const revenueReport = kassaCallable(
  contracts.revenueReport,
  (input, caller) => revenueReportUseCase(reportDeps(), caller, input),
  { timeoutSeconds: 120, memory: "512MiB" },
);

export const exportCsv = kassaCallable(
  contracts.exportCsv,
  (input, caller) => exportCsvUseCase(reportDeps(), caller, input),
  { timeoutSeconds: 120, memory: "512MiB" },
);

export const monthlyReport = kassaCallable(
  contracts.monthlyReport,
  (input, caller) => monthlyReportUseCase(reportDeps(), caller, input),
  { timeoutSeconds: 120, memory: "512MiB" },
);

export const dayBookingsCsv = kassaCallable(contracts.dayBookingsCsv, (input, caller) =>
  dayBookingsUseCase(
    { ledger: new FirestoreAccountingLedger(db()), store: new FirestoreAccountingStore(db()) },
    caller,
    input,
  ),
);

/** Recomputes the revenue rollups of closed days from the ledger and reports (or repairs) differences. */
export const rebuildRollups = kassaCallable(
  contracts.rebuildRollups,
  (input, caller) =>
    rebuildRollupsUseCase(
      { ledger: new FirestoreReportStore(db()), rollups: new FirestoreRollupStore(db()), clock: systemClock },
      caller,
      input,
    ),
  { timeoutSeconds: 540, memory: "1GiB" },
);
