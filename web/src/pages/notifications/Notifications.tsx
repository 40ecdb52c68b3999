import { collection, limit, orderBy, query, where } from "firebase/firestore";
import { callable } from "../../lib/callable";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useSession } from "../../auth";
import { db } from "../../firestore";
import { describeError } from "../../lib/errors";
import { formatDateTime } from "../../lib/payments";
import { useLiveQuery } from "../../lib/use-live-query";
import { LoadState } from "../../components/LoadState";
import { inActiveLanguage } from "../../lib/server-text";

interface NotificationDoc {
  id: string;
  kind: "payout_paid" | "payout_failed" | "payout_approved" | "payout_rejected" | "onboarding_needed" | "voucher_refused" | "dispute_opened" | "dispute_won" | "dispute_lost";
  /** Swedish as stored; `en` beside it (the server writes both). */
  title: string;
  body: string;
  en?: { title: string; body: string };
  link: string;
  createdAt: number;
  read: boolean;
}

const markNotificationsRead = callable("markNotificationsRead");

const ICON: Record<NotificationDoc["kind"], string> = {
  payout_paid: "✓",
  payout_failed: "!",
  payout_approved: "✓",
  payout_rejected: "!",
  onboarding_needed: "i",
  voucher_refused: "!",
  dispute_opened: "!",
  dispute_won: "✓",
  dispute_lost: "!",
};

export function Notifications() {
  const { t } = useTranslation();
  const { user } = useSession();
  const uid = user?.uid ?? null;
  const { rows, error } = useLiveQuery<NotificationDoc>(
    () => (uid ? query(collection(db, "notifications"), where("uid", "==", uid), orderBy("createdAt", "desc"), limit(30)) : null),
    [uid],
  );
  const [mark, setMark] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const unread = rows?.filter((n) => !n.read).length ?? 0;

  async function markAll() {
    setMark({ busy: true });
    try {
      await markNotificationsRead({});
      setMark({ busy: false });
    } catch (e) {
      setMark({ busy: false, error: describeError(e) });
    }
  }

  return (
    <section className="stack">
      <h1>{t("notifications.title")}</h1>
      <LoadState what={t("notifications.what")} rows={rows} error={error} />
      {rows && rows.length === 0 && <p className="card muted">{t("notifications.none")}</p>}
      {rows && rows.length > 0 && (
        <>
          <div className="inline">
            <span aria-live="polite">{unread === 0 ? t("notifications.allRead") : t("notifications.unread", { count: unread })}</span>
            {unread > 0 && (
              <button type="button" className="secondary" disabled={mark.busy} onClick={() => void markAll()}>
                {mark.busy ? t("notifications.marking") : t("notifications.markAll")}
              </button>
            )}
          </div>
          {mark.error && (
            <p role="alert" className="error">
              {mark.error}
            </p>
          )}
          <ul className="notifications">
            {rows.map((n) => (
              <li key={n.id} className={`card notification ${n.kind}${n.read ? "" : " unread"}`}>
                <span className="icon" aria-hidden="true">
                  {ICON[n.kind]}
                </span>
                <div>
                  <h2>
                    {!n.read && <span className="visually-hidden">{t("notifications.unreadPrefix")}</span>}
                    {inActiveLanguage(n).title}
                  </h2>
                  <p>{inActiveLanguage(n).body}</p>
                  <p className="muted small">
                    {formatDateTime(n.createdAt)} · <Link to={n.link}>{n.kind === "voucher_refused" ? t("notifications.toBookkeeping") : t("notifications.toPayouts")}</Link>
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
