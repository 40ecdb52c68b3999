import { useState } from "react";
import { BooksPanel } from "./books/BooksPanel";
import { DayVouchers } from "./accounting/DayVouchers";
import { FortnoxConnection } from "./accounting/FortnoxConnection";
import { MappingForm } from "./accounting/MappingForm";
import { SyncLog } from "./accounting/SyncLog";
import { SyncPanel } from "./accounting/SyncPanel";
import { VouchersToFix } from "./accounting/VouchersToFix";
import { sandboxUrl, yesterdayInStockholm } from "./accounting/api";

/** The accountant's bookkeeping page: connection, sync, log, a day's vouchers, mapping. */
export function AccountantHome() {
  const [day, setDay] = useState(yesterdayInStockholm());
  const [refreshKey, setRefreshKey] = useState(0);
  return (
    <section>
      <h1>Bookkeeping</h1>
      <p className="muted">
        Every night at 02:00 (Stockholm) Kassa books every ledger entry not yet booked in Fortnox:
        one voucher per business day, flow and currency; entries that arrive after their day was
        booked collect for up to a week and then go, all flows together, into one supplementary
        voucher for the day (#2, #3…), dated on that day. A voucher Fortnox refuses waits here with its
        reason and blocks nothing else.
        {sandboxUrl && (
          <>
            {" "}
            Locally, Fortnox is the{" "}
            <a href={sandboxUrl} target="_blank" rel="noreferrer">
              Fortnox sandbox
            </a>
            .
          </>
        )}
      </p>
      <FortnoxConnection />
      <SyncPanel
        day={day}
        onDay={(d) => {
          setDay(d);
          setRefreshKey((k) => k + 1);
        }}
        onSynced={() => setRefreshKey((k) => k + 1)}
      />
      <VouchersToFix refreshKey={refreshKey} />
      <DayVouchers day={day} refreshKey={refreshKey} />
      <SyncLog
        onDay={(d) => {
          setDay(d);
          setRefreshKey((k) => k + 1);
        }}
      />
      <BooksPanel />
      <MappingForm />
    </section>
  );
}
