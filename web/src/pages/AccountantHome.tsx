import { useState } from "react";
import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation();
  const [day, setDay] = useState(yesterdayInStockholm());
  const [refreshKey, setRefreshKey] = useState(0);
  return (
    <section>
      <h1>{t("accountant.title")}</h1>
      <p className="muted">
        {t("accountant.intro")}
        {sandboxUrl && (
          <>
            {" "}
            {t("accountant.sandboxBefore")}{" "}
            <a href={sandboxUrl} target="_blank" rel="noreferrer">
              {t("accountant.sandbox")}
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
