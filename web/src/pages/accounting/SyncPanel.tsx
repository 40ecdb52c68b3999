import { useState } from "react";
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
              text:
                res.state === "succeeded"
                  ? `Synced ${day}.`
                  : `Synced ${day} with errors; see the log below.`,
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
      <h2 id="sync-now">Sync a day</h2>
      <label>
        Day <input type="date" value={day} max={max} onChange={(e) => onDay(e.target.value)} />
      </label>{" "}
      <button type="button" onClick={sync} disabled={running || !day}>
        {running ? "Syncing…" : "Sync now"}
      </button>
      {running && <p role="status">Posting {day} to Fortnox…</p>}
      {message && <p role={message.ok ? "status" : "alert"}>{message.text}</p>}
      <p className="muted">
        Days up to {max} (yesterday in Stockholm) can be booked. The nightly run at 02:00 books
        every day not yet booked.
      </p>
    </section>
  );
}
