import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAction } from "../../lib/use-action";
import { booksApi, downloadBase64 } from "./books-api";

const firstOfMonth = (): string => `${new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm" }).format(new Date()).slice(0, 8)}01`;
const today = (): string => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm" }).format(new Date());

/** Download the vouchers Kassa booked in a date range as a SIE 4 file (one financial year at a time). */
export function SieExport() {
  const { t } = useTranslation();
  const [from, setFrom] = useState(firstOfMonth());
  const [to, setTo] = useState(today());
  const [state, run] = useAction();
  const download = () =>
    run(async () => {
      const res = await booksApi.exportSie({ from, to });
      downloadBase64(res.fileName, res.contentBase64, "application/octet-stream");
      return t("books.sie.downloaded", { file: res.fileName, count: res.vouchers, from: res.financialYear.from, to: res.financialYear.to });
    });
  return (
    <section className="card" aria-labelledby="sie-export">
      <h2 id="sie-export">{t("books.sie.title")}</h2>
      <p className="muted">{t("books.sie.intro")}</p>
      <label>
        {t("books.sie.from")} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} aria-label={t("books.sie.fromAria")} />
      </label>{" "}
      <label>
        {t("books.sie.to")} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-label={t("books.sie.toAria")} />
      </label>{" "}
      <button type="button" onClick={download} disabled={state.busy || !from || !to}>
        {state.busy ? t("books.sie.exporting") : t("books.sie.download")}
      </button>
      {state.message && <p role="status">{state.message}</p>}
      {state.error && <p role="alert">{state.error}</p>}
    </section>
  );
}
