import { useEffect, useState } from "react";
import { BarChart } from "../../components/charts/BarChart";
import { describeError } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import { bucketSeries, type CurrencyReport, type Metric, niceMax, PERIODS, type Period, revenueReport, type RevenueReport } from "../../lib/reports";

const CHARTS: { metric: Metric; title: string }[] = [
  { metric: "gross", title: "Gross volume" },
  { metric: "platformFees", title: "Platform fees" },
  { metric: "subscriptions", title: "Subscriptions" },
  { metric: "payouts", title: "Payouts to coaches" },
];

function CurrencySection({ report, labels }: { report: CurrencyReport; labels: Record<string, string> }) {
  const fmt = (amount: number) => formatMoney({ amount, currency: report.currency });
  const t = report.totals;
  const rows: [string, string, string][] = [
    ["Gross volume", fmt(t.gross), `${t.payments} payments`],
    ["Platform fees (net of reversals)", fmt(t.platformFees), ""],
    ["Subscriptions (net of refunds)", fmt(t.subscriptions), ""],
    ["Refunds", fmt(t.refunds), `${t.refundCount} refunds`],
    ["Disputes opened", fmt(t.disputes), `${t.disputeCount} disputes`],
    ["Payouts to coaches", fmt(t.payouts), `${t.payoutCount} payouts`],
    ["Stripe fees", fmt(t.stripeFees), ""],
  ];
  return (
    <section className="card stack" aria-labelledby={`cur-${report.currency}`}>
      <h2 id={`cur-${report.currency}`}>{report.currency.toUpperCase()}</h2>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Totals in {report.currency.toUpperCase()}</caption>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col">Amount</th>
              <th scope="col">Count</th>
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
        {CHARTS.map(({ metric, title }) => {
          const bars = bucketSeries(report.series, metric);
          return <BarChart key={metric} title={title} bars={bars} format={fmt} max={niceMax(Math.max(0, ...bars.map((b) => b.value)))} />;
        })}
      </div>
      <h3>Top coaches</h3>
      {report.topCoaches.length === 0 ? (
        <p className="muted">No program sales in this period.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Coach</th>
                <th scope="col">Sales</th>
                <th scope="col">Gross</th>
                <th scope="col">Platform fees</th>
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
  const [days, setDays] = useState<Period>(30);
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
      <h1>Analytics</h1>
      <div className="segmented" role="group" aria-label="Period">
        {PERIODS.map((p) => (
          <button key={p} type="button" className={p === days ? "" : "secondary"} aria-pressed={p === days} onClick={() => setDays(p)}>
            {p} days
          </button>
        ))}
      </div>
      {state.loading && (
        <p className="muted" role="status">
          Loading the last {days} days…
        </p>
      )}
      {state.error && (
        <div role="alert" className="card">
          <p className="error">Could not load the report: {state.error}</p>
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </div>
      )}
      {r && !state.loading && (
        <>
          <p className="muted">
            {r.fromDay} to {r.toDay} (Stockholm days), from {r.entriesRead} ledger entries. Amounts per currency; currencies are never added together.
          </p>
          {r.currencies.length === 0 ? (
            <p className="card">No money moved in this period yet.</p>
          ) : (
            r.currencies.map((c) => <CurrencySection key={c.currency} report={c} labels={r.coachLabels} />)
          )}
        </>
      )}
    </section>
  );
}
