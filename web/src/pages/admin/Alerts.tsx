import { collection, limit, orderBy, query } from "firebase/firestore";
import { httpsCallable } from "firebase/functions";
import { Link } from "react-router-dom";
import { db, functions } from "../../firebase";
import { ActionResult } from "../../components/ActionResult";
import { formatDateTime } from "../../lib/payments";
import { useAction } from "../../lib/use-action";
import { useLiveQuery } from "../../lib/use-live-query";

interface AlertRow {
  id: string;
  kind: string;
  title: string;
  message: string;
  link: string;
  objectPath: string;
  status: "open" | "acknowledged";
  createdAt: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
}

const acknowledgeAlert = httpsCallable<{ alertId: string }, { alertId: string; status: string }>(functions, "acknowledgeAlert");

function Acknowledge({ id }: { id: string }) {
  const [state, run] = useAction();
  return (
    <>
      <button
        type="button"
        disabled={state.busy}
        onClick={() =>
          void run(async () => {
            await acknowledgeAlert({ alertId: id });
            return "Acknowledged";
          })
        }
      >
        {state.busy ? "Saving…" : "Acknowledge"}
      </button>
      <ActionResult state={state} />
    </>
  );
}

/** Operations alerts: dead events, failed payouts, failed or stuck runs and syncs. */
export function AdminAlerts() {
  const { rows, error } = useLiveQuery<AlertRow>(() => query(collection(db, "alerts"), orderBy("createdAt", "desc"), limit(100)), []);
  const open = rows?.filter((a) => a.status === "open").length ?? 0;
  return (
    <section>
      <h1>Alerts</h1>
      <p className="muted">
        Raised once per cause when something needs a person: an event that failed all its retries, a payout Stripe failed, a payout run or accounting sync
        that failed or is stuck. Mailed to admins when mail is on in Settings.
      </p>
      {error && (
        <p role="alert" className="error">
          Could not load alerts: {error}
        </p>
      )}
      {!rows && !error && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
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
        </>
      )}
    </section>
  );
}
