/**
 * The weekly payout run (Monday 08:00 Europe/Stockholm, or an admin's "run now").
 *
 * Planning: `jobs/{runId}` is created with create(), so a second scheduler firing finds it
 * and only resumes planning if the first planner's lease ran out (a crash). Balances with
 * money are read in pages; each coach is decided with the domain policy and either
 * enqueued (one task per coach and currency, deduplicated by id) or recorded as skipped
 * with the reason. Outcomes are written once, so re-planning never counts a coach twice.
 *
 * Paying (one task): decide again inside the transaction (the marker may have changed),
 * reserve + create `payouts/{runId}_{coach}_{currency}` (deterministic: a retried task finds
 * it), then send. The coach's Stripe balance is not read first: that would double the Stripe
 * calls per coach. A refusal for insufficient funds moves no money; the task then reads the
 * Stripe-available balance and pays what Stripe can (sendWithinStripeBalance).
 */
import { DomainError } from "../../domain/errors";
import { moneyText, type Currency } from "../../domain/money";
import { decidePayout, payoutMinimum, requiredApprovalsFor } from "../../domain/payout-policy";
import type { PayoutRunStore, RunOutcome, RunRecord } from "../../ports/payout-run-store";
import type { PayoutDeps } from "./payout-deps";
import type { PayoutRecord } from "../../ports/payout-store";
import { accountStateOf, isoWeek, outcomeKey, runPayoutId, withCoachDefaults, withPayoutDefaults } from "./payout-records";
import { applyPayoutStep } from "./payout-transition";
import { reservePayout } from "./reserve-payout";
import { getPayoutOrThrow, sendPayout } from "./send-payout";

export interface RunDeps extends PayoutDeps {
  runs: PayoutRunStore;
  timeZone: string;
}

const PAGE = 300;
const LEASE_MS = 9 * 60 * 1000;

export const weeklyRunId = (nowMs: number, timeZone: string): string => `payout-run-${isoWeek(nowMs, timeZone)}`;

export interface StartRunInput {
  trigger: "schedule" | "admin";
  runId?: string;
  startedBy?: string | null;
}

/** Creates (or resumes) the run and plans it. Returns what planning did. */
export async function startPayoutRun(deps: RunDeps, input: StartRunInput): Promise<{ runId: string; started: boolean; run: RunRecord | null }> {
  const now = deps.clock.now().getTime();
  const runId = input.runId ?? weeklyRunId(now, deps.timeZone);
  const run: RunRecord = {
    id: runId,
    type: "payout_run",
    trigger: input.trigger,
    week: isoWeek(now, deps.timeZone),
    status: "planning",
    startedAt: now,
    planningLeaseUntil: now + LEASE_MS,
    planned: false,
    finishedAt: null,
    counts: { due: 0, done: 0, skipped: 0, failed: 0, settled: 0, amounts: {} },
    skippedByReason: {},
    summary: null,
    startedBy: input.startedBy ?? null,
  };
  const created = await deps.runs.createRun(run);
  if (!created) {
    const existing = await deps.runs.getRun(runId);
    // Planned (or being planned by a live planner): a second trigger does nothing.
    if (!existing || existing.planned || !(await deps.runs.takePlanningLease(runId, now, LEASE_MS))) return { runId, started: false, run: existing };
  }
  await planRun(deps, runId);
  return { runId, started: true, run: await deps.runs.getRun(runId) };
}

