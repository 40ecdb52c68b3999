/**
 * The payout use cases' details that mutation testing showed no test pinned down: the run's
 * record and summary, planning across pages and leases, what each refusal says, default
 * reasons, Stripe events without their usual fields, the week a run belongs to, and the
 * hold release and reconciliation jobs' counts.
 */
import { runPayoutTask } from "../../../src/app/payouts/payout-task";
import assert from "node:assert/strict";
import { connectEventHandlers } from "../../../src/app/connect/connect-event-handlers";
import { approvePayout, cancelPayoutRequest, rejectPayout, requestPayout, retryPayout } from "../../../src/app/payouts/payout-requests";
import { payRunCoach, startPayoutRun, watchRun } from "../../../src/app/payouts/payout-run";
import { isoWeek, lineItemsOf } from "../../../src/app/payouts/payout-records";
import { reconcileBalances } from "../../../src/app/payouts/reconcile-balances";
import { releaseHolds } from "../../../src/app/payouts/release-holds";
import { sendPayout } from "../../../src/app/payouts/send-payout";
import type { StripeEventRecord } from "../../../src/app/stripe-events/event";
import { DomainError } from "../../../src/domain/errors";
import { emptyCoachBalance } from "../../../src/domain/balances";
import type { PayoutTask } from "../../../src/ports/payout-dispatcher";
import { DAY, T0, drain, onboard, sale, world, type World } from "./world";

const coach = { uid: "c1", role: "coach" as const, email: null };
const admin = { uid: "a1", role: "admin" as const, email: null };
const runTask = (w: World) => (t: PayoutTask) => runPayoutTask(w.deps, t);
const says = (kind: string, message: string | RegExp, field?: string) => (e: unknown) => {
  assert.ok(e instanceof DomainError, String(e));
  assert.equal(e.kind, kind);
  if (typeof message === "string") assert.equal(e.message, message);
  else assert.match(e.message, message);
  if (field) assert.equal(e.field, field);
  return true;
};

async function funded() {
  const w = world();
  onboard(w, "c1");
  await sale(w, { coachId: "c1", id: "pi_1", gross: 49900, availableOn: T0 - 2 * DAY, released: true });
  await sale(w, { coachId: "c1", id: "pi_2", gross: 49900, availableOn: T0 - DAY, released: true });
  return w;
}

const payoutEvent = (type: string, object: Record<string, unknown>, account: string | null = "acct_c1"): StripeEventRecord => ({ id: `evt_${Math.random()}`, type, account, created: 1, livemode: false, data: { object: { object: "payout", currency: "sek", ...object } } });

