/**
 * runExport: the task that builds one export's file. It claims the job, streams the kind's
 * chunks page by page into the sink (waiting for each write to drain, so memory holds one
 * page whatever the file's size), writes progress as it goes and, once the object is
 * complete, the download link.
 *
 * Retries: the object's path is fixed by the job (`exports/{jobId}/{filename}`), so a retried
 * attempt starts the same object again from its first byte and replaces it: never two files.
 * A finished job (done or failed) is never run again; an attempt that sees another one still
 * alive (lease) asks to be retried later; every write of an attempt is guarded by its id, so
 * an attempt overtaken by a newer one stops without touching the job.
 */
import { DomainError, isDomainError } from "../../domain/errors";
import type { Clock } from "../../ports/clock";
import type { ExportFileSink } from "../../ports/export-file-sink";
import type { ExportJob, ExportJobStore } from "../../ports/export-jobs";
import type { ExportRowSource } from "../../ports/export-row-source";
import { csvChunks, type ExportChunk } from "./csv-kinds";
import { exportRange } from "./start-export";
import { DOWNLOAD_LINK_MS, EXPORT_LEASE_MS, EXPORT_MAX_ATTEMPTS, EXPORT_PAGE_SIZE, PROGRESS_EVERY_MS } from "./limits";
import type { NameBook } from "../../ports/name-book";

export interface RunExportDeps {
  jobs: ExportJobStore;
  sink: ExportFileSink;
  source: ExportRowSource;
  clock: Clock;
  /** Names beside ids in the file; without it the name columns are empty. */
  names?: NameBook;
  pageSize?: number;
  progressEveryMs?: number;
  maxAttempts?: number;
}

export type RunExportResult =
  | { result: "done"; rowsWritten: number; bytes: number }
  | { result: "already_finished"; status: string }
  | { result: "missing" }
  | { result: "overtaken" }
  | { result: "failed"; error: string };

/** What a kind exports: how many records to expect, and the file's text as chunks. */
interface ExportPlan {
  contentType: string;
  count(): Promise<number>;
  chunks(): AsyncIterable<ExportChunk>;
}

/** The kinds this task knows; SIE files and statements can be added here as plans of their own. */
function planFor(deps: RunExportDeps, job: ExportJob): ExportPlan {
  // Re-checked with the asker's role as recorded, so a job document can never widen a request.
  const { kind, range } = exportRange(
    { uid: job.requestedBy, role: job.requestedRole === "coach" ? "coach" : job.requestedRole === "admin" ? "admin" : null, email: null },
    { kind: job.kind, from: job.params["from"] ?? "", to: job.params["to"] ?? "", coachId: job.params["coachId"] ?? null },
  );
  return {
    contentType: "text/csv; charset=utf-8",
    count: () => deps.source.count(kind, range),
    // Jobs recorded before the format existed have none: the standard file they were promised.
    chunks: () => csvChunks(deps.source, kind, range, deps.pageSize ?? EXPORT_PAGE_SIZE, job.params["format"] === "excel-sv" ? "excel-sv" : "standard", deps.names, job.requestedRole === "admin"),
  };
}

/** Permanent refusals: retrying cannot make them succeed. */
const permanent = (e: unknown): boolean =>
  isDomainError(e) && ["invalid_input", "permission", "not_found", "precondition"].includes(e.kind);

export async function runExport(deps: RunExportDeps, jobId: string, attemptId: string): Promise<RunExportResult> {
  const now = () => deps.clock.now().getTime();
  const claim = await deps.jobs.claim(jobId, attemptId, now(), EXPORT_LEASE_MS);
  if (claim.outcome === "missing") return { result: "missing" };
  if (claim.outcome === "finished") return { result: "already_finished", status: claim.job.status };
  if (claim.outcome === "busy") {
    // Thrown so the queue redelivers later: by then the other attempt has finished or died.
    throw new DomainError("conflict", `Export ${jobId} is being built by another attempt; retry later.`);
  }
  const job = claim.job;
  const objectPath = `exports/${job.id}/${job.filename}`;
  let writer: Awaited<ReturnType<ExportFileSink["open"]>> | null = null;
  try {
    const plan = planFor(deps, job);
    const total = await plan.count();
    if (!(await deps.jobs.update(job.id, attemptId, { recordsTotal: total, updatedAt: now() }))) return { result: "overtaken" };
    writer = await deps.sink.open(objectPath, { contentType: plan.contentType, filename: job.filename });
    let rows = 0;
    let records = 0;
    let lastProgressAt = Number.NEGATIVE_INFINITY;
    for await (const chunk of plan.chunks()) {
      await writer.write(chunk.text);
      rows += chunk.lines;
      records += chunk.records;
      const t = now();
      if (t - lastProgressAt >= (deps.progressEveryMs ?? PROGRESS_EVERY_MS)) {
        lastProgressAt = t;
        const progress = total === 0 ? 100 : Math.min(99, Math.floor((records * 100) / total));
        const still = await deps.jobs.update(job.id, attemptId, { rowsWritten: rows, recordsRead: records, progress, updatedAt: t });
        if (!still) {
          await writer.abort(new Error("overtaken by a newer attempt"));
          return { result: "overtaken" };
        }
      }
    }
    const { bytes } = await writer.finish();
    writer = null;
    const expiresAt = now() + DOWNLOAD_LINK_MS;
    const downloadUrl = await deps.sink.downloadUrl(objectPath, job.filename, expiresAt);
    const finished = now();
    const kept = await deps.jobs.update(job.id, attemptId, {
      status: "done",
      rowsWritten: rows,
      recordsRead: records,
      recordsTotal: Math.max(total, records),
      progress: 100,
      bytes,
      objectPath,
      downloadUrl,
      downloadExpiresAt: expiresAt,
      error: null,
      updatedAt: finished,
      finishedAt: finished,
    });
    return kept ? { result: "done", rowsWritten: rows, bytes } : { result: "overtaken" };
  } catch (error) {
    if (writer) await writer.abort(error instanceof Error ? error : new Error(String(error))).catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    const last = permanent(error) || job.attempt >= (deps.maxAttempts ?? EXPORT_MAX_ATTEMPTS);
    const t = now();
    await deps.jobs.update(job.id, attemptId, last
      ? { status: "failed", error: isDomainError(error) ? message : "The export failed; it has been logged. Try again.", updatedAt: t, finishedAt: t }
      // Back to queued with the reason: the asker sees the retry coming, and the next attempt may claim at once.
      : { status: "queued", attemptId: null, error: `Attempt ${job.attempt} failed; retrying.`, updatedAt: t });
    if (last) return { result: "failed", error: message };
    throw error;
  }
}