async function planRun(deps: RunDeps, runId: string): Promise<void> {
  const settings = await deps.runs.getSettings();
  let cursor: string | null = null;
  do {
    const page = await deps.runs.payableBalances(cursor, PAGE);
    cursor = page.next;
    const coaches = await deps.runs.getCoaches([...new Set(page.balances.map((b) => b.coachId))]);
    const now = deps.clock.now().getTime();
    const outcomes: RunOutcome[] = page.balances.map((balance) => {
      const coach = coaches.get(balance.coachId) ?? null;
      const decision = decidePayout({
        balance,
        account: accountStateOf(coach),
        minimum: payoutMinimum(balance.currency, settings.minimums, coach?.payoutMinimums?.[balance.currency] ?? null),
        openPayout: Boolean(coach?.openPayouts?.[balance.currency]),
      });
      const base = { key: outcomeKey(balance.coachId, balance.currency), coachId: balance.coachId, currency: balance.currency, payoutId: null, updatedAt: now };
      return decision.due
        ? { ...base, status: "queued", reason: null, message: null, amount: decision.amount.amount }
        : { ...base, status: "skipped", reason: decision.reason, message: decision.message, amount: balance.available };
    });
    // Enqueue what is queued in the store, also coaches a crashed planner wrote: task ids dedupe.
    const queued = await deps.runs.addPlannedOutcomes(runId, outcomes);
    const tasks = outcomes.filter((o) => queued.has(o.key)).map((o) => ({ kind: "run" as const, runId, coachId: o.coachId, currency: o.currency }));
    if (tasks.length) await deps.dispatcher.enqueue(tasks);
  } while (cursor);
  await deps.runs.updateRun(runId, { planned: true, status: "paying" });
  await finishIfSettled(deps.runs, runId, deps.clock.now().getTime());
}

function summaryOf(run: RunRecord): string {
  const c = run.counts;
  const amounts = Object.entries(c.amounts)
    // A sentence people read: kronor with the currency, never a bare count of öre.
    .map(([cur, amount]) => moneyText(amount, cur))
    .join(", ");
  const skips = Object.entries(run.skippedByReason)
    .map(([reason, n]) => `${n} ${reason}`)
    .join(", ");
  // "Sent", not "paid": Stripe confirms each payout with payout.paid, usually days later.
  const awaiting = c.awaiting ? `, ${c.awaiting} waiting for two admins' approval` : "";
  return `${c.done} sent to Stripe (${amounts || "nothing"})${awaiting}, ${c.failed} failed, ${c.skipped} skipped${skips ? ` (${skips})` : ""}.`;
}

/**
 * The run is done when planning finished and every due coach's task has settled. Every task
 * asks, so the cheap question (is any outcome still queued?) comes first; the totals are read
 * only at the end, and written onto the run document with its summary.
 */
export async function finishIfSettled(runs: PayoutRunStore, runId: string, now: number): Promise<void> {
  if ((await runs.queuedOutcomes(runId)) > 0) return;
  const run = await runs.getRun(runId);
  if (!run || !run.planned || run.status === "done" || run.counts.settled < run.counts.due) return;
  await runs.updateRun(runId, { status: "done", finishedAt: now, summary: summaryOf(run), counts: run.counts, skippedByReason: run.skippedByReason });
}

export type RunTaskResult = { outcome: RunOutcome; payoutId: string | null };

/**
 * One task of a run: pays one coach in one currency. Safe to run again at any point. Checks
 * the run exists and is still paying (a task for a made-up or finished run pays nothing),
 * and above the second-approval amount creates the payout as "requested" for two admins.
 */
