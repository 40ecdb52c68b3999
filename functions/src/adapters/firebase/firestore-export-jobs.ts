/**
 * ExportJobStore over Firestore (`exports/{jobId}`). Claims and guarded updates are
 * transactions, so two deliveries of one task can never both hold the job.
 */
import type { Firestore } from "firebase-admin/firestore";
import type { ClaimOutcome, ExportJob, ExportJobPatch, ExportJobStore } from "../../ports/export-jobs";

export class FirestoreExportJobStore implements ExportJobStore {
  constructor(private readonly db: Firestore) {}

  private ref(id: string) {
    return this.db.collection("exports").doc(id);
  }

  async create(job: ExportJob): Promise<void> {
    await this.ref(job.id).create(job);
  }

  async get(id: string): Promise<ExportJob | null> {
    const snap = await this.ref(id).get();
    return snap.exists ? (snap.data() as ExportJob) : null;
  }

  claim(id: string, attemptId: string, nowMs: number, leaseMs: number): Promise<ClaimOutcome> {
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(this.ref(id));
      if (!snap.exists) return { outcome: "missing" } as const;
      const job = snap.data() as ExportJob;
      if (job.status === "done" || job.status === "failed") return { outcome: "finished", job } as const;
      if (job.status === "running" && nowMs - job.updatedAt < leaseMs) return { outcome: "busy", job } as const;
      const patch = { status: "running", attempt: job.attempt + 1, attemptId, rowsWritten: 0, recordsRead: 0, progress: 0, bytes: 0, updatedAt: nowMs } as const;
      tx.update(this.ref(id), patch);
      return { outcome: "claimed", job: { ...job, ...patch } } as const;
    });
  }

  update(id: string, attemptId: string | null, patch: ExportJobPatch): Promise<boolean> {
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(this.ref(id));
      if (!snap.exists || (snap.get("attemptId") ?? null) !== attemptId) return false;
      tx.update(this.ref(id), patch);
      return true;
    });
  }
}
