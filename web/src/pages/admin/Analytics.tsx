import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { BarChart } from "../../components/charts/BarChart";
import { describeError } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import { bucketSeries, type CurrencyReport, type Metric, niceMax, PERIODS, type Period, revenueReport, type RevenueReport } from "../../lib/reports";

const DEFAULT_PERIOD: Period = 30;

/** The period a URL asks for; anything that is not one of the offered periods is the default. */
export function periodFrom(value: string | null): Period {
  const n = Number(value);
  return (PERIODS as readonly number[]).includes(n) ? (n as Period) : DEFAULT_PERIOD;
}

/** The charted metrics; their titles are analytics.charts.<metric>. */
const CHARTS = ["gross", "platformFees", "subscriptions", "payouts"] as const satisfies readonly Metric[];

function CurrencySection({ report, labels }: { report: CurrencyReport; labels: Record<string, string> }) {
  const { t } = useTranslation();
  const fmt = (amount: number) => formatMoney({ amount, currency: report.currency });
  const tot = report.totals;
  const rows: [string, string, string][] = [
    [t("analytics.rows.gross"), fmt(tot.gross), t("analytics.payments", { count: tot.payments })],
    [t("analytics.rows.platformFees"), fmt(tot.platformFees), ""],
    [t("analytics.rows.subscriptions"), fmt(tot.subscriptions), ""],
    [t("analytics.rows.refunds"), fmt(tot.refunds), t("analytics.refunds", { count: tot.refundCount })],
    [t("analytics.rows.disputes"), fmt(tot.disputes), t("analytics.disputes", { count: tot.disputeCount })],
    [t("analytics.rows.payouts"), fmt(tot.payouts), t("analytics.payouts", { count: tot.payoutCount })],
    [t("analytics.rows.stripeFees"), fmt(tot.stripeFees), ""],
  ];
  return (
    <section className="card stack" aria-labelledby={`cur-${report.currency}`}>
      <h2 id={`cur-${report.currency}`}>{report.currency.toUpperCase()}</h2>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t("analytics.totalsIn", { currency: report.currency.toUpperCase() })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("analytics.figure")}</th>
              <th scope="col">{t("analytics.amount")}</th>
              <th scope="col">{t("analytics.count")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, amount, count]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="num">{amount}</td>
                <td className="muted">{count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="charts">
        {CHARTS.map((metric) => {
          const bars = bucketSeries(report.series, metric);
          return <BarChart key={metric} title={t(`analytics.charts.${metric}`)} bars={bars} format={fmt} max={niceMax(Math.max(0, ...bars.map((b) => b.value)))} />;
        })}
      </div>
      <h3>{t("analytics.topCoaches")}</h3>
      {report.topCoaches.length === 0 ? (
        <p className="muted">{t("analytics.noSales")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("analytics.coach")}</th>
                <th scope="col">{t("analytics.sales")}</th>
                <th scope="col">{t("analytics.gross")}</th>
                <th scope="col">{t("analytics.platformFees")}</th>
              </tr>
            </thead>
            <tbody>
              {report.topCoaches.map((c) => (
                <tr key={c.coachId}>
                  <td>{labels[c.coachId] ?? c.coachId}</td>
                  <td>{c.sales}</td>
                  <td className="num">{fmt(c.gross)}</td>
                  <td className="num">{fmt(c.platformFees)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function Analytics() {
  const { t } = useTranslation();
  // The period is in the URL (?days=90), so a view of it is a link and survives a reload.
  const [params, setParams] = useSearchParams();
  const days = periodFrom(params.get("days"));
  const setDays = (p: Period) => {
    const next = new URLSearchParams(window.location.search);
    if (p === DEFAULT_PERIOD) next.delete("days");
    else next.set("days", String(p));
    setParams(next);
  };
  const [state, setState] = useState<{ report?: RevenueReport; error?: string; loading: boolean }>({ loading: true });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    revenueReport({ days })
      .then(({ data }) => live && setState({ report: data, loading: false }))
      .catch((e: unknown) => live && setState({ loading: false, error: describeError(e) }));
    return () => {
      live = false;
    };
  }, [days, attempt]);

  const r = state.report;
  return (
    <section className="stack">
      <h1>{t("analytics.title")}</h1>
      <div className="segmented" role="group" aria-label={t("analytics.period")}>
        {PERIODS.map((p) => (
          <button key={p} type="button" className={p === days ? "" : "secondary"} aria-pressed={p === days} onClick={() => setDays(p)}>
            {t("analytics.days", { count: p })}
          </button>
        ))}
      </div>
      {state.loading && (
        <p className="muted" role="status">
          {t("analytics.loading", { count: days })}
        </p>
      )}
      {state.error && (
        <div role="alert" className="card">
          <p className="error">{t("analytics.loadFailed", { error: state.error })}</p>
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t("analytics.tryAgain")}
          </button>
        </div>
      )}
      {r && !state.loading && (
        <>
          <p className="muted">
            {t("analytics.range", { from: r.fromDay, to: r.toDay, entries: r.entriesRead })}
          </p>
          {r.currencies.length === 0 ? (
            <p className="card">{t("analytics.nothing")}</p>
          ) : (
            r.currencies.map((c) => <CurrencySection key={c.currency} report={c} labels={r.coachLabels} />)
          )}
        </>
      )}
    </section>
  );
}
