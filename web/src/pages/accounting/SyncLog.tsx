import { collection, limit, onSnapshot, orderBy, query, where } from "firebase/firestore";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { db } from "../../firestore";
import { describeError } from "../../lib/errors";
import { formatMoney, formatStockholm } from "../../lib/money";
import type { SyncJob } from "./api";
import { referenceAsFortnox } from "./side-by-side";

/** Every sync run, newest first, live: what was posted (series/number, totals) and what failed and why. */
export function SyncLog({ onDay }: { onDay: (day: string) => void }) {
  const { t } = useTranslation();
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
        (e) => setError(t("accounting.log.readFailed", { error: describeError(e) })),
      ),
    [t],
  );

  return (
    <section className="card" aria-labelledby="sync-log">
      <h2 id="sync-log">{t("accounting.log.title")}</h2>
      {error && <p role="alert">{error}</p>}
      {!jobs && !error && (
        <p className="muted" role="status">
          {t("accounting.log.loading")}
        </p>
      )}
      {jobs?.length === 0 && <p className="muted">{t("accounting.log.none")}</p>}
      {jobs?.map((job) => (
        <details key={job.id} open={job === jobs[0]} data-testid="sync-run">
          <summary>
            {formatStockholm(job.startedAt, { dateStyle: "short", timeStyle: "medium" })} ·{" "}
            {job.trigger === "schedule" ? t("accounting.log.nightly") : t("accounting.log.manual")}{" "}
            · <strong>{t(`accounting.syncStates.${job.state}`)}</strong>
            {job.state === "running" &&
              ` ${t("accounting.log.progress", { done: job.progress.vouchersDone, total: job.progress.vouchersTotal })}`}{" "}
            ·{" "}
            {t("accounting.log.summary", {
              entries: job.counts.entriesPlanned,
              vouchers: job.counts.vouchersPlanned,
              posted: job.counts.posted,
              recovered: job.counts.recovered,
              failed: job.counts.failed,
              deferred: job.counts.deferred,
            })}
          </summary>
          {job.stoppedReason && <p role="alert">{job.stoppedReason}</p>}
          {job.errors.length > 0 && (
            <ul>
              {job.errors.map((e, i) => (
                <li key={i}>
                  {e.day ?? ""} {e.voucherId ? `(${e.voucherId})` : ""}: {e.message}
                  {e.code ? ` [${t("accounting.fortnoxCode", { code: e.code })}]` : ""}
                </li>
              ))}
            </ul>
          )}
          {job.vouchers.length > 0 && (
            // Scrolls inside its box: five columns are wider than a phone.
            <div className="scroll-x">
              <table>
                <thead>
                  <tr>
                    <th>{t("accounting.log.day")}</th>
                    <th>{t("accounting.log.flow")}</th>
                    <th>{t("accounting.log.outcome")}</th>
                    <th>{t("accounting.log.voucher")}</th>
                    <th className="num">{t("accounting.log.total")}</th>
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
                        {t(`accounting.flows.${v.flow}`)} {v.currency.toUpperCase()}
                      </td>
                      <td>{t(`accounting.outcomes.${v.outcome}`)}</td>
                      <td>{v.reference ? referenceAsFortnox(v.reference) : "—"}</td>
                      <td className="num">
                        {formatMoney({ amount: v.totalMinor, currency: v.currency })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </details>
      ))}
    </section>
  );
}
