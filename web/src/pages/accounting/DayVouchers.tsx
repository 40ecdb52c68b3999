import { useEffect, useState } from "react";
import { describeError } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import { api, voucherLink, type DayVoucherView, type VoucherRow } from "./api";

function Rows({ rows, currency, label }: { rows: VoucherRow[]; currency: string; label: string }) {
  return (
    <table aria-label={label}>
      <thead>
        <tr>
          <th>Account</th>
          <th className="num">Debit</th>
          <th className="num">Credit</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            <td>{r.account}</td>
            <td className="num">{r.debit ? formatMoney({ amount: r.debit, currency }) : ""}</td>
            <td className="num">{r.credit ? formatMoney({ amount: r.credit, currency }) : ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One day's vouchers: Kassa's rows and ledger totals next to what Fortnox holds. */
export function DayVouchers({ day, refreshKey }: { day: string; refreshKey: number }) {
  const [data, setData] = useState<DayVoucherView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setData(null);
    setError(null);
    if (!day) return;
    // A slower answer for the day shown before (its Fortnox lookups can take a while) must not
    // replace the day chosen since: only the latest request may set the view.
    let current = true;
    api.day({ day }).then(
      (res) => current && setData(res.vouchers),
      (e: unknown) => current && setError(`Could not load ${day}: ${describeError(e)}`),
    );
    return () => {
      current = false;
    };
  }, [day, refreshKey]);

  return (
    <section className="card" aria-labelledby="day-vouchers">
      <h2 id="day-vouchers">Vouchers of {day}</h2>
      {error && <p role="alert">{error}</p>}
      {!data && !error && (
        <p className="muted" role="status">
          Loading {day}…
        </p>
      )}
      {data?.length === 0 && (
        <p className="muted">Nothing to book on {day}: the ledger has no entries that day.</p>
      )}
      {data?.map((v) => {
        const link = v.record ? voucherLink(v.record) : null;
        return (
          <article key={v.id} data-testid="day-voucher">
            <h3>
              {v.flow} {v.currency.toUpperCase()} ·{" "}
              {v.record?.state === "posted" ? (
                <>
                  voucher <strong>{v.record.reference}</strong>
                  {link && (
                    <>
                      {" "}
                      ·{" "}
                      <a href={link} target="_blank" rel="noreferrer">
                        open in Fortnox
                      </a>
                    </>
                  )}
                </>
              ) : v.record?.state === "failed" ? (
                <span role="alert">
                  failed after {v.record.attempts} attempt(s): {v.record.error?.message}
                  {v.record.error?.code ? ` [Fortnox code ${v.record.error.code}]` : ""}
                </span>
              ) : v.record?.state === "posting" ? (
                "being posted"
              ) : (
                "not synced yet"
              )}
            </h3>
            <div className="columns">
              <div>
                <h4>Kassa ({v.entryCount} ledger entries)</h4>
                <Rows rows={v.kassaRows} currency={v.currency} label={`Kassa rows ${v.flow}`} />
                <details>
                  <summary>Ledger totals per Kassa account</summary>
                  <ul>
                    {v.ledgerTotals.map((t) => (
                      <li key={t.account}>
                        {t.account}: {formatMoney({ amount: t.amount, currency: v.currency })}
                      </li>
                    ))}
                  </ul>
                </details>
              </div>
              <div>
                <h4>Fortnox</h4>
                {v.fortnoxRows ? (
                  <Rows
                    rows={v.fortnoxRows}
                    currency={v.currency}
                    label={`Fortnox rows ${v.flow}`}
                  />
                ) : (
                  <p className="muted">{v.fortnoxError ?? "Not in Fortnox yet."}</p>
                )}
              </div>
            </div>
          </article>
        );
      })}
    </section>
  );
}
