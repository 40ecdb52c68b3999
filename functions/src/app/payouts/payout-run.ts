/**
 * The weekly payout run (Monday 08:00 Europe/Stockholm, or an admin's "run now").
 *
 * Planning: `jobs/{runId}` is created with create(), so a second scheduler firing finds it
 * and only resumes planning if the first planner's lease ran out (a crash). Balances with
 * money are read in pages; a balance at or above the currency's minimum is due (one task per
 * coach and currency, deduplicated by id), the rest are recorded as skipped. Each page's
 * counts are recorded with the planning cursor in one transaction, so a resumed planner
 * continues after the last recorded page and never counts a coach twice. Planning reads no
 * coach documents: the task decides with the coach's account and minimum inside its
 * transaction anyway, so reading them here too cost a read per coach for nothing.
 *
 * Paying (one task): decide inside the transaction, reserve and create
 * `payouts/{runId}_{coach}_{currency}` already claimed for sending (create(): a retried
 * task finds it instead), then call Stripe and record its answer. The coach's Stripe
 * balance is not read first: that would double the Stripe calls per coach. A refusal for
 * insufficient funds moves no money; the task then reads the Stripe-available balance and
 * pays what Stripe can (sendWithinStripeBalance). Per coach paid that is 4 document reads
 * and 6 writes in the task (coach, balance, released sales, the payout when Stripe answers;
 * ledger entry, balance, rollup shard, payout, coach, payout again) and the balance's read
 * in planning: bench/payout-run prints them.
 *
 * Finishing: the run's watcher (a task every few seconds while the run pays) counts the
 * run's payouts and pay-time skips, writes the counts on the run document for the admin's
 * live view, and marks the run done when every due coach has settled.
 */
import { DomainError } from "../../domain/errors";
import { moneyText, type Currency } from "../../domain/money";
import { decidePayout, payoutMinimum, requiredApprovalsFor, skipReasonText } from "../../domain/payout-policy";
import type { PayoutRunStore, RunOutcome, RunRecord } from "../../ports/payout-run-store";
import type { PayoutDeps } from "./payout-deps";
import { PayoutExists, type PayoutRecord } from "../../ports/payout-store";
import { accountStateOf, isoWeek, outcomeKey, runPayoutId, withCoachDefaults, withPayoutDefaults } from "./payout-records";
import { applyPayoutStep } from "./payout-transition";
import { PAYOUT_TASKS_PER_SECOND } from "./payout-rate";
import { reservePayout } from "./reserve-payout";
import { RunMemo } from "./run-memo";
import { getPayoutOrThrow, sendClaimed, sendPayout } from "./send-payout";

export interface RunDeps extends PayoutDeps {
  runs: PayoutRunStore;
  timeZone: string;
  /** One per function instance in production; without it nothing is remembered between tasks. */
  memo?: RunMemo;
}

const PAGE = 300;
const LEASE_MS = 9 * 60 * 1000;
/** The watcher's pace: about when the queue will have dispatched what is left, within these bounds. */
const WATCH_MIN_S = 2;
const WATCH_MAX_S = 60;
/**
 * After this the watcher finishes the run with the counts it has: every task has run or
 * given up by then (payoutCoach retries for at most 6 h), so a coach still unsettled is one
 * whose task gave up, and it is named in the summary's count rather than watched forever.
 */
const WATCH_GIVE_UP_MS = 7 * 3600 * 1000;
/**
 * And only after this many checks: the local stack's clock jumps days at a time (the demo
 * history), which must not end a run whose tasks are still running. With no progress between
 * checks the watcher waits WATCH_MAX_S, so 420 checks are at least 7 hours of real time.
 */
