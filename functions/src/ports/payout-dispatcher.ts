/**
 * Fan-out of payout work to the `payoutCoach` task queue (Cloud Tasks in production and in
 * the emulator; called directly in unit tests and the benchmark).
 */
import type { Currency } from "../domain/money";

export type PayoutTask =
  /** Weekly run: reserve, create and send the payout of one coach and currency. */
  | { kind: "run"; runId: string; coachId: string; currency: Currency }
  /** An approved payout (request approved, admin retry) to send to Stripe. */
  | { kind: "send"; payoutId: string };

export interface PayoutDispatcher {
  /** Enqueues tasks; a run task enqueued twice (re-planning) is deduplicated by its id. */
  enqueue(tasks: readonly PayoutTask[]): Promise<void>;
}
