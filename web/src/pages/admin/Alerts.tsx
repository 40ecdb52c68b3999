import { collection, orderBy, query } from "firebase/firestore";
import { httpsCallable } from "firebase/functions";
import { Link } from "react-router-dom";
import { db, functions } from "../../firebase";
import { ActionButton } from "../../components/ActionResult";
import { formatDateTime } from "../../lib/payments";
import { usePagedQuery } from "../../lib/use-paged-query";
import { ShowOlder } from "../../components/ShowOlder";
// The server's alert document, type-only (erased from the bundle).
import type { Alert } from "@server/ports/alert-store";
import { LoadState } from "../../components/LoadState";

const acknowledgeAlert = httpsCallable<{ alertId: string }, { alertId: string; status: string }>(functions, "acknowledgeAlert");

function Acknowledge({ id }: { id: string }) {
  const acknowledge = async () => {
    await acknowledgeAlert({ alertId: id });
    return "Acknowledged";
  };
  return <ActionButton label="Acknowledge" busyLabel="Saving…" action={acknowledge} />;
}

/** Operations alerts: dead events, failed payouts, failed or stuck runs and syncs. */
export function AdminAlerts() {
  const paged = usePagedQuery<Alert>(() => query(collection(db, "alerts"), orderBy("createdAt", "desc")), "alerts");
  const { rows, error } = paged;
  const open = rows?.filter((a) => a.status === "open").length ?? 0;
  return (
    <section>
      <h1>Alerts</h1>
      <p className="muted">
        Raised once per cause when something needs a person: an event that failed all its retries, a payout Stripe failed, a payout run or accounting sync
        that failed or is stuck. Mailed to admins when mail is on in Settings.
      </p>
      <LoadState what="alerts" rows={rows} error={error} />
      {rows && rows.length === 0 && <p className="ok">No alerts. Nothing needs attention.</p>}
      {rows && rows.length > 0 && (
        <>
          <p>{open === 0 ? "All alerts acknowledged." : `${open} open`}</p>
          <table className="table" aria-label="Alerts">
            <thead>
              <tr>
                <th scope="col">Raised</th>
                <th scope="col">What</th>
                <th scope="col">Object</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id}>
                  <td>{formatDateTime(a.createdAt)}</td>
                  <td>
                    <strong>{a.title}</strong>
                    <div className="small">{a.message}</div>
                  </td>
                  <td>
                    <Link to={a.link}>{a.objectPath}</Link>
                  </td>
                  <td>
                    {a.status === "acknowledged" ? (
                      <span className="muted">
                        acknowledged {formatDateTime(a.acknowledgedAt)} by {a.acknowledgedBy}
                      </span>
                    ) : (
                      <Acknowledge id={a.id} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <ShowOlder paged={paged} label="alerts" />
        </>
      )}
    </section>
  );
}
