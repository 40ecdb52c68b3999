import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { downloadCsv } from "../../lib/csv";
import { describeError } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import { api, type VoucherSpecification } from "./api";
import { Rows } from "./DayVouchers";

/** A voucher's specification: its rows as posted and every entry it books, with Stripe ids. */
export function VoucherSpecificationPage() {
  const { voucherId = "" } = useParams();
  const [spec, setSpec] = useState<VoucherSpecification | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    api.specification({ voucherId }).then(
      (res) => current && setSpec(res),
      (e: unknown) => current && setError(`Could not load ${voucherId}: ${describeError(e)}`),
    );
    return () => {
      current = false;
    };
  }, [voucherId]);
  async function csv() {
    try {
      const res = await api.specificationCsv({ voucherId });
      downloadCsv(res.filename, res.csv);
    } catch (e) {
      setError(describeError(e));
    }
  }
  const v = spec?.voucher;
  return (
    <section>
      <p>
        <Link to="/accountant">← Bookkeeping</Link>
      </p>
      <h1>Voucher specification</h1>
      {error && <p role="alert">{error}</p>}
      {!spec && !error && <p className="muted" role="status">Loading…</p>}
      {v && spec && (
        <>
          <p data-testid="spec-summary">
            <strong>{v.marker}</strong> · {v.state.replace(/_/g, " ")}
            {v.reference ? ` · Fortnox ${v.reference}` : ""}
            {v.bookedByHand ? ` · booked by hand as ${v.bookedByHand.voucherNumber} by ${v.bookedByHand.by}` : ""}
            {v.transactionDate ? ` · dated ${v.transactionDate}` : ""} · {v.entryCount} entries
          </p>
          <button type="button" onClick={csv}>
            Download specification (CSV)
          </button>
          <Rows rows={v.rows} currency={v.currency} label="Voucher rows" />
          <table aria-label="Entries">
            <thead>
              <tr>
                <th>Entry</th>
                <th>Kind</th>
                <th>When</th>
                <th className="num">Amount</th>
                <th>Payment</th>
                <th>Payout</th>
                <th>Stripe object</th>
              </tr>
            </thead>
            <tbody>
              {spec.lines.map((l) => (
                <tr key={l.entryId}>
                  <td>{l.entryId}</td>
                  <td>{l.kind}</td>
                  <td>{new Date(l.occurredAt).toLocaleString("sv-SE", { timeZone: "Europe/Stockholm" })}</td>
                  <td className="num">
                    {formatMoney({ amount: l.amountMinor, currency: v.currency })}
                    {l.original ? ` (${formatMoney({ amount: l.original.amount, currency: l.original.currency })})` : ""}
                  </td>
                  <td>{l.paymentId ?? ""}</td>
                  <td>{l.payoutId ?? ""}</td>
                  <td>{l.stripeObjectId ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
