/**
 * A period's CSV export as a background job: the form asks the server to start it
 * (startExport), then the job document (`exports/{jobId}`) is watched live for progress, and
 * when the file is complete its download link appears. A year of payments is built in Cloud
 * Storage page by page, so nothing large ever passes through the browser or a callable's
 * response. Plain English for now; the lead moves the strings to i18n after merging.
 */
import { doc, onSnapshot } from "firebase/firestore";
import { httpsCallable } from "firebase/functions";
import { type FormEvent, useEffect, useState } from "react";
import type { ExportJob as ExportJobDoc } from "@server/ports/export-jobs";
import { db, functions } from "../firebase";
import { describeError } from "../lib/errors";

type Kind = "payments" | "payouts" | "ledger";

const startExport = httpsCallable<{ kind: Kind; from: string; to: string }, { jobId: string }>(functions, "startExport");

const stockholmToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm" }).format(new Date());
const count = (n: number) => n.toLocaleString("en");
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The job document, live; null until it exists (or when the reader may not see it). */
function useExportJob(jobId: string | null): { job: ExportJobDoc | null; error: string | null } {
  const [state, setState] = useState<{ job: ExportJobDoc | null; error: string | null }>({ job: null, error: null });
  useEffect(() => {
    setState({ job: null, error: null });
    if (!jobId) return;
    return onSnapshot(
      doc(db, "exports", jobId),
      (snap) => setState({ job: snap.exists() ? (snap.data() as ExportJobDoc) : null, error: null }),
      (err) => setState({ job: null, error: describeError(err) }),
    );
  }, [jobId]);
  return state;
}

function JobProgress({ job }: { job: ExportJobDoc }) {
  const unit = job.kind === "ledger" ? "entries" : job.kind;
  const label =
    job.status === "queued"
      ? job.error ?? "Waiting to start…"
      : job.recordsTotal === null
        ? "Counting rows…"
        : `Writing ${count(job.recordsRead)} of ${count(job.recordsTotal)} ${unit} (${job.progress} %)`;
  return (
    <div>
      <div
        role="progressbar"
        aria-label="Export progress"
        aria-valuenow={job.progress}
        aria-valuemin={0}
        aria-valuemax={100}
        style={{ background: "var(--line)", borderRadius: 4, height: "0.7rem", width: "100%" }}
      >
        <div style={{ background: "var(--brand)", borderRadius: 4, height: "100%", width: `${job.progress}%`, transition: "width 0.3s" }} />
      </div>
      <p role="status" className="muted">
        {label}
      </p>
    </div>
  );
}

function JobState({ job }: { job: ExportJobDoc }) {
  if (job.status === "failed")
    return (
      <p role="alert" className="error">
        The export failed: {job.error ?? "no reason given"}
      </p>
    );
  if (job.status !== "done" || !job.downloadUrl) return <JobProgress job={job} />;
  return (
    <p role="status" className="ok">
      Ready: {count(job.rowsWritten)} rows, {megabytes(job.bytes)}.{" "}
      <a href={job.downloadUrl} download={job.filename}>
        Download {job.filename}
      </a>
      {job.downloadExpiresAt !== null && (
        <span className="muted small"> (the link works until {new Date(job.downloadExpiresAt).toLocaleString("sv-SE", { timeZone: "Europe/Stockholm" })})</span>
      )}
    </p>
  );
}

export function ExportJob() {
  const [kind, setKind] = useState<Kind>("payments");
  const [from, setFrom] = useState(`${stockholmToday().slice(0, 7)}-01`);
  const [to, setTo] = useState(stockholmToday());
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
      const { data } = await startExport({ kind, from, to });
      setJobId(data.jobId);
    } catch (err) {
      setStartError(`${describeError(err)} Check the dates and try again.`);
    } finally {
      setStarting(false);
    }
  }

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="export-h">
      <h2 id="export-h">Export a period</h2>
      <p className="muted small">
        Amounts as decimal numbers next to their currency, exact to the öre. Days are Stockholm days, both included; at most a year per
        export. The file is built on the server and can be downloaded when it is ready.
      </p>
      <div className="filters">
        <label>
          What
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="payments">Payments</option>
            <option value="payouts">Payouts</option>
            <option value="ledger">Ledger (one row per posting)</option>
          </select>
        </label>
        <label>
          From
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
        </label>
        <label>
          To
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
        </label>
        <button type="submit" disabled={starting || running}>
          {starting ? "Starting…" : running ? "Exporting…" : "Export CSV"}
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
          Starting the export…
        </p>
      )}
      {job && <JobState job={job} />}
    </form>
  );
}
