/**
 * PayoutDispatcher over Cloud Tasks (firebase-admin's task queue client; the Cloud Tasks
 * emulator when CLOUD_TASKS_EMULATOR_HOST is set). Run tasks get an id derived from run,
 * coach and currency, so a re-planned run does not enqueue a coach twice; watch tasks get
 * the run and check number, so a resumed planner does not start a second watcher.
 */
import { getFunctions } from "firebase-admin/functions";
import type { EnqueueOptions, PayoutDispatcher, PayoutTask } from "../../ports/payout-dispatcher";
import { adminApp } from "./admin";

const safe = (id: string): string => id.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 500);

function taskId(t: PayoutTask): string | null {
  if (t.kind === "run") return safe(`${t.runId}-${t.coachId}-${t.currency}`);
  if (t.kind === "watch") return safe(`${t.runId}-watch-${t.check}`);
  return null;
}

export class CloudTasksPayoutDispatcher implements PayoutDispatcher {
  constructor(private readonly queueName: string) {}

  async enqueue(tasks: readonly PayoutTask[], options: EnqueueOptions = {}): Promise<void> {
    if (options.delaySeconds && process.env["CLOUD_TASKS_EMULATOR_HOST"]) {
      // The Cloud Tasks emulator dispatches at once whatever scheduleTime says (firebase-tools
      // lib/emulator/taskQueue.js), which would turn the run's watcher into a busy loop. On the
      // emulator only, hold the delayed tasks here: its functions process outlives the call.
      const delayMs = options.delaySeconds * 1000;
      setTimeout(() => void this.enqueue(tasks).catch((e: unknown) => console.error("delayed enqueue failed", e)), delayMs);
      return;
    }
    const queue = getFunctions(adminApp()).taskQueue<PayoutTask>(this.queueName);
    const CHUNK = 50;
    for (let i = 0; i < tasks.length; i += CHUNK) {
      await Promise.all(
        tasks.slice(i, i + CHUNK).map(async (task) => {
          try {
            const id = taskId(task);
            await queue.enqueue(task, { ...(id ? { id } : {}), ...(options.delaySeconds ? { scheduleDelaySeconds: options.delaySeconds } : {}) });
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
