import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { describeError } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import { api, voucherLink, yesterdayInStockholm, type DayDetail, type DayVoucherView, type VoucherRow } from "./api";

export function Rows({ rows, currency, label }: { rows: VoucherRow[]; currency: string; label: string }) {
  return (
    <table aria-label={label}>
      <thead>
        <tr>
          <th>Account</th>
          <th className="num">Debit</th>
          <th className="num">Credit</th>
          <th>Text</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            <td>{r.account}</td>
            <td className="num">{r.debit ? formatMoney({ amount: r.debit, currency }) : ""}</td>
            <td className="num">{r.credit ? formatMoney({ amount: r.credit, currency }) : ""}</td>
            <td className="muted">{r.info ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function stateText(v: DayVoucherView["record"]): string {
  switch (v.state) {
    case "posted":
      return `posted as ${v.reference ?? "?"}${v.movedFromLockedPeriod ? ` on ${v.transactionDate} (its period was locked)` : ""}`;
    case "booked_by_hand":
      return `booked by hand as ${v.bookedByHand?.voucherNumber ?? "?"}`;
    case "empty":
      return "nothing to post (its entries net to zero per BAS account)";
    case "failed":
      return `refused after ${v.attempts} attempt(s): ${v.error?.message ?? ""}${v.error?.code ? ` [Fortnox code ${v.error.code}]` : ""}`;
    default:
      return v.state === "posting" ? "being posted" : "waiting for the next run";
  }
}

function VoucherCard({ v }: { v: DayVoucherView }) {
  const r = v.record;
  const link = voucherLink(r);
  return (
    <article data-testid="day-voucher">
      <h3>
        {r.marker} · <span role={r.state === "failed" ? "alert" : undefined}>{stateText(r)}</span> ·{" "}
        <Link to={`/accountant/vouchers/${encodeURIComponent(r.id)}`}>specification ({r.entryCount} entries)</Link>
        {link && (
          <>
            {" "}
            ·{" "}
            <a href={link} target="_blank" rel="noreferrer">
              open in Fortnox
            </a>
          </>
        )}
      </h3>
      <div className="columns">
        <div>
          <h4>As Kassa posted it</h4>
          <Rows rows={r.rows} currency={r.currency} label={`Kassa rows ${r.id}`} />
        </div>
        {r.state === "posted" && (
          <div>
            <h4>Read back from Fortnox</h4>
            {v.fortnoxRows ? (
              <Rows rows={v.fortnoxRows} currency={r.currency} label={`Fortnox rows ${r.id}`} />
            ) : (
              <p className="muted">{v.fortnoxError ?? "Not readable in Fortnox."}</p>
            )}
          </div>
        )}
      </div>
    </article>
  );
}

/** One business day: what the books hold (stored vouchers), and separately what is waiting. */
export function DayVouchers({ day, refreshKey }: { day: string; refreshKey: number }) {
  const [data, setData] = useState<DayDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setData(null);
    setError(null);
    if (!day) return;
    // Only the latest request may set the view (a slow answer for an earlier day is dropped).
    let current = true;
    api.day({ day }).then(
      (res) => current && setData(res),
      (e: unknown) => current && setError(`Could not load ${day}: ${describeError(e)}`),
    );
    return () => {
      current = false;
    };
  }, [day, refreshKey]);

  const nothing = data && data.booked.length + data.notPosted.length + data.waiting.length === 0;
  return (
    <section className="card" aria-labelledby="day-vouchers">
      <h2 id="day-vouchers">Vouchers of {day}</h2>
      {error && <p role="alert">{error}</p>}
      {!data && !error && (
        <p className="muted" role="status">
          Loading {day}…
        </p>
      )}
      {nothing && <p className="muted">Nothing booked or waiting on {day}.</p>}
      {data && data.booked.length > 0 && <h3>Booked</h3>}
      {data?.booked.map((v) => <VoucherCard key={v.record.id} v={v} />)}
      {data && data.notPosted.length > 0 && <h3>Not in Fortnox yet</h3>}
      {data?.notPosted.map((v) => <VoucherCard key={v.record.id} v={v} />)}
      {data && data.waiting.length > 0 && (
        <>
          <h3>Waiting to be booked (not in a voucher yet)</h3>
          {data.waiting.map((w) => (
            <article key={`${w.flow}-${w.currency}`} data-testid="day-waiting">
              <h4>
                {w.flow} {w.currency.toUpperCase()} · {w.entryCount} entries, into {w.into}
                {/* Late entries collect for up to a week (one supplementary voucher a day, all flows). */}
                {w.notBefore > yesterdayInStockholm() ? `, booked by the nightly run of ${w.notBefore}` : ", booked by the next run"}
              </h4>
              <Rows rows={w.rows} currency={w.currency} label={`Waiting rows ${w.flow}`} />
            </article>
          ))}
        </>
      )}
    </section>
  );
}
