/**
 * PayoutDispatcher over Cloud Tasks (firebase-admin's task queue client; the Cloud Tasks
 * emulator when CLOUD_TASKS_EMULATOR_HOST is set). Run tasks get an id derived from run,
 * coach and currency, so a re-planned run does not enqueue a coach twice.
 */
import { getFunctions } from "firebase-admin/functions";
import type { PayoutDispatcher, PayoutTask } from "../../ports/payout-dispatcher";
import { adminApp } from "./admin";

const taskId = (t: Extract<PayoutTask, { kind: "run" }>): string => `${t.runId}-${t.coachId}-${t.currency}`.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 500);

export class CloudTasksPayoutDispatcher implements PayoutDispatcher {
  constructor(private readonly queueName: string) {}

  async enqueue(tasks: readonly PayoutTask[]): Promise<void> {
    const queue = getFunctions(adminApp()).taskQueue<PayoutTask>(this.queueName);
    const CHUNK = 50;
    for (let i = 0; i < tasks.length; i += CHUNK) {
      await Promise.all(
        tasks.slice(i, i + CHUNK).map(async (task) => {
          try {
            await queue.enqueue(task, task.kind === "run" ? { id: taskId(task) } : {});
          } catch (error) {
            // Already enqueued by an earlier planner: exactly what the id is for.
            if ((error as { code?: string }).code === "functions/task-already-exists") return;
            throw error;
          }
        }),
      );
    }
  }
}
