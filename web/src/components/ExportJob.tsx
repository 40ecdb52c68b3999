/**
 * A period's CSV export as a background job: the form asks the server to start it
 * (startExport), then the job document (`exports/{jobId}`) is watched live for progress, and
 * when the file is complete its download link appears. A year of payments is built in Cloud
 * Storage page by page, so nothing large ever passes through the browser or a callable's
 * response.
 */
import { doc, onSnapshot } from "firebase/firestore";
import { callable } from "../lib/callable";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ExportJob as ExportJobDoc } from "@server/contracts/shapes";
import { db } from "../firestore";
import { CsvFormatPicker, useCsvFormat } from "./CsvFormatPicker";
import { intlLocale } from "../i18n/locale";
import { describeError } from "../lib/errors";
import { formatStockholm } from "../lib/money";

type Kind = "payments" | "payouts" | "ledger";

const startExport = callable("startExport");

const stockholmToday = () =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm" }).format(new Date());
const count = (n: number) => n.toLocaleString(intlLocale());
const megabytes = (bytes: number) =>
  `${new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;

/** The job document, live; null until it exists (or when the reader may not see it). */
function useExportJob(jobId: string | null): { job: ExportJobDoc | null; error: string | null } {
  const [state, setState] = useState<{ job: ExportJobDoc | null; error: string | null }>({
    job: null,
    error: null,
  });
  useEffect(() => {
    setState({ job: null, error: null });
    if (!jobId) return;
    return onSnapshot(
      doc(db, "exports", jobId),
      (snap) =>
        setState({ job: snap.exists() ? (snap.data() as ExportJobDoc) : null, error: null }),
      (err) => setState({ job: null, error: describeError(err) }),
    );
  }, [jobId]);
  return state;
}

function JobProgress({ job }: { job: ExportJobDoc }) {
  const { t } = useTranslation();
  const label =
    job.status === "queued"
      ? (job.error ?? t("exportJob.waiting"))
      : job.recordsTotal === null
        ? t("exportJob.counting")
        : t("exportJob.writing", {
            read: count(job.recordsRead),
            total: count(job.recordsTotal),
            unit: t(`exportJob.units.${job.kind}`),
            progress: job.progress,
          });
  return (
    <div>
      <div
        role="progressbar"
        aria-label={t("exportJob.progress")}
        aria-valuenow={job.progress}
        aria-valuemin={0}
        aria-valuemax={100}
        style={{ background: "var(--line)", borderRadius: 4, height: "0.7rem", width: "100%" }}
      >
        <div
          style={{
            background: "var(--brand)",
            borderRadius: 4,
            height: "100%",
            width: `${job.progress}%`,
            transition: "width 0.3s",
          }}
        />
      </div>
      <p role="status" className="muted">
        {label}
      </p>
    </div>
  );
}

function JobState({ job }: { job: ExportJobDoc }) {
  const { t } = useTranslation();
  if (job.status === "failed")
    return (
      <p role="alert" className="error">
        {t("exportJob.failed", { reason: job.error ?? t("exportJob.noReason") })}
      </p>
    );
  if (job.status !== "done" || !job.downloadUrl) return <JobProgress job={job} />;
  return (
    <p role="status" className="ok">
      {t("exportJob.ready", {
        count: job.rowsWritten,
        rows: count(job.rowsWritten),
        size: megabytes(job.bytes),
      })}{" "}
      <a href={job.downloadUrl} download={job.filename}>
        {t("exportJob.download", { file: job.filename })}
      </a>
      {job.downloadExpiresAt !== null && (
        <span className="muted small">
          {" "}
          {t("exportJob.linkUntil", {
            when: formatStockholm(job.downloadExpiresAt, {
              dateStyle: "short",
              timeStyle: "short",
            }),
          })}
        </span>
      )}
    </p>
  );
}

export function ExportJob() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>("payments");
  const [from, setFrom] = useState(`${stockholmToday().slice(0, 7)}-01`);
  const [to, setTo] = useState(stockholmToday());
  const [format, setFormat] = useCsvFormat();
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const { job, error: watchError } = useExportJob(jobId);
  const running = job !== null && (job.status === "queued" || job.status === "running");

  async function submit(e: FormEvent) {
    e.preventDefault();
    setStarting(true);
    setStartError(null);
    setJobId(null);
    try {
      const { data } = await startExport({ kind, from, to, format });
      setJobId(data.jobId);
    } catch (err) {
      setStartError(t("exportJob.startFailed", { error: describeError(err) }));
    } finally {
      setStarting(false);
    }
  }

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="export-h">
      <h2 id="export-h">{t("exportJob.title")}</h2>
      <p className="muted small">{t("exportJob.intro")}</p>
      <div className="filters">
        <label>
          {t("exportJob.what")}
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="payments">{t("exportJob.kinds.payments")}</option>
            <option value="payouts">{t("exportJob.kinds.payouts")}</option>
            <option value="ledger">{t("exportJob.kinds.ledger")}</option>
          </select>
        </label>
        <label>
          {t("exportJob.from")}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
        </label>
        <label>
          {t("exportJob.to")}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
        </label>
        <CsvFormatPicker format={format} onChange={setFormat} />
        <button type="submit" disabled={starting || running}>
          {starting
            ? t("exportJob.starting")
            : running
              ? t("exportJob.exporting")
              : t("exportJob.exportCsv")}
        </button>
      </div>
      {startError && (
        <p role="alert" className="error">
          {startError}
        </p>
      )}
      {watchError && (
        <p role="alert" className="error">
          {watchError}
        </p>
      )}
      {jobId && !job && !watchError && (
        <p role="status" className="muted">
          {t("exportJob.startingExport")}
        </p>
      )}
      {job && <JobState job={job} />}
    </form>
  );
}
