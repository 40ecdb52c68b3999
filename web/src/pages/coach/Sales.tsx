import { collection, limit, orderBy, query, where } from "firebase/firestore";
import { useSession } from "../../auth";
import { db } from "../../firebase";
import { formatMoney } from "../../lib/money";
import { coachShare, formatDate, type PaymentDoc, STATUS_LABEL } from "../../lib/payments";
import { useLiveQuery } from "../../lib/use-live-query";

/** A coach's sales with the platform fee and their share, newest first. */
export function Sales() {
  const { user } = useSession();
  const { rows, error } = useLiveQuery<PaymentDoc>(
    () =>
      user
        ? query(
            collection(db, "payments"),
            where("coachId", "==", user.uid),
            orderBy("date", "desc"),
            limit(100),
          )
        : null,
    [user?.uid],
  );
  return (
    <section>
      <h1>Your sales</h1>
      {error && (
        <p role="alert" className="error">
          Could not load sales: {error}
        </p>
      )}
      {!rows && !error && (
        <p className="muted" role="status">
          Loading sales…
        </p>
      )}
      {rows && rows.length === 0 && <p className="muted">No sales yet.</p>}
      {rows && rows.length > 0 && (
        <table className="table" aria-label="Sales">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Program</th>
              <th scope="col">Price</th>
              <th scope="col">Platform fee</th>
              <th scope="col">Your share</th>
              <th scope="col">Status</th>
              <th scope="col">Available from</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id}>
                <td>{formatDate(p.date)}</td>
                <td>{p.description ?? p.programId}</td>
                <td>{formatMoney({ amount: p.amount, currency: p.currency })}</td>
                <td>{formatMoney({ amount: p.feeAmount, currency: p.currency })}</td>
                <td>{formatMoney(coachShare(p))}</td>
                <td>{STATUS_LABEL[p.status] ?? p.status}</td>
                <td>{p.status === "succeeded" ? formatDate(p.availableOn) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
