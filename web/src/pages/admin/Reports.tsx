import { type FormEvent, useState } from "react";
import { downloadCsv } from "../../lib/csv";
import { describeError } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import { dayBookingsCsv, formatBps, monthlyReport } from "../../lib/reports";
import { ExportJob } from "../../components/ExportJob";

const stockholmToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm" }).format(new Date());
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
function yesterday(): string {
  const d = new Date(`${stockholmToday()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
function previousMonth(): string {
  const d = new Date(`${monthStart(stockholmToday())}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

type Status = { busy: boolean; ok?: string; error?: string };

function StatusLine({ status }: { status: Status }) {
  if (status.busy)
    return (
      <p role="status" className="muted">
        Preparing the file…
      </p>
    );
  if (status.error)
    return (
      <p role="alert" className="error">
        {status.error}
      </p>
    );
  if (status.ok)
    return (
      <p role="status" className="ok">
        {status.ok}
      </p>
    );
  return null;
}

function MonthlyReport() {
  const [month, setMonth] = useState(previousMonth());
  const [status, setStatus] = useState<Status>({ busy: false });
  const [report, setReport] = useState<Awaited<ReturnType<typeof monthlyReport>>["data"] | null>(null);
  async function load(e: FormEvent) {
    e.preventDefault();
    setStatus({ busy: true });
    setReport(null);
    try {
      const { data } = await monthlyReport({ month });
      setReport(data);
      setStatus({ busy: false });
    } catch (err) {
      setStatus({ busy: false, error: describeError(err) });
    }
  }
  return (
    <section className="card" aria-labelledby="monthly-h">
      <h2 id="monthly-h">Monthly platform report</h2>
      <form className="filters" onSubmit={(e) => void load(e)}>
        <label>
          Month
          <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} required />
        </label>
        <button type="submit" disabled={status.busy}>
          {status.busy ? "Building…" : "Show report"}
        </button>
      </form>
      <StatusLine status={status} />
      {report && (
        <>
          <p>
            Active connected accounts: <strong>{report.activeConnectedAccounts}</strong> · Failed payout rate:{" "}
            <strong>{report.failedPayoutRateBps === null ? "no payouts settled" : formatBps(report.failedPayoutRateBps)}</strong>
          </p>
          {report.rows.length === 0 ? (
            <p className="muted">No money moved in {report.month}.</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Currency</th>
                    <th scope="col">Gross</th>
                    <th scope="col">Platform revenue</th>
                    <th scope="col">Refunds</th>
                    <th scope="col">Stripe fees</th>
                    <th scope="col">Payouts</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rows.map((r) => {
                    const f = (amount: number) => formatMoney({ amount, currency: r.currency });
                    return (
                      <tr key={r.currency}>
                        <td>{r.currency.toUpperCase()}</td>
                        <td className="num">{f(r.gross)}</td>
                        <td className="num">{f(r.platformFees + r.subscriptions)}</td>
                        <td className="num">{f(r.refunds)}</td>
                        <td className="num">{f(r.stripeFees)}</td>
                        <td className="num">
                          {f(r.payouts)} ({r.payoutCount} paid, {r.failedPayouts} failed)
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <button type="button" onClick={() => downloadCsv(report.filename, report.csv)}>
            Download {report.filename}
          </button>
        </>
      )}
    </section>
  );
}

export function AdminReports() {
  return (
    <section className="stack">
      <h1>Reports and exports</h1>
      <ExportJob />
      <MonthlyReport />
    </section>
  );
}

/** The accountant's CSV of one day's bookings (BAS rows, with Fortnox numbers once synced). */
export function BookingsExport() {
  const [day, setDay] = useState(yesterday());
  const [status, setStatus] = useState<Status>({ busy: false });
  async function submit(e: FormEvent) {
    e.preventDefault();
    setStatus({ busy: true });
    try {
      const { data } = await dayBookingsCsv({ day });
      if (data.rows === 0) return setStatus({ busy: false, ok: `Nothing was booked on ${day}.` });
      downloadCsv(data.filename, data.csv);
      setStatus({ busy: false, ok: `Downloaded ${data.filename} (${data.rows} rows).` });
    } catch (err) {
      setStatus({ busy: false, error: describeError(err) });
    }
  }
  return (
    <section className="stack">
      <h1>Exports</h1>
      <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="bookings-h">
        <h2 id="bookings-h">A day&apos;s bookings as CSV</h2>
        <p className="muted small">BAS account rows per voucher, debit and credit in kronor exact to the öre, with the Fortnox voucher number once the day is synced.</p>
        <div className="filters">
          <label>
            Day
            <input type="date" value={day} onChange={(e) => setDay(e.target.value)} required />
          </label>
          <button type="submit" disabled={status.busy}>
            {status.busy ? "Exporting…" : "Download CSV"}
          </button>
        </div>
        <StatusLine status={status} />
      </form>
    </section>
  );
}
