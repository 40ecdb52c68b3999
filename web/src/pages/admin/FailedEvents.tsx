import { collection, orderBy, query, where } from "firebase/firestore";
import { db } from "../../firebase";
import { ActionButton } from "../../components/ActionResult";
import { retryStripeEvent } from "../../lib/callables";
import { formatDateTime } from "../../lib/payments";
import { usePagedQuery } from "../../lib/use-paged-query";
import { ShowOlder } from "../../components/ShowOlder";
import { LoadState } from "../../components/LoadState";

interface EventRow {
  id: string;
  type: string;
  status: string;
  attempts: number;
  error: string | null;
  receivedAt: number;
  nextAttemptAt: number | null;
}

function Rerun({ id }: { id: string }) {
  const rerun = async () => {
    const { data } = await retryStripeEvent({ eventId: id });
    if (data.error) throw new Error(data.error);
    return data.result;
  };
  return <ActionButton label="Re-run" busyLabel="Running…" action={rerun} />;
}

/** Stripe events that failed: retried automatically with backoff; "dead" ones wait for an admin. */
export function FailedEvents() {
  const paged = usePagedQuery<EventRow>(
    () =>
      query(
        collection(db, "stripeEvents"),
        where("status", "in", ["failed", "dead"]),
        orderBy("receivedAt", "desc"),
      ),
    "failed-events",
  );
  const { rows, error } = paged;
  return (
    <section>
      <h1>Failed Stripe events</h1>
      <p className="muted">
        Failed events are retried automatically with growing pauses; after six tries they stop and
        wait here.
      </p>
      <LoadState what="events" rows={rows} error={error} />
      {rows && rows.length === 0 && (
        <p className="ok">No failed events. Everything Stripe sent has been booked.</p>
      )}
      {rows && rows.length > 0 && (
        <table className="table" aria-label="Failed events">
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Event</th>
              <th scope="col">Why it failed</th>
              <th scope="col">Tries</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.receivedAt)}</td>
                <td>
                  {e.type}
                  <div className="muted small">{e.id}</div>
                </td>
                <td>{e.error}</td>
                <td>
                  {e.attempts}{" "}
                  {e.status === "dead" ? "(stopped)" : `(next ${formatDateTime(e.nextAttemptAt)})`}
                </td>
                <td>
                  <Rerun id={e.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows && rows.length > 0 && (
        <ShowOlder paged={paged} label="failed events" />
      )}
    </section>
  );
}