describe("weekly run in detail", () => {
  it("creates its record with who started it, plans, and writes a summary naming each skip reason", async () => {
    const w = world();
    onboard(w, "due");
    onboard(w, "small");
    onboard(w, "small2");
    await sale(w, { coachId: "due", id: "pi_1", gross: 49900, availableOn: T0 - DAY, released: true });
    await sale(w, { coachId: "small", id: "pi_2", gross: 5000, availableOn: T0 - DAY, released: true });
    await sale(w, { coachId: "small2", id: "pi_3", gross: 5000, availableOn: T0 - DAY, released: true });
    await sale(w, { coachId: "nobody", id: "pi_4", gross: 49900, availableOn: T0 - DAY, released: true });
    const started = await startPayoutRun(w.deps, { trigger: "admin", runId: "run-x", startedBy: "a1" });
    const planned = w.store.runs.get("run-x")!;
    assert.deepEqual([planned.type, planned.trigger, planned.status, planned.planned, planned.startedBy, planned.startedAt, planned.planningLeaseUntil, planned.finishedAt], ["payout_run", "admin", "paying", true, "a1", T0, T0 + 9 * 60_000, null]);
    assert.equal(started.started, true);
    assert.deepEqual(w.tasks, [
      { kind: "run", runId: "run-x", coachId: "due", currency: "sek" },
      { kind: "run", runId: "run-x", coachId: "nobody", currency: "sek" },
      { kind: "watch", runId: "run-x", check: 1, settled: 0 },
    ]);
    const r = await payRunCoach(w.deps, w.tasks.shift() as { runId: string; coachId: string; currency: "sek" });
    assert.equal(r.payoutId, "run-x_due_sek");
    assert.equal(w.store.runs.get("run-x")!.status, "paying", "the coach without an account has not settled");
    await drain(w, runTask(w));
    const run = w.store.runs.get("run-x")!;
    assert.equal(run.summary, "1 sent to Stripe (399.20 SEK), 0 failed, 3 skipped (2 below_minimum, 1 onboarding_incomplete).");
    assert.equal(run.finishedAt, T0);
    assert.equal(w.store.payouts.get("run-x_due_sek")!.trigger, "schedule");
    const skipped = await startPayoutRun(w.deps, { trigger: "schedule", runId: "run-empty" });
    assert.equal(w.store.runs.get(skipped.runId)!.startedBy, null);
  });

  it("plans every page of balances, not only the first", async () => {
    const w = world();
    for (let i = 0; i < 305; i++) {
      const uid = `k${String(i).padStart(3, "0")}`;
      onboard(w, uid);
      w.store.balances.set(`${uid}_sek`, { ...emptyCoachBalance(uid, "sek"), available: 20_000 });
    }
    await startPayoutRun(w.deps, { trigger: "schedule" });
    assert.equal(w.tasks.filter((t) => t.kind === "run").length, 305);
    assert.equal(w.store.runs.get("payout-run-2026-W03")!.counts.due, 305);
  });

  it("a planner's lease holds for 9 minutes: a second trigger within it does not plan again", async () => {
    const w = await funded();
    await startPayoutRun(w.deps, { trigger: "schedule" });
    const run = w.store.runs.get("payout-run-2026-W03")!;
    run.planned = false;
    w.tasks.length = 0;
    w.clock.advance(8 * 60_000);
    assert.equal((await startPayoutRun(w.deps, { trigger: "schedule" })).started, false);
    assert.equal(w.tasks.length, 0);
    w.clock.advance(2 * 60_000);
    assert.equal((await startPayoutRun(w.deps, { trigger: "schedule" })).started, true);
  });

  it("a run is done only when planned and every due coach settled; a done run's summary is not rewritten", async () => {
    const w = await funded();
    await startPayoutRun(w.deps, { trigger: "schedule" });
    const runId = "payout-run-2026-W03";
    assert.equal(w.store.runs.get(runId)!.status, "paying", "a coach is still queued");
    assert.deepEqual(w.tasks.map((t) => t.kind), ["run", "watch"], "planning ends by scheduling the watcher");
    await drain(w, runTask(w));
    const done = w.store.runs.get(runId)!;
    assert.equal(done.status, "done");
    await w.store.updateRun(runId, { summary: "kept" });
    assert.equal(await watchRun(w.deps, { runId, check: 9 }), "not_paying");
    assert.deepEqual([w.store.runs.get(runId)!.summary, w.store.runs.get(runId)!.finishedAt], ["kept", done.finishedAt]);
    await w.store.updateRun(runId, { status: "planning" });
    assert.equal(await watchRun(w.deps, { runId, check: 10 }), "not_paying", "still planning: not done");
    await w.store.updateRun(runId, { status: "paying", plan: { ...done.plan!, due: 2 } });
    assert.equal(await watchRun(w.deps, { runId, check: 11 }), "watching", "one due coach has not settled");
    assert.equal(w.store.runs.get(runId)!.status, "paying");
    assert.deepEqual(w.store.runs.get(runId)!.counts.due - w.store.runs.get(runId)!.counts.settled, 1, "the watcher writes the counts for the admin's view");
    assert.deepEqual(w.tasks.at(-1), { kind: "watch", runId, check: 12, settled: 1 }, "and schedules its next check");
    assert.equal(await watchRun(w.deps, { runId: "no-such-run", check: 0 }), "not_paying");
  });

  it("skips and waiting payouts are recorded with their reason and message", async () => {
    const w = await funded();
    w.store.coaches.get("c1")!.payoutMinimums = { sek: 80_000 }; // the coach's own minimum, above the default
    await startPayoutRun(w.deps, { trigger: "schedule" });
    await drain(w, runTask(w));
    const planned = w.store.outcome("payout-run-2026-W03", "c1_sek")!;
    // Planning applies the settings' minimum; the coach's own is the task's to apply.
    assert.deepEqual([planned.status, planned.reason, planned.message], ["skipped", "below_minimum", "Below the minimum payout amount. (798.40 SEK < 800.00 SEK)"], "below the coach's minimum: skipped by its task");
    assert.equal(w.tasks.length, 0);
    const w2 = await funded();
    await startPayoutRun(w2.deps, { trigger: "schedule" });
    w2.store.coaches.get("c1")!.payoutMinimums = { sek: 80_000 };
    await drain(w2, runTask(w2));
    const o = w2.store.outcome("payout-run-2026-W03", "c1_sek")!;
    assert.deepEqual([o.status, o.reason, o.message, o.amount, o.payoutId], ["skipped", "below_minimum", "Below the minimum payout amount. (798.40 SEK < 800.00 SEK)", null, null]);
    const w3 = await funded();
    w3.store.settings.secondApprovalAbove = { sek: 50_000 };
    await startPayoutRun(w3.deps, { trigger: "schedule" });
    await drain(w3, runTask(w3));
    const a = w3.store.outcome("payout-run-2026-W03", "c1_sek")!;
    assert.deepEqual([a.status, a.reason, a.amount, a.payoutId], ["awaiting", "awaiting_approval", 79840, "payout-run-2026-W03_c1_sek"]);
    const waiting = w3.store.payouts.get("payout-run-2026-W03_c1_sek")!;
    assert.deepEqual([waiting.status, waiting.requiredApprovals, waiting.stripePayoutId], ["requested", 2, null], "created for two admins, not sent");
    assert.match(w3.store.runs.get("payout-run-2026-W03")!.summary!, /1 waiting for two admins' approval/);
  });

  it("resizing to Stripe's balance happens only for insufficient funds, and respects the coach's minimum; the trail says why", async () => {
    const w = await funded();
    w.gateway.available.set("acct_c1", 50_000);
    await startPayoutRun(w.deps, { trigger: "schedule" });
    await drain(w, runTask(w));
    const trail = w.store.auditOf("payout-run-2026-W03_c1_sek");
    assert.deepEqual(trail.map((t) => [t.action, t.by, t.byRole, t.reason, t.attempt, t.amount]), [["retried", null, "system", "Stripe could pay 500.00 SEK of 798.40 SEK now; the rest stays available for the next payout.", 2, 50_000]]);
    const small = await funded();
    small.gateway.available.set("acct_c1", 50_000);
    await startPayoutRun(small.deps, { trigger: "schedule" });
    small.store.coaches.get("c1")!.payoutMinimums = { sek: 60_000 };
    await drain(small, runTask(small));
    const p = small.store.payouts.get("payout-run-2026-W03_c1_sek")!;
    assert.deepEqual([p.status, p.attempt, p.failureCode], ["failed", 1, "balance_insufficient"]);
    const closed = await funded();
    await startPayoutRun(closed.deps, { trigger: "schedule" });
    const calls: string[] = [];
    const g = closed.gateway;
    closed.deps.gateway = {
      createAccount: (i) => g.createAccount(i),
      accountLink: (i) => g.accountLink(i),
      loginLink: (i) => g.loginLink(i),
      balance: async () => (calls.push("balance"), { available: 1_000_000, pending: 0 }),
      createPayout: async () => {
        calls.push("payout");
        throw new DomainError("provider_rejected", "Stripe refused: account closed", "account", { stripeCode: "account_closed" });
      },
    };
    await drain(closed, runTask(closed));
    assert.deepEqual(calls, ["payout"], "another refusal is not retried smaller");
    const c = closed.store.payouts.get("payout-run-2026-W03_c1_sek")!;
    assert.deepEqual([c.status, c.failureCode, c.failureReason], ["failed", "account_closed", "Stripe refused: account closed"]);
    const noCode = await funded();
    noCode.store.settings.requireApproval = false;
    const ng = noCode.gateway;
    noCode.deps.gateway = { createAccount: (i) => ng.createAccount(i), accountLink: (i) => ng.accountLink(i), loginLink: (i) => ng.loginLink(i), balance: (a) => ng.balance(a), createPayout: async () => { throw new DomainError("provider_rejected", "Stripe refused"); } };
    const r = await requestPayout(noCode.deps, coach, { amount: 20_000, currency: "sek" });
    assert.equal((await sendPayout(noCode.deps, r.payoutId)).payout.failureCode, "rejected");
  });
});

describe("requests and decisions in detail", () => {
  it("refuses a currency the coach never earned in, naming it", async () => {
    const w = await funded();
    await assert.rejects(requestPayout(w.deps, coach, { amount: 20_000, currency: "eur" }), says("invalid_input", "currency: you have no EUR earnings to pay out", "currency"));
  });

  it("a coach's own minimum applies to requests", async () => {
    const w = await funded();
    w.store.coaches.get("c1")!.payoutMinimums = { sek: 30_000 };
    await assert.rejects(requestPayout(w.deps, coach, { amount: 20_000, currency: "sek" }), says("invalid_input", "amount: 200.00 SEK is below the minimum payout 300.00 SEK"));
  });

  it("without required approval a request above the second-approval amount still waits for two admins", async () => {
    const w = await funded();
    w.store.settings.requireApproval = false;
    w.store.settings.secondApprovalAbove = { sek: 40_000 };
    const big = await requestPayout(w.deps, coach, { amount: 50_000, currency: "sek" });
    assert.equal(big.status, "requested");
    assert.equal(w.tasks.length, 0);
    const p = w.store.payouts.get(big.payoutId)!;
    assert.deepEqual([p.trigger, p.requestedBy, p.requiredApprovals, p.runId], ["request", "c1", 2, null]);
  });

  it("approval and retry enqueue a send task for exactly that payout", async () => {
    const w = await funded();
    const r = await requestPayout(w.deps, coach, { amount: 50_000, currency: "sek" });
    await approvePayout(w.deps, admin, { payoutId: r.payoutId });
    assert.deepEqual(w.tasks, [{ kind: "send", payoutId: r.payoutId }]);
    w.tasks.length = 0;
    assert.deepEqual(await retryPayout(w.deps, { ...admin, uid: "a2" }, { payoutId: r.payoutId }), { status: "approved", attempt: 1 });
    assert.deepEqual(w.tasks, [{ kind: "send", payoutId: r.payoutId }]);
    const w2 = await funded();
    w2.store.settings.requireApproval = false;
    const auto = await requestPayout(w2.deps, coach, { amount: 50_000, currency: "sek" });
    assert.deepEqual(w2.tasks, [{ kind: "send", payoutId: auto.payoutId }]);
  });

  it("a payout id must be given", async () => {
    const w = await funded();
    for (const payoutId of ["", 7 as unknown as string, undefined as unknown as string]) {
      await assert.rejects(approvePayout(w.deps, admin, { payoutId }), says("invalid_input", "payoutId: is required", "payoutId"));
    }
    await assert.rejects(approvePayout(w.deps, admin, { payoutId: "rq-none" }), says("not_found", "No payout rq-none.", "payoutId"));
  });

  it("reasons are trimmed and capped; without one the default says who decided", async () => {
    const w = await funded();
    const a = await requestPayout(w.deps, coach, { amount: 20_000, currency: "sek" });
    await cancelPayoutRequest(w.deps, coach, { payoutId: a.payoutId, reason: "   " });
    assert.deepEqual([w.store.payouts.get(a.payoutId)!.failureCode, w.store.payouts.get(a.payoutId)!.failureReason], ["cancelled", "Cancelled by the coach."]);
    const b = await requestPayout(w.deps, coach, { amount: 20_000, currency: "sek" });
    await cancelPayoutRequest(w.deps, admin, { payoutId: b.payoutId });
    assert.equal(w.store.payouts.get(b.payoutId)!.failureReason, "Cancelled by an admin.");
    const c = await requestPayout(w.deps, coach, { amount: 20_000, currency: "sek" });
    assert.deepEqual(await rejectPayout(w.deps, admin, { payoutId: c.payoutId }), { status: "rejected" });
    assert.equal(w.store.payouts.get(c.payoutId)!.failureReason, "Rejected by an admin.");
    const d = await requestPayout(w.deps, coach, { amount: 20_000, currency: "sek" });
    await rejectPayout(w.deps, admin, { payoutId: d.payoutId, reason: `  ${"x".repeat(600)}  ` });
    assert.equal(w.store.payouts.get(d.payoutId)!.failureReason, "x".repeat(500));
    assert.deepEqual(await cancelPayoutRequest(w.deps, coach, { payoutId: (await requestPayout(w.deps, coach, { amount: 20_000, currency: "sek" })).payoutId }), { status: "cancelled" });
  });

  it("a coach cannot cancel another coach's payout; an admin can", async () => {
    const w = await funded();
    const r = await requestPayout(w.deps, coach, { amount: 20_000, currency: "sek" });
    await assert.rejects(cancelPayoutRequest(w.deps, { uid: "c2", role: "coach", email: null }, { payoutId: r.payoutId }), says("permission", "This payout is not yours.", "payoutId"));
    assert.equal((await cancelPayoutRequest(w.deps, { uid: "a9", role: "admin", email: null }, { payoutId: r.payoutId })).status, "cancelled");
  });

  it("a retry waits while another payout of the coach is open, and needs payouts enabled", async () => {
    const w = await funded();
    w.store.settings.requireApproval = false;
    const r = await requestPayout(w.deps, coach, { amount: 20_000, currency: "sek" });
    w.gateway.available.set("acct_c1", 0);
    await drain(w, runTask(w));
    w.gateway.available.set("acct_c1", 1_000_000);
    const other = await requestPayout(w.deps, coach, { amount: 20_000, currency: "sek" });
    await assert.rejects(retryPayout(w.deps, admin, { payoutId: r.payoutId }), says("conflict", `Coach c1 already has payout ${other.payoutId} open in SEK; retry this one after it settles.`, "payoutId"));
    await cancelPayoutRequest(w.deps, coach, { payoutId: other.payoutId }).catch(() => undefined);
    await drain(w, runTask(w));
    w.store.coaches.get("c1")!.payoutsEnabled = false;
    w.store.coaches.get("c1")!.openPayouts = {};
    await assert.rejects(retryPayout(w.deps, admin, { payoutId: r.payoutId }), says("precondition", "The coach's Stripe account cannot receive payouts right now.", "account"));
    w.store.coaches.get("c1")!.payoutsEnabled = true;
    await retryPayout(w.deps, admin, { payoutId: r.payoutId });
    assert.equal(w.store.coaches.get("c1")!.openPayouts.sek, r.payoutId);
  });
});

describe("payout events in detail", () => {
  async function sentPayout() {
    const w = await funded();
    w.store.settings.requireApproval = false;
    const r = await requestPayout(w.deps, coach, { amount: 50_000, currency: "sek" });
    await drain(w, runTask(w));
    return { w, payoutId: r.payoutId, stripe: w.gateway.payouts[0]!, handlers: connectEventHandlers({ store: w.store, clock: w.clock }) };
  }

  it("payout.canceled without a code or message, and payout.failed without a message, say so in words", async () => {
    const a = await sentPayout();
    const r = await a.handlers["payout.canceled"]!(payoutEvent("payout.canceled", { id: a.stripe.id, amount: 50_000, metadata: a.stripe.metadata }));
    assert.deepEqual(r, { result: "processed", note: `payout ${a.payoutId} failed: canceled` });
    const p = a.w.store.payouts.get(a.payoutId)!;
    assert.deepEqual([p.status, p.failureCode, p.failureReason], ["failed", "canceled", "Stripe cancelled the payout."]);
    const b = await sentPayout();
    const rb = await b.handlers["payout.failed"]!(payoutEvent("payout.failed", { id: b.stripe.id, amount: 50_000, metadata: b.stripe.metadata }));
    assert.deepEqual(rb, { result: "processed", note: `payout ${b.payoutId} failed: no code` });
    assert.deepEqual([b.w.store.payouts.get(b.payoutId)!.failureCode, b.w.store.payouts.get(b.payoutId)!.failureReason], [null, "The payout failed."]);
  });

  it("paid: processed with a note, no failure fields, and a duplicate changes nothing at all", async () => {
    const { w, payoutId, stripe, handlers } = await sentPayout();
    assert.deepEqual(await handlers["payout.paid"]!(payoutEvent("payout.paid", { id: stripe.id, amount: 50_000, metadata: stripe.metadata })), { result: "processed", note: `payout ${payoutId} paid` });
    const after = structuredClone(w.store.payouts.get(payoutId)!);
    assert.deepEqual([after.failureCode, after.failureReason], [null, null]);
    w.clock.advance(DAY);
    const dup = await handlers["payout.paid"]!(payoutEvent("payout.paid", { id: stripe.id, amount: 50_000, metadata: stripe.metadata }));
    assert.deepEqual(dup, { result: "ignored", note: `payout ${payoutId} has been paid out` });
    assert.deepEqual(w.store.payouts.get(payoutId), after, "not even updatedAt moved");
    await handlers["payout.failed"]!(payoutEvent("payout.failed", { id: stripe.id, amount: 50_000, metadata: stripe.metadata, failure_code: "account_closed", failure_message: "Closed." }));
    const returned = w.store.payouts.get(payoutId)!;
    assert.deepEqual([returned.status, returned.failureCode, returned.failureReason], ["returned", "account_closed", "Returned by the bank after payment: Closed."]);
  });

  it("events without a payout id or for the platform are ignored; unknown ones are kept for review with what Stripe said", async () => {
    const { w, handlers } = await sentPayout();
    assert.deepEqual(await handlers["payout.paid"]!(payoutEvent("payout.paid", { amount: 1 })), { result: "ignored", note: "payout.paid without a payout id" });
    assert.deepEqual(await handlers["payout.paid"]!(payoutEvent("payout.paid", { id: "po_9" }, null)), { result: "ignored", note: "platform payout, not a coach payout" });
    assert.deepEqual(await handlers["payout.failed"]!(payoutEvent("payout.failed", { id: "po_x/1", amount: 1234, metadata: {} })), { result: "processed", note: "recorded for review: no Kassa payout for Stripe payout po_x/1" });
    const review = w.store.reviews.get("payout.failed-po_x_1")!;
    assert.deepEqual([review.kind, review.stripeAccountId, review.stripeObjectId, review.eventType, review.amount, review.currency, review.createdAt], ["unknown_payout", "acct_c1", "po_x/1", "payout.failed", 1234, "sek", T0]);
    const named = await handlers["payout.paid"]!(payoutEvent("payout.paid", { id: "po_y", metadata: { kassaPayoutId: "rq-gone" } }));
    assert.deepEqual(named, { result: "processed", note: "recorded for review: Kassa payout rq-gone named in metadata does not exist" });
  });
});

describe("account.updated in detail", () => {
  const accountEvent = (object: Record<string, unknown>, created = 10, account: string | null = "acct_c1"): StripeEventRecord => ({ id: `evt_${Math.random()}`, type: "account.updated", account, created, livemode: false, data: { object: { object: "account", ...object } } });

  it("takes the account from the event when the object has no id, and each flag only when Stripe says true", async () => {
    const w = world();
    onboard(w, "c1", 0, { chargesEnabled: true, payoutsEnabled: true, detailsSubmitted: true });
    const handler = connectEventHandlers({ store: w.store, clock: w.clock })["account.updated"]!;
    const r = await handler(accountEvent({ charges_enabled: "yes", payouts_enabled: 1, details_submitted: true, requirements: { currently_due: ["external_account", 5], disabled_reason: "requirements.past_due" } }));
    assert.deepEqual(r, { result: "processed", note: "coach c1: payouts disabled" });
    const c = w.store.coaches.get("c1")!;
    assert.deepEqual([c.chargesEnabled, c.payoutsEnabled, c.detailsSubmitted, c.requirementsDue, c.disabledReason, c.accountEventAt], [false, false, true, ["external_account"], "requirements.past_due", 10]);
    await handler(accountEvent({ id: "acct_c1", charges_enabled: true, payouts_enabled: true, details_submitted: true, requirements: { currently_due: "none" } }, 11));
    assert.deepEqual([w.store.coaches.get("c1")!.requirementsDue, w.store.coaches.get("c1")!.payoutsEnabled], [[], true]);
  });

  it("ignores events without an account, for an account of no coach, for another account of the coach, and older than the last applied (same age applies)", async () => {
    const w = world();
    onboard(w, "c1");
    const handler = connectEventHandlers({ store: w.store, clock: w.clock })["account.updated"]!;
    assert.deepEqual(await handler(accountEvent({}, 10, null)), { result: "ignored", note: "account.updated without an account id" });
    assert.deepEqual(await handler(accountEvent({ id: "acct_stranger" })), { result: "ignored", note: "account acct_stranger belongs to no Kassa coach" });
    assert.deepEqual(await handler(accountEvent({ id: "acct_other", metadata: { kassaCoachId: "c1" } })), { result: "ignored", note: "coach c1 has account acct_c1, not acct_other" });
    await handler(accountEvent({ id: "acct_c1", payouts_enabled: true, details_submitted: true }, 20));
    assert.deepEqual(await handler(accountEvent({ id: "acct_c1" }, 19)), { result: "ignored", note: "a newer account.updated was already applied" });
    assert.equal((await handler(accountEvent({ id: "acct_c1", payouts_enabled: true }, 20))).result, "processed");
    const fresh = world();
    const h2 = connectEventHandlers({ store: fresh.store, clock: fresh.clock })["account.updated"]!;
    assert.equal((await h2(accountEvent({ id: "acct_new", metadata: { kassaCoachId: "c9" }, payouts_enabled: true }))).result, "processed");
    assert.deepEqual([fresh.store.coaches.get("c9")!.stripeAccountId, fresh.store.coaches.get("c9")!.payoutsEnabled], ["acct_new", true]);
  });
});

describe("payout records", () => {
  it("the ISO week of an instant as Stockholm sees it, across Sundays and years", () => {
    assert.equal(isoWeek(Date.UTC(2026, 0, 11, 23, 30), "Europe/Stockholm"), "2026-W03", "Sunday 23:30 UTC is already Monday 00:30 in Stockholm");
    assert.equal(isoWeek(Date.UTC(2026, 0, 11, 12, 0), "Europe/Stockholm"), "2026-W02", "a Sunday belongs to the week before");
    assert.equal(isoWeek(Date.UTC(2027, 0, 1, 12, 0), "Europe/Stockholm"), "2026-W53");
    assert.equal(isoWeek(Date.UTC(2025, 11, 29, 12, 0), "Europe/Stockholm"), "2026-W01");
    assert.equal(isoWeek(Date.UTC(2026, 0, 11, 23, 30), "UTC"), "2026-W02");
  });

  it("line items: descriptions fall back to the program then 'Sale'; only carried sales lines count; the rest is one adjustment", () => {
    const lines = lineItemsOf(
      { paymentIds: ["old"], lineItems: [{ kind: "sales", programId: "p1", description: "Old", payments: 1, coachAmount: 100 }, { kind: "adjustment", programId: null, description: "x", payments: 0, coachAmount: -50 }] },
      [
        { id: "a", programId: "p1", description: null, coachAmount: 200, availableOn: 1 },
        { id: "b", programId: null, description: null, coachAmount: 300, availableOn: 2 },
        { id: "c", programId: "p2", description: null, coachAmount: 400, availableOn: 3 },
      ],
      900,
    );
    assert.deepEqual(lines, [
      { kind: "sales", programId: "p1", description: "Old", payments: 2, coachAmount: 300 },
      { kind: "sales", programId: null, description: "Sale", payments: 1, coachAmount: 300 },
      { kind: "sales", programId: "p2", description: "p2", payments: 1, coachAmount: 400 },
      { kind: "adjustment", programId: null, description: "Refunds, disputes and balance carried between payouts", payments: 0, coachAmount: -100 },
    ]);
    assert.deepEqual(lineItemsOf(undefined, [{ id: "a", programId: "p1", description: "P", coachAmount: 200, availableOn: 1 }], 200), [{ kind: "sales", programId: "p1", description: "P", payments: 1, coachAmount: 200 }]);
  });
});

describe("hold release and reconciliation in detail", () => {
  it("counts a payment with nothing left to release as unchanged, and stops at its time budget", async () => {
    const w = world();
    await sale(w, { coachId: "c1", id: "pi_a", gross: 10000, availableOn: T0 - DAY });
    await sale(w, { coachId: "c1", id: "pi_b", gross: 10000, availableOn: T0 - DAY + 1 });
    await sale(w, { coachId: "c1", id: "pi_c", gross: 10000, availableOn: T0 - DAY + 2 });
    w.store.payments.get("pi_a")!.holdReleased = true; // released meanwhile by another run
    const out = await releaseHolds({ money: w.store, holds: w.store, clock: w.clock }, { batch: 1, budgetMs: -1 });
    assert.deepEqual(out, { released: 1, unchanged: 0, failed: 0, partial: true });
    w.store.payments.get("pi_a")!.holdReleased = false;
    const rest = await releaseHolds({ money: w.store, holds: w.store, clock: w.clock });
    assert.deepEqual(rest, { released: 2, unchanged: 0, failed: 0, partial: false });
    w.store.payments.get("pi_a")!.holdReleased = false;
    w.store.payments.get("pi_a")!.availableOn = T0 + DAY;
    assert.deepEqual(await releaseHolds({ money: w.store, holds: w.store, clock: w.clock }), { released: 0, unchanged: 0, failed: 0, partial: false });
  });

  it("a late release of a program sale without a description carries a line named for its program", async () => {
    const w = world();
    onboard(w, "c1", 1_000_000, { paidThrough: { sek: T0 } });
    await sale(w, { coachId: "c1", id: "pi_late", gross: 10000, availableOn: T0 - DAY, programId: "prog-9" });
    w.store.payments.get("pi_late")!.description = null;
    await releaseHolds({ money: w.store, holds: w.store, clock: w.clock });
    assert.deepEqual(w.store.coaches.get("c1")!.carriedLines?.sek, { paymentIds: ["pi_late"], lineItems: [{ kind: "sales", programId: "prog-9", description: "prog-9", payments: 1, coachAmount: 8000 }] });
    const onTime = world();
    onboard(onTime, "c1", 1_000_000, { paidThrough: { sek: T0 - 2 * DAY } });
    await sale(onTime, { coachId: "c1", id: "pi_ok", gross: 10000, availableOn: T0 - 2 * DAY + 1 });
    await releaseHolds({ money: onTime.store, holds: onTime.store, clock: onTime.clock });
    assert.equal(onTime.store.coaches.get("c1")!.carriedLines?.sek, undefined);
  });

  it("reconciliation: skips coaches without an account, counts Stripe errors, sums both differences, pages through all balances", async () => {
    const w = world();
    onboard(w, "ok", 39_920);
    await sale(w, { coachId: "ok", id: "pi_1", gross: 49900, availableOn: T0 - DAY, released: true });
    await sale(w, { coachId: "ok", id: "pi_2", gross: 10000, availableOn: T0 + DAY });
    await sale(w, { coachId: "ghost", id: "pi_3", gross: 49900, availableOn: T0 - DAY, released: true });
    for (let i = 0; i < 205; i++) w.store.balances.set(`zz${i}_sek`, emptyCoachBalance(`zz${i}`, "sek"));
    const logged: string[] = [];
    const gateway = { balance: async (account: string) => (account === "acct_ok" ? { available: 39_920, pending: 500 } : Promise.reject(new Error("down"))) };
    onboard(w, "zz3");
    const r = await reconcileBalances({ runs: w.store, gateway, flags: w.store, clock: w.clock, log: (m) => void logged.push(m) });
    assert.deepEqual(r, { checked: 1, flagged: 1, errors: 1 });
    assert.deepEqual(logged, ["reconciliation failed"]);
    const f = w.store.flags.get("ok_sek")!;
    assert.deepEqual([f.ledger, f.stripe, f.difference, f.ok, f.stripeAccountId, f.checkedAt], [{ held: 8000, available: 39_920, inPayout: 0 }, { available: 39_920, pending: 500 }, { available: 0, pending: 500 - 8000, total: 500 - 8000 }, false, "acct_ok", T0]);
    assert.equal(w.store.flags.has("ghost_sek"), false);
  });
});
