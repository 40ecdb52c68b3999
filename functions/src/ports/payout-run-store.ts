/**
 * The weekly payout run's own state: `jobs/{runId}` (a small state machine with counts, a
 * planning lease and cursor) and an outcome in `jobs/{runId}/outcomes/{key}` for each coach
 * the run did NOT pay (skipped when planned or when its task decided again).
 *
 * A coach the run pays has no outcome document: its payout (`payouts/{runId}_{coach}_{cur}`,
 * carrying `runId`) is the outcome. Writing an outcome and a count per paid coach cost three
 * writes and two reads per coach on top of the money's own; the run's counts are instead
 * counted from the payouts (count and sum aggregations, one read per 1,000 payouts) by the
 * run's watcher, which checks every few seconds and writes the counts on the run document
 * for the admin's live view.
 *
 * Counts move exactly once: planning adds a page's due and skipped coaches in the same
 * transaction that moves the planning cursor (a resumed planner continues after it), a
 * pay-time skip is counted when its outcome document is created (a retried task finds it).
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
  /**
   * Where planning continues (the last page's cursor, recorded with that page's counts);
   * null before the first page. Missing on runs planned before it existed.
   */
  planningCursor?: string | null;
  /**
   * What planning recorded, page by page: the run's own counts (`counts`) are derived from
   * it, the pay-time skips and the run's payouts, and written by the watcher.
   */
  plan?: { due: number; skipped: number; skippedByReason: Record<string, number> };
  finishedAt: number | null;
  counts: RunCounts;
  skippedByReason: Record<string, number>;
  summary: string | null;
  startedBy: string | null;
}

/**
 * done: sent to Stripe; awaiting: created, waiting for approval. Outcome documents only hold
 * "skipped"; the others are what a task returns and what the run's payouts are counted as.
 */
export type OutcomeStatus = "done" | "awaiting" | "skipped" | "failed";

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
  /**
   * The run with its counts as of now: a finished run's are final on its document; a paying
   * run's are counted from its payouts and pay-time skips (a few aggregation reads).
   */
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
   * Records one planned page once: the due count and skipped outcomes, with the cursor moved
   * from `after` to `next`. Returns false (and writes nothing) when the run's cursor is no
   * longer `after`: another planner recorded this page.
   */
  recordPlannedPage(runId: string, page: { after: string | null; next: string | null; due: number; skipped: readonly RunOutcome[] }): Promise<boolean>;
  /**
   * A coach its task decided not to pay after all: creates the outcome and counts it once.
   * Returns false when the outcome existed (a retried task).
   */
  recordPaySkip(runId: string, outcome: RunOutcome): Promise<boolean>;
  /** The run's status (cheap: one document) for the tasks' check; null when no such run. */
  getRunStatus(runId: string): Promise<RunStatus | null>;
}

/** A paying run's payouts counted by status group (domain/payout-status.ts RUN_*_STATUSES). */
export interface RunPayoutTotals {
  sent: number;
  failed: number;
  awaiting: number;
  /** Tasks still at Stripe: not settled yet. */
  sending: number;
  /** Minor units of the sent payouts, per currency. */
  amounts: Partial<Record<Currency, number>>;
}

/** Coaches the run's tasks decided not to pay (their outcome documents, counted in shards). */
export interface PaySkipTally {
  skipped: number;
  skippedByReason: Record<string, number>;
}

export const NO_PAY_SKIPS: PaySkipTally = { skipped: 0, skippedByReason: {} };

/** A paying run's counts: planning's, the pay-time skips and the run's payouts together. */
export function runCountsOf(run: RunRecord, payouts: RunPayoutTotals, paySkips: PaySkipTally): RunRecord {
  const plan = run.plan ?? { due: run.counts.due, skipped: run.counts.skipped, skippedByReason: run.skippedByReason };
  const skippedByReason = { ...plan.skippedByReason };
  for (const [reason, n] of Object.entries(paySkips.skippedByReason)) skippedByReason[reason] = (skippedByReason[reason] ?? 0) + n;
  return {
    ...run,
    counts: {
      due: plan.due,
      done: payouts.sent,
      awaiting: payouts.awaiting,
      failed: payouts.failed,
      skipped: plan.skipped + paySkips.skipped,
      settled: payouts.sent + payouts.failed + payouts.awaiting + paySkips.skipped,
      amounts: payouts.amounts,
    },
    skippedByReason,
  };
}
