import { collection, orderBy, query } from "firebase/firestore";
import { callable } from "../../lib/callable";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { db } from "../../firestore";
import { ActionButton } from "../../components/ActionResult";
import { formatDateTime } from "../../lib/payments";
import { personLabel, usePerson } from "../../lib/use-people";
import { usePagedQuery } from "../../lib/use-paged-query";
import { ShowOlder } from "../../components/ShowOlder";
// The server's alert document, type-only (erased from the bundle).
import type { Alert } from "@server/contracts/shapes";
import { LoadState } from "../../components/LoadState";
import { inActiveLanguage } from "../../lib/server-text";

const acknowledgeAlert = callable("acknowledgeAlert");

function Acknowledge({ id }: { id: string }) {
  const { t } = useTranslation();
  const acknowledge = async () => {
    await acknowledgeAlert({ alertId: id });
    return t("alerts.acknowledged");
  };
  return <ActionButton label={t("alerts.acknowledge")} busyLabel={t("alerts.saving")} action={acknowledge} />;
}

/** "kvitterad av Ada Admin": the person by name (else email) from users/{uid}, not the uid. */
function AcknowledgedBy({ at, uid }: { at: number | null; uid: string | null }) {
  const { t } = useTranslation();
  const person = usePerson(uid);
  return <>{t("alerts.acknowledgedBy", { when: formatDateTime(at), who: uid ? personLabel(person, uid) : "—" })}</>;
}

/** Operations alerts: dead events, failed payouts, failed or stuck runs and syncs. */
export function AdminAlerts() {
  const { t } = useTranslation();
  const paged = usePagedQuery<Alert>(() => query(collection(db, "alerts"), orderBy("createdAt", "desc")), "alerts");
  const { rows, error } = paged;
  const open = rows?.filter((a) => a.status === "open").length ?? 0;
  return (
    <section>
      <h1>{t("alerts.title")}</h1>
      <p className="muted">{t("alerts.intro")}</p>
      <LoadState what={t("alerts.what")} rows={rows} error={error} />
      {rows && rows.length === 0 && <p className="ok">{t("alerts.none")}</p>}
      {rows && rows.length > 0 && (
        <>
          <p>{open === 0 ? t("alerts.allAcknowledged") : t("alerts.open", { count: open })}</p>
          <table className="table" aria-label={t("alerts.table")}>
            <thead>
              <tr>
                <th scope="col">{t("alerts.raised")}</th>
                <th scope="col">{t("alerts.whatColumn")}</th>
                <th scope="col">{t("alerts.object")}</th>
                <th scope="col">{t("alerts.state")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id}>
                  <td>{formatDateTime(a.createdAt)}</td>
                  <td>
                    <strong>{inActiveLanguage(a).title}</strong>
                    <div className="small">{inActiveLanguage(a).message}</div>
                  </td>
                  <td>
                    <Link to={a.link}>{a.objectPath}</Link>
                  </td>
                  <td>
                    {a.status === "acknowledged" ? (
                      <span className="muted">
                        <AcknowledgedBy at={a.acknowledgedAt} uid={a.acknowledgedBy} />
                      </span>
                    ) : (
                      <Acknowledge id={a.id} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <ShowOlder paged={paged} label={t("alerts.what")} />
        </>
      )}
    </section>
  );
}