const WATCH_GIVE_UP_CHECKS = 420;

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
    planningCursor: null,
    plan: { due: 0, skipped: 0, skippedByReason: {} },
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
  const resumed = await deps.runs.getRun(runId);
  let cursor: string | null = resumed?.planningCursor ?? null;
  // A balance that grows while the run plans moves past the cursor (pages are ordered by
  // available) and would be seen twice: counted due twice, it would never settle twice.
  const seen = new Set<string>();
  for (;;) {
    const after = cursor;
    const page = await deps.runs.payableBalances(after, PAGE);
    const now = deps.clock.now().getTime();
    const fresh = page.balances.filter((b) => !seen.has(outcomeKey(b.coachId, b.currency)));
    for (const b of fresh) seen.add(outcomeKey(b.coachId, b.currency));
    // The settings' minimum: a coach's own minimum (payoutMinimums) is applied by the task,
    // which decides again with the coach's document; it can only keep a due coach unpaid.
    const minimumOf = (b: { currency: Currency }) => payoutMinimum(b.currency, settings.minimums, null);
    const due = fresh.filter((b) => b.available >= minimumOf(b));
    const skipped: RunOutcome[] = fresh
      .filter((b) => b.available < minimumOf(b))
      .map((b) => ({
        key: outcomeKey(b.coachId, b.currency),
        coachId: b.coachId,
        currency: b.currency,
        status: "skipped",
        reason: "below_minimum",
        message: skipReasonText("below_minimum", `${moneyText(b.available, b.currency)} < ${moneyText(minimumOf(b), b.currency)}`),
        amount: b.available,
        payoutId: null,
        updatedAt: now,
      }));
    // Enqueue before recording: a planner that dies in between enqueues the page again on
    // resume (task ids dedupe), while recording first could count coaches never enqueued.
    const tasks = due.map((b) => ({ kind: "run" as const, runId, coachId: b.coachId, currency: b.currency }));
    if (tasks.length) await deps.dispatcher.enqueue(tasks);
    const recorded = await deps.runs.recordPlannedPage(runId, { after, next: page.next, due: due.length, skipped });
    if (!recorded) return; // another planner took over this run
    if (!page.next) break;
    cursor = page.next;
  }
  await watchRun(deps, { runId, check: 0 });
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
 * One check of the run's watcher. Every task of the run settles either as a payout of the
 * run (whatever its status now, except "sending": its task is still at Stripe) or as a
 * pay-time skip; the store counts both (aggregations, not a read per coach). When all due
 * coaches have settled the run is done with those counts; otherwise the counts are written
 * for the admin's view and the next check is scheduled for about when the rest will have
 * been dispatched.
 */
export async function watchRun(deps: RunDeps, task: { runId: string; check: number; settled?: number }): Promise<"done" | "watching" | "not_paying"> {
  const run = await deps.runs.getRun(task.runId);
  if (!run || run.status !== "paying") return "not_paying";
  const now = deps.clock.now().getTime();
  const c = run.counts;
  const gaveUp = now - run.startedAt > WATCH_GIVE_UP_MS && task.check >= WATCH_GIVE_UP_CHECKS;
  if (c.settled >= c.due || gaveUp) {
    const finished = { ...run, counts: c };
    const unsettled = Math.max(0, c.due - c.settled);
    const note = unsettled ? ` ${unsettled} coaches' tasks never settled; their payouts, if any, are on the payouts page.` : "";
    await deps.runs.updateRun(run.id, { status: "done", finishedAt: now, summary: summaryOf(finished) + note, counts: c, skippedByReason: run.skippedByReason });
    return "done";
  }
  await deps.runs.updateRun(run.id, { counts: c, skippedByReason: run.skippedByReason });
  // Nothing settled since the last check (tasks backing off after failures): check rarely.
  const stalled = task.settled !== undefined && task.settled === c.settled;
  const delay = stalled ? WATCH_MAX_S : Math.min(WATCH_MAX_S, Math.max(WATCH_MIN_S, Math.ceil((c.due - c.settled) / PAYOUT_TASKS_PER_SECOND)));
  await deps.dispatcher.enqueue([{ kind: "watch", runId: run.id, check: task.check + 1, settled: c.settled }], { delaySeconds: delay });
  return "watching";
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
  const memo = deps.memo ?? new RunMemo(0);

  const runStatus = await memo.runStatus(runId, now, () => deps.runs.getRunStatus(runId));
  if (runStatus === null) throw new DomainError("not_found", `No payout run ${runId}: nothing is paid for a run that does not exist.`, "runId");
  if (runStatus === "done") {
    // A late duplicate of a task whose payout exists reports it; anything else is refused.
    const existing = await deps.store.transact((tx) => tx.getPayout(payoutId));
    if (existing) return finishTask(deps, task, { payout: withPayoutDefaults(existing), fresh: false }, now);
    throw new DomainError("precondition", `Payout run ${runId} is finished; the next run pays what is due now.`, "runId");
  }
  const settings = await memo.payoutSettings(now, () => deps.runs.getSettings());

  let reserved: { payout: PayoutRecord | null; fresh: boolean; skip: Extract<ReturnType<typeof decidePayout>, { due: false }> | null };
  try {
    reserved = await deps.store.transact(async (tx) => {
      const coach = withCoachDefaults(coachId, await tx.getCoach(coachId), now);
      const balance = await tx.getBalance(coachId, currency);
      const decision = decidePayout({
        balance,
        account: accountStateOf(coach),
        minimum: payoutMinimum(currency, settings.minimums, coach.payoutMinimums[currency] ?? null),
        openPayout: Boolean(coach.openPayouts[currency]),
      });
      if (!decision.due) {
        // Not paying may mean this task already paid (a retry after its payout was created):
        // only on this path, which no paid coach takes, is the payout read to find out.
        const existing = await tx.getPayout(payoutId);
        return existing ? { payout: withPayoutDefaults(existing), fresh: false, skip: null } : { payout: null, fresh: false, skip: decision };
      }
      const requiredApprovals = requiredApprovalsFor(decision.amount.amount, currency, settings.secondApprovalAbove);
      const payout = await reservePayout(tx, {
        payoutId,
        coach,
        amount: decision.amount.amount,
        currency,
        status: requiredApprovals > 1 ? "requested" : "approved",
        sendNow: requiredApprovals <= 1,
        requiredApprovals,
        trigger: "schedule",
        runId,
        requestedBy: null,
        now,
        balance,
      });
      return { payout, fresh: true, skip: null };
    });
  } catch (error) {
    if (!(error instanceof PayoutExists)) throw error;
    // Created by an earlier attempt of this task: carry on from its stored state.
    const existing = await deps.store.transact((tx) => getPayoutOrThrow(tx, payoutId));
    reserved = { payout: existing, fresh: false, skip: null };
  }

  if (!reserved.payout) {
    const skip = reserved.skip;
    if (!skip) throw new DomainError("precondition", "unreachable: no payout and no skip reason");
    const outcome: RunOutcome = { key: outcomeKey(coachId, currency), coachId, currency, updatedAt: now, status: "skipped", reason: skip.reason, message: skip.message, amount: null, payoutId: null };
    await deps.runs.recordPaySkip(runId, outcome);
    return { outcome, payoutId: null };
  }
  return finishTask(deps, task, { payout: reserved.payout, fresh: reserved.fresh }, now);
}

