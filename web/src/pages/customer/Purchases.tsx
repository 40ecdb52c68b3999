import { collection, orderBy, query, where } from "firebase/firestore";
import { Link, useSearchParams } from "react-router-dom";
import { useSession } from "../../auth";
import { db } from "../../firebase";
import { formatMoney } from "../../lib/money";
import { formatDate, type PaymentDoc, STATUS_LABEL } from "../../lib/payments";
import { usePagedQuery } from "../../lib/use-paged-query";
import { ShowOlder } from "../../components/ShowOlder";

/**
 * The customer's own payments, live: a purchase appears the moment Stripe's webhook is booked.
 * It reads purchases/ (what they paid), not payments/ (the marketplace's split).
 */
export function Purchases() {
  const { user } = useSession();
  const [params] = useSearchParams();
  const paged = usePagedQuery<PaymentDoc>(
    () => (user ? query(collection(db, "purchases"), where("userId", "==", user.uid), orderBy("date", "desc")) : null),
    `purchases:${user?.uid ?? ""}`,
  );
  const { rows, error } = paged;
  const justPaid = params.get("checkout") === "success";
  const confirmed =
    justPaid && rows?.some((r) => r.status === "succeeded" && Date.now() - r.date < 10 * 60_000);

  return (
    <section>
      <h1>Your purchases</h1>
      {justPaid && !confirmed && (
        <p className="notice" role="status">
          Payment received by Stripe; confirming it… this page updates by itself.
        </p>
      )}
      {justPaid && confirmed && (
        <p className="notice ok" role="status">
          Payment confirmed. Thank you!
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          Could not load your purchases: {error}
        </p>
      )}
      {!rows && !error && (
        <p className="muted" role="status">
          Loading purchases…
        </p>
      )}
      {rows && rows.length === 0 && (
        <p className="muted">
          No purchases yet. <Link to="/customer">Browse programs</Link>
        </p>
      )}
      {rows && rows.length > 0 && (
        <table className="table" aria-label="Purchases">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">What</th>
              <th scope="col">Amount</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id}>
                <td>{formatDate(p.date)}</td>
                <td>
                  {p.kind === "subscription" ? "Premium (monthly)" : (p.description ?? p.programId)}
                </td>
                <td>{formatMoney({ amount: p.amount, currency: p.currency })}</td>
                <td>
                  {STATUS_LABEL[p.status] ?? p.status}
                  {p.refundedAmount > 0 &&
                    p.status !== "refunded" &&
                    ` (${formatMoney({ amount: p.refundedAmount, currency: p.currency })} refunded)`}
                  {p.failureReason && <span className="muted"> — {p.failureReason}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ShowOlder paged={paged} label="Your purchases" />
    </section>
  );
}
