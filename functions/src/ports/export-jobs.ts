/**
 * Export jobs (`exports/{jobId}`): a file built in the background by a task, whose progress
 * the person who asked for it watches live. Generic on purpose: the kind names what is
 * exported (CSV of payments today; SIE files and statements can become kinds later) and
 * `params` holds that kind's own parameters.
 */
export type ExportJobStatus = "queued" | "running" | "done" | "failed";

export interface ExportJob {
  id: string;
  kind: string;
  /** The kind's own parameters (for CSV: from, to, coachId), as validated at the request. */
  params: Record<string, string | null>;
  requestedBy: string;
  requestedRole: string;
  status: ExportJobStatus;
  /** How many task attempts have claimed the job; the current one's id guards every write. */
  attempt: number;
  attemptId: string | null;
  /** Data lines written to the file (the header line not counted). */
  rowsWritten: number;
  /** Source records read (a ledger entry is one record but one line per posting). */
  recordsRead: number;
  /** Records the period holds, counted when the job starts; null until then. */
  recordsTotal: number | null;
  /** 0..100, whole percent of recordsTotal read. */
  progress: number;
  bytes: number;
  filename: string;
  objectPath: string | null;
  downloadUrl: string | null;
  downloadExpiresAt: number | null;
  error: string | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

export type ExportJobPatch = Partial<Omit<ExportJob, "id" | "kind" | "params" | "requestedBy" | "requestedRole" | "createdAt">>;

export type ClaimOutcome =
  | { outcome: "claimed"; job: ExportJob }
  /** Done or failed already: a redelivered task must not build the file again. */
  | { outcome: "finished"; job: ExportJob }
  /** Another attempt is running and its lease has not run out. */
  | { outcome: "busy"; job: ExportJob }
  | { outcome: "missing" };

export interface ExportJobStore {
  /** Creates the job; throws when the id exists. */
  create(job: ExportJob): Promise<void>;
  get(id: string): Promise<ExportJob | null>;
  /**
   * Atomically makes `attemptId` the job's current attempt (status running, counters reset)
   * unless the job is finished or another attempt updated it less than `leaseMs` ago.
   */
  claim(id: string, attemptId: string, nowMs: number, leaseMs: number): Promise<ClaimOutcome>;
  /**
   * Applies the patch only while `attemptId` is still the job's current attempt (null: only
   * while the job has not been claimed yet). False when another attempt has taken it over.
   */
  update(id: string, attemptId: string | null, patch: ExportJobPatch): Promise<boolean>;
}
