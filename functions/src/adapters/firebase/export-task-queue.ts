/**
 * ExportTaskQueue over Cloud Tasks, as payout-task-queue.ts does for payouts (firebase-admin's
 * task queue client; the Cloud Tasks emulator when CLOUD_TASKS_EMULATOR_HOST is set). The task
 * id is the job id, so enqueuing one job twice is one task.
 */
import { getFunctions } from "firebase-admin/functions";
import type { ExportTaskQueue } from "../../ports/export-task-queue";
import { adminApp } from "./admin";

export class CloudTasksExportQueue implements ExportTaskQueue {
  constructor(private readonly queueName: string) {}

  async enqueue(jobId: string): Promise<void> {
    try {
      await getFunctions(adminApp()).taskQueue<{ jobId: string }>(this.queueName).enqueue({ jobId }, { id: jobId.replace(/[^A-Za-z0-9_-]/g, "_") });
    } catch (error) {
      if ((error as { code?: string }).code === "functions/task-already-exists") return;
      throw error;
    }
  }
}
