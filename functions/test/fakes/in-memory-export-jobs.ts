/** ExportJobStore in memory, with the same claim and guard rules as the Firestore adapter. */
import type { ClaimOutcome, ExportJob, ExportJobPatch, ExportJobStore } from "../../src/ports/export-jobs";

export class InMemoryExportJobStore implements ExportJobStore {
  readonly jobs = new Map<string, ExportJob>();
  /** Every patch applied, in order (tests read the progress history from it). */
  readonly patches: { id: string; patch: ExportJobPatch }[] = [];

  async create(job: ExportJob): Promise<void> {
    if (this.jobs.has(job.id)) throw new Error(`export ${job.id} exists`);
    this.jobs.set(job.id, { ...job });
  }

  async get(id: string): Promise<ExportJob | null> {
    const job = this.jobs.get(id);
    return job ? { ...job } : null;
  }

  async claim(id: string, attemptId: string, nowMs: number, leaseMs: number): Promise<ClaimOutcome> {
    const job = this.jobs.get(id);
    if (!job) return { outcome: "missing" };
    if (job.status === "done" || job.status === "failed") return { outcome: "finished", job: { ...job } };
    if (job.status === "running" && nowMs - job.updatedAt < leaseMs) return { outcome: "busy", job: { ...job } };
    const claimed: ExportJob = {
      ...job,
      status: "running",
      attempt: job.attempt + 1,
      attemptId,
      rowsWritten: 0,
      recordsRead: 0,
      progress: 0,
      bytes: 0,
      updatedAt: nowMs,
    };
    this.jobs.set(id, claimed);
    return { outcome: "claimed", job: { ...claimed } };
  }

  async update(id: string, attemptId: string | null, patch: ExportJobPatch): Promise<boolean> {
    const job = this.jobs.get(id);
    if (!job || job.attemptId !== attemptId) return false;
    this.jobs.set(id, { ...job, ...patch });
    this.patches.push({ id, patch });
    return true;
  }
}