/** Sends what the task reserved (or finds it sent) and says what became of the coach. */
async function finishTask(deps: RunDeps, task: { coachId: string; currency: Currency }, found: { payout: PayoutRecord; fresh: boolean }, now: number): Promise<RunTaskResult> {
  const reserved = found.payout;
  const base = { key: outcomeKey(task.coachId, task.currency), coachId: task.coachId, currency: task.currency, updatedAt: now };
  if (reserved.status === "requested") {
    const p = reserved;
    const outcome: RunOutcome = { ...base, status: "awaiting", reason: "awaiting_approval", message: `${moneyText(p.amount, p.currency)} needs the approval of two admins.`, amount: p.amount, payoutId: p.id };
    return { outcome, payoutId: p.id };
  }
  const p = await sendWithinStripeBalance(deps, reserved, found.fresh);
  const failed = p.status === "failed" || p.status === "cancelled";
  const outcome: RunOutcome = { ...base, status: failed ? "failed" : "done", reason: failed ? p.failureCode : null, message: failed ? p.failureReason : null, amount: p.amount, payoutId: p.id };
  return { outcome, payoutId: p.id };
}

/**
 * Sends the run's payout; if Stripe refuses for insufficient funds (the ledger's "available"
 * can be money Stripe has not made available yet, e.g. with a hold shorter than Stripe's),
 * decides again with the account's Stripe-available balance and sends what Stripe can pay as
 * a new attempt. Stripe's balance is read only then: reading it for every coach would double
 * the run's Stripe calls, while a refusal moves no money.
 */
async function sendWithinStripeBalance(deps: RunDeps, reserved: PayoutRecord, fresh: boolean): Promise<PayoutRecord> {
  const payoutId = reserved.id;
  // Created in "sending" by this very task's reserve: straight to Stripe. Found from an
  // earlier attempt: sendPayout decides from the stored state what is left (and refuses a
  // resend after Stripe's idempotency window).
  const sent = fresh && reserved.status === "sending" ? await sendClaimed(deps, reserved) : await sendPayout(deps, payoutId);
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
