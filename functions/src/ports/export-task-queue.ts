/** Hands an export job to the `runExport` task queue (Cloud Tasks; called directly in unit tests). */
export interface ExportTaskQueue {
  /** Enqueues the job's task; enqueuing the same job twice is one task (the task id is the job id). */
  enqueue(jobId: string): Promise<void>;
}
