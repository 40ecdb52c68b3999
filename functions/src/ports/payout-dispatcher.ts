/**
 * Fan-out of payout work to the `payoutCoach` task queue (Cloud Tasks in production and in
 * the emulator; called directly in unit tests and the benchmark).
 */
import type { Currency } from "../domain/money";

export type PayoutTask =
  /** Weekly run: reserve, create and send the payout of one coach and currency. */
  | { kind: "run"; runId: string; coachId: string; currency: Currency }
  /** An approved payout (request approved, admin retry) to send to Stripe. */
  | { kind: "send"; payoutId: string }
  /**
   * The run's watcher: counts the run's payouts, writes the counts for the admin's view and
   * finishes the run when every due coach has settled; otherwise schedules check + 1.
   */
  | { kind: "watch"; runId: string; check: number; settled?: number };

export interface EnqueueOptions {
  /** Dispatch no earlier than this many seconds from now (the watcher's next check). */
  delaySeconds?: number;
}

export interface PayoutDispatcher {
  /** Enqueues tasks; run and watch tasks enqueued twice (re-planning) are deduplicated by their ids. */
  enqueue(tasks: readonly PayoutTask[], options?: EnqueueOptions): Promise<void>;
}
