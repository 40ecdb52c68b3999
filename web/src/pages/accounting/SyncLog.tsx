import { collection, limit, onSnapshot, orderBy, query, where } from "firebase/firestore";
import { useEffect, useState } from "react";
import { db } from "../../firebase";
import { describeError } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import type { SyncJob } from "./api";

/** Every sync run, newest first, live: what was posted (series/number, totals) and what failed and why. */
export function SyncLog({ onDay }: { onDay: (day: string) => void }) {
  const [jobs, setJobs] = useState<SyncJob[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(
    () =>
      onSnapshot(
        query(
          collection(db, "jobs"),
          where("type", "==", "accounting_sync"),
          orderBy("startedAt", "desc"),
          limit(15),
        ),
        (snap) => setJobs(snap.docs.map((d) => d.data() as SyncJob)),
        (e) => setError(`Could not read the sync log: ${describeError(e)}`),
      ),
    [],
  );

  return (
    <section className="card" aria-labelledby="sync-log">
      <h2 id="sync-log">Sync log</h2>
      {error && <p role="alert">{error}</p>}
      {!jobs && !error && (
        <p className="muted" role="status">
          Loading the sync log…
        </p>
      )}
      {jobs?.length === 0 && <p className="muted">No sync has run yet.</p>}
      {jobs?.map((job) => (
        <details key={job.id} open={job === jobs[0]} data-testid="sync-run">
          <summary>
            {new Date(job.startedAt).toLocaleString("sv-SE")} ·{" "}
            {job.trigger === "schedule" ? "nightly" : "manual"} · <strong>{job.state}</strong>
            {job.state === "running" &&
              ` (${job.progress.vouchersDone}/${job.progress.vouchersTotal} vouchers)`}{" "}
            · {job.counts.entriesPlanned} entries into {job.counts.vouchersPlanned} new vouchers ·{" "}
            {job.counts.posted} posted, {job.counts.recovered} found by marker,{" "}
            {job.counts.failed} refused, {job.counts.deferred} left for the next run
          </summary>
          {job.stoppedReason && <p role="alert">{job.stoppedReason}</p>}
          {job.errors.length > 0 && (
            <ul>
              {job.errors.map((e, i) => (
                <li key={i}>
                  {e.day ?? ""} {e.voucherId ? `(${e.voucherId})` : ""}: {e.message}
                  {e.code ? ` [Fortnox code ${e.code}]` : ""}
                </li>
              ))}
            </ul>
          )}
          {job.vouchers.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th>Day</th>
                  <th>Flow</th>
                  <th>Outcome</th>
                  <th>Voucher</th>
                  <th className="num">Total</th>
                </tr>
              </thead>
              <tbody>
                {job.vouchers.map((v) => (
                  <tr key={v.id}>
                    <td>
                      <button type="button" className="link" onClick={() => onDay(v.day)}>
                        {v.day}
                      </button>
                    </td>
                    <td>
                      {v.flow} {v.currency.toUpperCase()}
                    </td>
                    <td>{v.outcome.replace("_", " ")}</td>
                    <td>{v.reference ?? "—"}</td>
                    <td className="num">
                      {formatMoney({ amount: v.totalMinor, currency: v.currency })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </details>
      ))}
    </section>
  );
}
