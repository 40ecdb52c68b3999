import { useState } from "react";
import { useAction } from "../../lib/use-action";
import { booksApi, downloadBase64 } from "./books-api";

const firstOfMonth = (): string => `${new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm" }).format(new Date()).slice(0, 8)}01`;
const today = (): string => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm" }).format(new Date());

/** Download the vouchers Kassa booked in a date range as a SIE 4 file (one financial year at a time). */
export function SieExport() {
  const [from, setFrom] = useState(firstOfMonth());
  const [to, setTo] = useState(today());
  const [state, run] = useAction();
  const download = () =>
    run(async () => {
      const res = await booksApi.exportSie({ from, to });
      downloadBase64(res.fileName, res.contentBase64, "application/octet-stream");
      return `Downloaded ${res.fileName}: ${res.vouchers} voucher${res.vouchers === 1 ? "" : "s"} of the financial year ${res.financialYear.from} – ${res.financialYear.to}.`;
    });
  return (
    <section className="card" aria-labelledby="sie-export">
      <h2 id="sie-export">SIE 4 export</h2>
      <p className="muted">Every voucher Kassa booked in the range, with the chart's account names, for another accounting system or an auditor (SIE type 4, PC8).</p>
      <label>
        From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} aria-label="SIE from" />
      </label>{" "}
      <label>
        To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-label="SIE to" />
      </label>{" "}
      <button type="button" onClick={download} disabled={state.busy || !from || !to}>
        {state.busy ? "Exporting…" : "Download SIE file"}
      </button>
      {state.message && <p role="status">{state.message}</p>}
      {state.error && <p role="alert">{state.error}</p>}
    </section>
  );
}
