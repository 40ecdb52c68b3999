/**
 * The weekly payout run's own state: `jobs/{runId}` (a small state machine with counts and a
 * planning lease) and one outcome per coach and currency in `jobs/{runId}/outcomes/{key}`.
 * Counts are only moved when an outcome changes state, inside the same write, so a retried
 * task or a re-planned run never counts a coach twice. While a run pays, the Firestore
 * adapter keeps its counts in shards (`jobs/{runId}/tally/{n}`): one document taking every
 * task's increment would be a write hot spot. getRun returns the totals either way, and the
 * run document gets the final counts when the run is done.
 */
import type { CoachBalance } from "../domain/balances";
import type { Currency } from "../domain/money";
import type { CoachRecord, PayoutSettings } from "./payout-store";

export interface RunCounts {
  /** Coaches a task was enqueued for. */
  due: number;
  /** Payouts created and sent to Stripe (not yet paid: payout.paid says that, days later). */
  done: number;
  /** Payouts created above the second-approval amount, waiting for two admins. */
  awaiting?: number;
  skipped: number;
  failed: number;
  /** Due coaches whose task has finished (done, failed or skipped at pay time). */
  settled: number;
  /** Minor units sent, per currency. */
  amounts: Partial<Record<Currency, number>>;
}

export type RunStatus = "planning" | "paying" | "done";

export interface RunRecord {
  id: string;
  /** Other jobs share the collection (accounting_sync); pages filter on it. */
  type: "payout_run";
  trigger: "schedule" | "admin";
  /** ISO week (2026-W05) the run belongs to. */
  week: string;
  status: RunStatus;
  startedAt: number;
  /** Another planner may take over after this (epoch ms): a crashed planner is resumed. */
  planningLeaseUntil: number;
  planned: boolean;
  finishedAt: number | null;
  counts: RunCounts;
  skippedByReason: Record<string, number>;
  summary: string | null;
  startedBy: string | null;
}

/** done: sent to Stripe; awaiting: created, waiting for approval. */
export type OutcomeStatus = "queued" | "done" | "awaiting" | "skipped" | "failed";

export interface RunOutcome {
  key: string;
  coachId: string;
  currency: Currency;
  status: OutcomeStatus;
  reason: string | null;
  message: string | null;
  amount: number | null;
  payoutId: string | null;
  updatedAt: number;
}

export interface PayableBalancesPage {
  balances: CoachBalance[];
  /** Pass back to get the next page; null at the end. */
  next: string | null;
}

export interface PayoutRunStore {
  /** create(): false when the run exists (a second scheduler firing). */
  createRun(run: RunRecord): Promise<boolean>;
  getRun(id: string): Promise<RunRecord | null>;
  /** Takes the planning lease if it is free (or expired): the caller then plans. */
  takePlanningLease(id: string, now: number, leaseMs: number): Promise<boolean>;
  updateRun(id: string, patch: Partial<RunRecord>): Promise<void>;
  /** Balances with available > 0, paged; reads only coaches with money to pay. */
  payableBalances(after: string | null, limit: number): Promise<PayableBalancesPage>;
  /** All balance documents, paged (reconciliation). */
  allBalances(after: string | null, limit: number): Promise<PayableBalancesPage>;
  getCoaches(uids: readonly string[]): Promise<Map<string, CoachRecord>>;
  getSettings(): Promise<PayoutSettings>;
  /**
   * Writes planning outcomes that do not exist yet and moves the counts by the ones
   * written (due for queued, skipped for skipped). Returns the keys that are queued in the
   * store afterwards (written now or by an earlier planner), i.e. the tasks to enqueue.
   */
  addPlannedOutcomes(runId: string, outcomes: readonly RunOutcome[]): Promise<Set<string>>;
  /**
   * Moves a queued outcome to its final state and the counts with it, once. Returns false
   * when it was already final (a retried task).
   */
  settleOutcome(runId: string, outcome: RunOutcome): Promise<boolean>;
  /** How many of the run's outcomes are still queued: one count, not a read per outcome. */
  queuedOutcomes(runId: string): Promise<number>;
}
