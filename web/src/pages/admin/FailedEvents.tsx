import { collection, orderBy, query, where } from "firebase/firestore";
import { useTranslation } from "react-i18next";
import { db } from "../../firestore";
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
  const { t } = useTranslation();
  const rerun = async () => {
    const { data } = await retryStripeEvent({ eventId: id });
    if (data.error) throw new Error(data.error);
    return data.result;
  };
  return <ActionButton label={t("failedEvents.rerun")} busyLabel={t("failedEvents.running")} action={rerun} />;
}

/** Stripe events that failed: retried automatically with backoff; "dead" ones wait for an admin. */
export function FailedEvents() {
  const { t } = useTranslation();
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
      <h1>{t("failedEvents.title")}</h1>
      <p className="muted">{t("failedEvents.intro")}</p>
      <LoadState what={t("failedEvents.what")} rows={rows} error={error} />
      {rows && rows.length === 0 && (
        <p className="ok">{t("failedEvents.none")}</p>
      )}
      {rows && rows.length > 0 && (
        <table className="table" aria-label={t("failedEvents.table")}>
          <thead>
            <tr>
              <th scope="col">{t("failedEvents.received")}</th>
              <th scope="col">{t("failedEvents.event")}</th>
              <th scope="col">{t("failedEvents.why")}</th>
              <th scope="col">{t("failedEvents.tries")}</th>
              <th scope="col">{t("failedEvents.action")}</th>
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
                  {e.status === "dead" ? t("failedEvents.stopped") : t("failedEvents.next", { when: formatDateTime(e.nextAttemptAt) })}
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
        <ShowOlder paged={paged} label={t("failedEvents.table")} />
      )}
    </section>
  );
}