export async function payRunCoach(deps: RunDeps, task: { runId: string; coachId: string; currency: Currency }): Promise<RunTaskResult> {
  const { runId, coachId, currency } = task;
  const now = deps.clock.now().getTime();
  const payoutId = runPayoutId(runId, coachId, currency);

  const reserved = await deps.store.transact(async (tx) => {
    const existing = await tx.getPayout(payoutId);
    if (existing) return { payout: withPayoutDefaults(existing), skip: null };
    const runStatus = await tx.getRunStatus(runId);
    if (runStatus === null) throw new DomainError("not_found", `No payout run ${runId}: nothing is paid for a run that does not exist.`, "runId");
    if (runStatus === "done") throw new DomainError("precondition", `Payout run ${runId} is finished; the next run pays what is due now.`, "runId");
    const coach = withCoachDefaults(coachId, await tx.getCoach(coachId), now);
    const settings = await tx.getSettings();
    const balance = await tx.getBalance(coachId, currency);
    const decision = decidePayout({
      balance,
      account: accountStateOf(coach),
      minimum: payoutMinimum(currency, settings.minimums, coach.payoutMinimums[currency] ?? null),
      openPayout: Boolean(coach.openPayouts[currency]),
    });
    if (!decision.due) return { payout: null, skip: decision };
    const requiredApprovals = requiredApprovalsFor(decision.amount.amount, currency, settings.secondApprovalAbove);
    const payout = await reservePayout(tx, {
      payoutId,
      coach,
      amount: decision.amount.amount,
      currency,
      status: requiredApprovals > 1 ? "requested" : "approved",
      requiredApprovals,
      trigger: "schedule",
      runId,
      requestedBy: null,
      now,
      balance,
    });
    return { payout, skip: null };
  });

  const base = { key: outcomeKey(coachId, currency), coachId, currency, updatedAt: now };
  let outcome: RunOutcome;
  if (!reserved.payout) {
    const skip = reserved.skip;
    if (!skip || skip.due) throw new DomainError("precondition", "unreachable: no payout and no skip reason");
    outcome = { ...base, status: "skipped", reason: skip.reason, message: skip.message, amount: null, payoutId: null };
  } else if (reserved.payout.status === "requested") {
    const p = reserved.payout;
    outcome = { ...base, status: "awaiting", reason: "awaiting_approval", message: `${moneyText(p.amount, p.currency)} needs the approval of two admins.`, amount: p.amount, payoutId: p.id };
  } else {
    const p = await sendWithinStripeBalance(deps, reserved.payout.id);
    const failed = p.status === "failed" || p.status === "cancelled";
    outcome = {
      ...base,
      status: failed ? "failed" : "done",
      reason: failed ? p.failureCode : null,
      message: failed ? p.failureReason : null,
      amount: p.amount,
      payoutId: p.id,
    };
  }
  if (await deps.runs.settleOutcome(runId, outcome)) await finishIfSettled(deps.runs, runId, deps.clock.now().getTime());
  return { outcome, payoutId: reserved.payout?.id ?? null };
}

/**
 * Sends the run's payout; if Stripe refuses for insufficient funds (the ledger's "available"
 * can be money Stripe has not made available yet, e.g. with a hold shorter than Stripe's),
 * decides again with the account's Stripe-available balance and sends what Stripe can pay as
 * a new attempt. Stripe's balance is read only then: reading it for every coach would double
 * the run's Stripe calls, while a refusal moves no money.
 */
async function sendWithinStripeBalance(deps: RunDeps, payoutId: string): Promise<PayoutRecord> {
  const sent = await sendPayout(deps, payoutId);
  if (sent.result !== "refused" || sent.code !== "balance_insufficient") return sent.payout;
  const refused = sent.payout;
  const stripe = await deps.gateway.balance(refused.stripeAccountId, refused.currency);
  const now = deps.clock.now().getTime();
  const resized = await deps.store.transact(async (tx) => {
    const cur = await getPayoutOrThrow(tx, payoutId);
    if (cur.status !== "failed" || cur.attempt !== refused.attempt) return null;
    const coach = withCoachDefaults(cur.coachId, await tx.getCoach(cur.coachId), now);
    const settings = await tx.getSettings();
    const decision = decidePayout({
      balance: await tx.getBalance(cur.coachId, cur.currency),
      account: accountStateOf(coach),
      minimum: payoutMinimum(cur.currency, settings.minimums, coach.payoutMinimums[cur.currency] ?? null),
      openPayout: Boolean(coach.openPayouts[cur.currency]),
      stripeAvailable: stripe.available,
    });
    if (!decision.due) return null;
    const amount = Math.min(decision.amount.amount, cur.amount);
    const reason = `Stripe could pay ${moneyText(amount, cur.currency)} of ${moneyText(cur.amount, cur.currency)} now; the rest stays available for the next payout.`;
    return applyPayoutStep(tx, cur, { type: "retry", by: null, at: now, amount }, { now, audit: "retried", reason });
  });
  return resized ? (await sendPayout(deps, payoutId)).payout : refused;
}
