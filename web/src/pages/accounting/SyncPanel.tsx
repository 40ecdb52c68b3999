import { useState } from "react";
import { useTranslation } from "react-i18next";
import { describeError } from "../../lib/errors";
import { api, yesterdayInStockholm } from "./api";

/** "Sync now" for a chosen day; progress shows in the sync log, which updates live. */
export function SyncPanel({
  day,
  onDay,
  onSynced,
}: {
  day: string;
  onDay: (day: string) => void;
  onSynced: () => void;
}) {
  const { t } = useTranslation();
  const [running, setRunning] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const max = yesterdayInStockholm();

  const sync = async () => {
    setRunning(true);
    setMessage(null);
    try {
      const res = await api.syncNow({ day });
      setMessage(
        res.stoppedReason
          ? { ok: false, text: res.stoppedReason }
          : {
              ok: res.state === "succeeded",
              text: t(res.state === "succeeded" ? "accounting.sync.synced" : "accounting.sync.syncedWithErrors", { day }),
            },
      );
    } catch (e) {
      setMessage({ ok: false, text: describeError(e) });
    } finally {
      setRunning(false);
      onSynced();
    }
  };

  return (
    <section className="card" aria-labelledby="sync-now">
      <h2 id="sync-now">{t("accounting.sync.title")}</h2>
      <label>
        {t("accounting.sync.day")} <input type="date" value={day} max={max} onChange={(e) => onDay(e.target.value)} />
      </label>{" "}
      <button type="button" onClick={sync} disabled={running || !day}>
        {running ? t("accounting.sync.syncing") : t("accounting.sync.syncNow")}
      </button>
      {running && <p role="status">{t("accounting.sync.posting", { day })}</p>}
      {message && <p role={message.ok ? "status" : "alert"}>{message.text}</p>}
      <p className="muted">{t("accounting.sync.hint", { max })}</p>
    </section>
  );
}
