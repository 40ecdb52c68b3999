import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { downloadCsv } from "../../lib/csv";
import { describeError } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import { dayBookingsCsv, formatBps, monthlyReport } from "../../lib/reports";
import { CsvFormatPicker, useCsvFormat } from "../../components/CsvFormatPicker";
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
  const { t } = useTranslation();
  if (status.busy)
    return (
      <p role="status" className="muted">
        {t("reports.preparing")}
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
  const { t } = useTranslation();
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
      <h2 id="monthly-h">{t("reports.monthlyTitle")}</h2>
      <form className="filters" onSubmit={(e) => void load(e)}>
        <label>
          {t("reports.month")}
          <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} required />
        </label>
        <button type="submit" disabled={status.busy}>
          {status.busy ? t("reports.building") : t("reports.show")}
        </button>
      </form>
      <StatusLine status={status} />
      {report && (
        <>
          <p>
            {t("reports.activeAccounts")} <strong>{report.activeConnectedAccounts}</strong> · {t("reports.failedRate")}{" "}
            <strong>{report.failedPayoutRateBps === null ? t("reports.noPayoutsSettled") : formatBps(report.failedPayoutRateBps)}</strong>
          </p>
          {report.rows.length === 0 ? (
            <p className="muted">{t("reports.noMoney", { month: report.month })}</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t("reports.currency")}</th>
                    <th scope="col">{t("reports.gross")}</th>
                    <th scope="col">{t("reports.platformRevenue")}</th>
                    <th scope="col">{t("reports.refunds")}</th>
                    <th scope="col">{t("reports.stripeFees")}</th>
                    <th scope="col">{t("reports.payouts")}</th>
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
                          {f(r.payouts)} {t("reports.payoutCounts", { paid: r.payoutCount, failed: r.failedPayouts })}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <button type="button" onClick={() => downloadCsv(report.filename, report.csv)}>
            {t("reports.download", { file: report.filename })}
          </button>
        </>
      )}
    </section>
  );
}

export function AdminReports() {
  const { t } = useTranslation();
  return (
    <section className="stack">
      <h1>{t("reports.title")}</h1>
      <ExportJob />
      <MonthlyReport />
    </section>
  );
}

/** The accountant's CSV of one day's bookings (BAS rows, with Fortnox numbers once synced). */
export function BookingsExport() {
  const { t } = useTranslation();
  const [day, setDay] = useState(yesterday());
  const [format, setFormat] = useCsvFormat();
  const [status, setStatus] = useState<Status>({ busy: false });
  async function submit(e: FormEvent) {
    e.preventDefault();
    setStatus({ busy: true });
    try {
      const { data } = await dayBookingsCsv({ day, format });
      if (data.rows === 0) return setStatus({ busy: false, ok: t("reports.nothingBooked", { day }) });
      downloadCsv(data.filename, data.csv);
      setStatus({ busy: false, ok: t("reports.downloaded", { file: data.filename, count: data.rows }) });
    } catch (err) {
      setStatus({ busy: false, error: describeError(err) });
    }
  }
  return (
    <section className="stack">
      <h1>{t("reports.exportsTitle")}</h1>
      <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="bookings-h">
        <h2 id="bookings-h">{t("reports.bookingsTitle")}</h2>
        <p className="muted small">{t("reports.bookingsIntro")}</p>
        <div className="filters">
          <label>
            {t("reports.day")}
            <input type="date" value={day} onChange={(e) => setDay(e.target.value)} required />
          </label>
          <CsvFormatPicker format={format} onChange={setFormat} />
          <button type="submit" disabled={status.busy}>
            {status.busy ? t("reports.exporting") : t("reports.downloadCsv")}
          </button>
        </div>
        <StatusLine status={status} />
      </form>
    </section>
  );
}
