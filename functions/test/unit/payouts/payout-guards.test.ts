/**
 * One test per guard and per defect of issue 17: each fails when its guard is removed or its
 * fix undone (the name says which). The model test (payout-model.test.ts) covers the same
 * ground at random; these pin each case down by name.
 */
import { runPayoutTask } from "../../../src/app/payouts/payout-task";
import assert from "node:assert/strict";
import { connectEventHandlers } from "../../../src/app/connect/connect-event-handlers";
import { approvePayout, cancelPayoutRequest, rejectPayout, requestPayout, retryPayout } from "../../../src/app/payouts/payout-requests";
import { payRunCoach, startPayoutRun } from "../../../src/app/payouts/payout-run";
import { releaseHolds } from "../../../src/app/payouts/release-holds";
import { sendPayout } from "../../../src/app/payouts/send-payout";
import type { StripeEventRecord } from "../../../src/app/stripe-events/event";
import { DomainError } from "../../../src/domain/errors";
import type { PayoutTask } from "../../../src/ports/payout-dispatcher";
import type { RelatedPayment } from "../../../src/ports/payout-store";
import { ModelStripe } from "./payout-model";
import { DAY, T0, drain, onboard, sale, world, type World } from "./world";

const coach = { uid: "c1", role: "coach" as const, email: null };
const admin = { uid: "a1", role: "admin" as const, email: null };
const admin2 = { uid: "a2", role: "admin" as const, email: null };
/** c1 holds the admin claim too: a coach who is also an admin. */
const coachAsAdmin = { uid: "c1", role: "admin" as const, email: null };
const HOUR = 3600_000;
const runTask = (w: World) => (t: PayoutTask) => runPayoutTask(w.deps, t);

const refused = (kind: string, words?: RegExp) => (e: unknown) => {
  assert.ok(e instanceof DomainError, String(e));
  assert.equal(e.kind, kind, e.message);
  if (words) assert.match(e.message, words);
  return true;
};

async function funded(stripeAvailable = 1_000_000) {
  const w = world();
  onboard(w, "c1", stripeAvailable);
  await sale(w, { coachId: "c1", id: "pi_1", gross: 49900, availableOn: T0 - 2 * DAY, released: true });
  await sale(w, { coachId: "c1", id: "pi_2", gross: 49900, availableOn: T0 - DAY, released: true });
  return w; // 79840 öre available
}

function stripeEvent(type: string, p: { id: string; amount: number; metadata: Record<string, string> }, extra: Record<string, unknown> = {}): StripeEventRecord {
  return { id: `evt_${type}_${p.id}_${Math.random()}`, type, account: "acct_c1", created: 1, livemode: false, data: { object: { id: p.id, object: "payout", amount: p.amount, currency: "sek", metadata: p.metadata, ...extra } } };
}

const snapshot = (w: World) => JSON.stringify([[...w.store.payouts], [...w.store.balances], w.store.entries.size, w.gateway.payouts.length, w.tasks.length]);

describe("payout guards (issue 17)", () => {
  it("guard: approve after reject is refused naming the state; nothing moves, Stripe is not called, the next run does not pay it again", async () => {
    const w = await funded();
    const r = await requestPayout(w.deps, coach, { amount: 50000, currency: "sek" });
    await rejectPayout(w.deps, admin, { payoutId: r.payoutId, reason: "Check your bank details." });
    const before = snapshot(w);
    await assert.rejects(approvePayout(w.deps, admin2, { payoutId: r.payoutId }), refused("precondition", /was rejected by an admin; it cannot be approved/));
    assert.equal(snapshot(w), before);
    assert.deepEqual(w.store.balance("c1"), { coachId: "c1", currency: "sek", held: 0, available: 79840, inPayout: 0, paid: 0 });
    await startPayoutRun(w.deps, { trigger: "schedule" });
    await drain(w, runTask(w));
    assert.equal(w.gateway.payouts.length, 1, "one Stripe payout: the run's, of the available balance");
    assert.equal(w.gateway.payouts[0]!.amount, 79840);
    assert.equal(w.store.balance("c1").inPayout, 79840);
  });

  it("guard: approve or reject after cancel, and cancel once sent, are refused with the state in words", async () => {
    const w = await funded();
    w.store.settings.requireApproval = true;
    const r = await requestPayout(w.deps, coach, { amount: 50000, currency: "sek" });
    await cancelPayoutRequest(w.deps, coach, { payoutId: r.payoutId });
    await assert.rejects(approvePayout(w.deps, admin, { payoutId: r.payoutId }), refused("precondition", /was cancelled; it cannot be approved/));
    await assert.rejects(rejectPayout(w.deps, admin, { payoutId: r.payoutId }), refused("precondition", /was cancelled; it cannot be rejected/));
    const again = await requestPayout(w.deps, coach, { amount: 50000, currency: "sek" });
    await approvePayout(w.deps, admin, { payoutId: again.payoutId });
    await drain(w, runTask(w));
    await assert.rejects(cancelPayoutRequest(w.deps, coach, { payoutId: again.payoutId }), refused("precondition", /is on its way to the coach's bank; it cannot be cancelled/));
    await assert.rejects(retryPayout(w.deps, admin, { payoutId: again.payoutId }), refused("precondition", /it cannot be retried/));
  });

  it("guard: a retry cannot stand in for an approval (found by the model test)", async () => {
    const w = await funded();
    const r = await requestPayout(w.deps, coach, { amount: 50000, currency: "sek" });
    await assert.rejects(retryPayout(w.deps, admin, { payoutId: r.payoutId }), refused("precondition", /is waiting for an admin's approval; it cannot be retried/));
    assert.equal(w.store.balance("c1").inPayout, 50000);
    assert.equal(w.tasks.length, 0);
  });

  it("guard: events of an old attempt are recorded on the payout's trail, never applied to the current attempt", async () => {
    const w = await funded();
    w.store.settings.requireApproval = false;
    const handlers = connectEventHandlers({ store: w.store, clock: w.clock });
    const r = await requestPayout(w.deps, coach, { amount: 50000, currency: "sek" });
    await drain(w, runTask(w));
    const first = w.gateway.payouts[0]!;
    await handlers["payout.failed"]!(stripeEvent("payout.failed", first, { failure_code: "account_closed" }));
    await retryPayout(w.deps, admin, { payoutId: r.payoutId });
    await drain(w, runTask(w));
    assert.equal(w.store.payouts.get(r.payoutId)!.status, "processing");
    // Attempt 1's events again, late: a duplicate failure and a paid that never was.
    const late = await handlers["payout.failed"]!(stripeEvent("payout.failed", first, { failure_code: "account_closed" }));
    const latePaid = await handlers["payout.paid"]!(stripeEvent("payout.paid", first));
    assert.equal(late.result, "ignored");
    assert.match(late.note ?? "", /recorded, not applied: event of attempt 1; payout rq-c1-1 is on attempt 2/);
    assert.equal(latePaid.result, "ignored");
    const p = w.store.payouts.get(r.payoutId)!;
    assert.deepEqual([p.status, p.attempt], ["processing", 2]);
    assert.deepEqual(w.store.balance("c1"), { coachId: "c1", currency: "sek", held: 0, available: 29840, inPayout: 50000, paid: 0 });
    const stale = w.store.auditOf(r.payoutId).filter((a) => a.action === "stale_event");
    assert.equal(stale.length, 2);
    assert.match(stale[0]!.reason ?? "", /^event of attempt 1; payout rq-c1-1 is on attempt 2 \(payout\.failed evt_/);
    assert.deepEqual([stale[0]!.by, stale[0]!.byRole, stale[0]!.attempt], [null, "system", 2]);
  });

  it("guard: the send step's record never takes a paid payout back to processing", async () => {
    const w = await funded();
    w.store.settings.requireApproval = false;
    const handlers = connectEventHandlers({ store: w.store, clock: w.clock });
    const r = await requestPayout(w.deps, coach, { amount: 50000, currency: "sek" });
    w.gateway.failAfterEffect = 1; // Stripe created it, the answer was lost
    await assert.rejects(sendPayout(w.deps, r.payoutId), /response lost/);
    const stripe = w.gateway.payouts[0]!;
    await handlers["payout.paid"]!(stripeEvent("payout.paid", stripe)); // overtakes our record (matched by attempt)
    assert.equal(w.store.payouts.get(r.payoutId)!.status, "paid");
    const retried = await sendPayout(w.deps, r.payoutId); // the task's retry
    assert.equal(retried.result, "unchanged");
    const p = w.store.payouts.get(r.payoutId)!;
    assert.deepEqual([p.status, p.stripePayoutId], ["paid", stripe.id]);
    assert.equal(w.store.balance("c1").paid, 50000);
    assert.equal(w.gateway.payouts.length, 1);
  });

  it("guard: no resend 20 hours after the first call, before Stripe forgets the key at 24 h; within 20 h the same payout comes back", async () => {
    for (const [hours, expectResend] of [[19.9, true], [25, false]] as const) {
      const w = await funded();
      const stripe = new ModelStripe(w.clock);
      stripe.credit("acct_c1", 1_000_000, 0);
      w.deps.gateway = stripe;
      w.store.settings.requireApproval = false;
      const r = await requestPayout(w.deps, coach, { amount: 50000, currency: "sek" });
      stripe.fault = "lost";
      await assert.rejects(sendPayout(w.deps, r.payoutId), /response lost/);
      w.clock.advance(hours * HOUR);
      if (expectResend) {
        assert.equal((await sendPayout(w.deps, r.payoutId)).result, "sent");
      } else {
        await assert.rejects(sendPayout(w.deps, r.payoutId), refused("precondition", /over 20 hours ago/));
      }
      assert.equal(stripe.payouts.length, 1, `${hours} h: one Stripe payout, never two`);
    }
  });

  it("guard: each attempt's void has its own ledger entry (the attempt is in the id)", async () => {
    const w = await funded();
    w.store.settings.requireApproval = false;
    const r = await requestPayout(w.deps, coach, { amount: 50000, currency: "sek" });
    w.gateway.available.set("acct_c1", 10); // Stripe's balance went elsewhere: every attempt is refused
    await drain(w, runTask(w));
    await retryPayout(w.deps, admin, { payoutId: r.payoutId });
    await drain(w, runTask(w));
    assert.ok(w.store.entries.has(`${r.payoutId}:failed`));
    assert.ok(w.store.entries.has(`${r.payoutId}:reserve:2`));
    assert.ok(w.store.entries.has(`${r.payoutId}:failed:2`));
    const p = w.store.payouts.get(r.payoutId)!;
    assert.deepEqual([p.status, p.attempt], ["failed", 2]);
    assert.deepEqual(w.store.balance("c1"), { coachId: "c1", currency: "sek", held: 0, available: 79840, inPayout: 0, paid: 0 });
  });

  it("guard: held (still refundable) money is never reserved, by a request or by the run", async () => {
    const w = world();
    onboard(w, "c1");
    await sale(w, { coachId: "c1", id: "pi_held", gross: 49900, availableOn: T0 + DAY });
    await assert.rejects(requestPayout(w.deps, coach, { amount: 20000, currency: "sek" }), refused("invalid_input", /exceeds the available balance 0\.00 SEK/));
    await startPayoutRun(w.deps, { trigger: "schedule" });
    await drain(w, runTask(w));
    assert.equal(w.gateway.payouts.length, 0);
    assert.deepEqual(w.store.balance("c1"), { coachId: "c1", currency: "sek", held: 39920, available: 0, inPayout: 0, paid: 0 });
  });

  it("guard: an amount exactly at the minimum is paid, one öre less is not", async () => {
    const w = await funded();
    w.store.settings.minimums = { sek: 50000 };
    await assert.rejects(requestPayout(w.deps, coach, { amount: 49999, currency: "sek" }), refused("invalid_input", /below the minimum/));
    assert.equal((await requestPayout(w.deps, coach, { amount: 50000, currency: "sek" })).status, "requested");
    const run = await funded();
    run.store.settings.minimums = { sek: 79840 };
    await startPayoutRun(run.deps, { trigger: "schedule" });
    await drain(run, runTask(run));
    assert.equal(run.gateway.payouts[0]?.amount, 79840);
  });

  it("separation of duties: a coach who is also an admin cannot approve or retry their own payout", async () => {
    const w = await funded();
    const r = await requestPayout(w.deps, coach, { amount: 50000, currency: "sek" });
    const before = snapshot(w);
    await assert.rejects(approvePayout(w.deps, coachAsAdmin, { payoutId: r.payoutId }), refused("permission", /cannot approve your own payout/));
    assert.equal(snapshot(w), before);
    await approvePayout(w.deps, admin, { payoutId: r.payoutId });
    w.gateway.available.set("acct_c1", 0);
    await drain(w, runTask(w));
    await assert.rejects(retryPayout(w.deps, coachAsAdmin, { payoutId: r.payoutId }), refused("permission", /cannot retry your own payout/));
  });

  it("separation of duties: above the settings' amount two different admins approve; the trail says who, when and why", async () => {
    const w = await funded();
    w.store.settings.secondApprovalAbove = { sek: 40000 };
    const r = await requestPayout(w.deps, coach, { amount: 50000, currency: "sek" });
    assert.deepEqual(await approvePayout(w.deps, admin, { payoutId: r.payoutId, reason: "Checked the sales." }), { status: "requested", approvals: 1, requiredApprovals: 2 });
    assert.equal(w.tasks.length, 0);
    await assert.rejects(approvePayout(w.deps, admin, { payoutId: r.payoutId }), refused("conflict", /needs the approval of a second admin/));
    w.clock.advance(HOUR);
    assert.deepEqual(await approvePayout(w.deps, admin2, { payoutId: r.payoutId }), { status: "approved", approvals: 2, requiredApprovals: 2 });
    assert.equal(w.tasks.length, 1);
    const trail = w.store.auditOf(r.payoutId).map((a) => [a.action, a.by, a.at, a.reason, a.from, a.to]);
    assert.deepEqual(trail, [
      ["requested", "c1", T0, null, null, "requested"],
      ["approval", "a1", T0, "Checked the sales.", "requested", "requested"],
      ["approved", "a2", T0 + HOUR, "approved", "requested", "approved"],
    ]);
    // Below the amount one admin is enough.
    const small = await funded();
    small.store.settings.secondApprovalAbove = { sek: 40000 };
    const s = await requestPayout(small.deps, coach, { amount: 40000, currency: "sek" });
    assert.equal((await approvePayout(small.deps, admin, { payoutId: s.payoutId })).status, "approved");
  });

  it("audit trail: rejection, retry and cancellation are recorded with who and why", async () => {
    const w = await funded();
    const a = await requestPayout(w.deps, coach, { amount: 20000, currency: "sek" });
    await cancelPayoutRequest(w.deps, coach, { payoutId: a.payoutId, reason: "Wrong amount." });
    w.store.settings.requireApproval = false;
    const b = await requestPayout(w.deps, coach, { amount: 20000, currency: "sek" });
    w.gateway.available.set("acct_c1", 10);
    await drain(w, runTask(w));
    await retryPayout(w.deps, admin, { payoutId: b.payoutId, reason: "Bank details fixed." });
    w.store.settings.requireApproval = true;
    const c = await requestPayout(w.deps, { ...coach, uid: "c1" }, { amount: 10000, currency: "sek" }).catch(() => null);
    assert.equal(c, null, "b is open again after the retry: one open payout per coach");
    assert.deepEqual(w.store.auditOf(a.payoutId).map((x) => [x.action, x.by, x.reason]), [["requested", "c1", null], ["cancelled", "c1", "Wrong amount."]]);
    assert.deepEqual(w.store.auditOf(b.payoutId).map((x) => [x.action, x.by, x.reason, x.attempt]), [["requested", "c1", null, 1], ["retried", "a1", "Bank details fixed.", 2]]);
    const w2 = await funded();
    const d = await requestPayout(w2.deps, coach, { amount: 20000, currency: "sek" });
    await rejectPayout(w2.deps, admin2, { payoutId: d.payoutId, reason: "Duplicate." });
    assert.deepEqual(w2.store.auditOf(d.payoutId).map((x) => [x.action, x.by, x.byRole, x.reason]), [["requested", "c1", "coach", null], ["rejected", "a2", "admin", "Duplicate."]]);
  });

  it("bad input twice at once: of two concurrent approvals one wins, the other is told the state; one send task", async () => {
    const w = await funded();
    const r = await requestPayout(w.deps, coach, { amount: 50000, currency: "sek" });
    const results = await Promise.allSettled([approvePayout(w.deps, admin, { payoutId: r.payoutId }), approvePayout(w.deps, admin2, { payoutId: r.payoutId })]);
    assert.equal(results.filter((x) => x.status === "fulfilled").length, 1);
    const lost = results.find((x) => x.status === "rejected") as PromiseRejectedResult;
    assert.ok(refused("precondition", /is approved and waiting to be sent to Stripe; it cannot be approved/)(lost.reason));
    assert.equal(w.tasks.length, 1);
  });
});

describe("payout defects fixed (issue 17)", () => {
  it("defect: the sales behind a payout are read inside its transaction, so a hold released meanwhile is on its lines or not in its amount", async () => {
    const w = world();
    onboard(w, "c1");
    await sale(w, { coachId: "c1", id: "pi_1", gross: 49900, availableOn: T0 - 2 * DAY, released: true });
    await sale(w, { coachId: "c1", id: "pi_2", gross: 49900, availableOn: T0 - DAY }); // due, not released yet
    await startPayoutRun(w.deps, { trigger: "schedule" });
    // The hourly release runs while the payout task is between reading the sales and reserving.
    const original = w.store.releasedPayments.bind(w.store);
    let fired = false;
    w.store.releasedPayments = async (...args: Parameters<typeof original>): Promise<RelatedPayment[]> => {
      const rows = await original(...args);
      if (!fired) {
        fired = true;
        const release = releaseHolds({ money: w.store, holds: w.store, clock: w.clock });
        await Promise.race([release, new Promise((r) => setTimeout(r, 20))]); // inside a transaction it must wait its turn
      }
      return rows;
    };
    await drain(w, runTask(w));
    await new Promise((r) => setTimeout(r, 30));
    const p = w.store.payouts.get("payout-run-2026-W03_c1_sek")!;
    const handlers = connectEventHandlers({ store: w.store, clock: w.clock });
    await handlers["payout.paid"]!(stripeEvent("payout.paid", w.gateway.payouts[0]!));
    const lines = p.lineItems.filter((l) => l.kind === "sales").reduce((s, l) => s + l.coachAmount, 0);
    assert.equal(p.amount, lines, `paid ${p.amount} for sales ${p.relatedPaymentIds.join(", ")} worth ${lines}`);
    w.store.settings.requireApproval = false;
    const next = await requestPayout(w.deps, coach, { amount: w.store.balance("c1").available, currency: "sek" });
    assert.deepEqual(w.store.payouts.get(next.payoutId)!.relatedPaymentIds, p.relatedPaymentIds.includes("pi_2") ? [] : ["pi_2"]);
  });

  it("defect: a payout returned by the bank puts its sales back on the next payout's lines", async () => {
    const w = await funded();
    w.store.settings.requireApproval = false;
    const handlers = connectEventHandlers({ store: w.store, clock: w.clock });
    const r = await requestPayout(w.deps, coach, { amount: 79840, currency: "sek" });
    await drain(w, runTask(w));
    const stripe = w.gateway.payouts[0]!;
    await handlers["payout.paid"]!(stripeEvent("payout.paid", stripe));
    await handlers["payout.failed"]!(stripeEvent("payout.failed", stripe, { failure_code: "account_closed", failure_message: "Closed." }));
    assert.equal(w.store.payouts.get(r.payoutId)!.status, "returned");
    assert.equal(w.store.balance("c1").available, 79840);
    const again = await requestPayout(w.deps, coach, { amount: 79840, currency: "sek" });
    const p = w.store.payouts.get(again.payoutId)!;
    assert.deepEqual(p.relatedPaymentIds, ["pi_1", "pi_2"]);
    assert.deepEqual(p.lineItems.map((l) => [l.kind, l.payments, l.coachAmount]), [["sales", 2, 79840]]);
  });

  it("defect: the weekly run pays what Stripe can pay now when the ledger's available is more than Stripe's", async () => {
    const w = await funded(50000); // Stripe has made only 500 kr of the 798.40 kr available
    await startPayoutRun(w.deps, { trigger: "schedule" });
    const calls = w.gateway.calls;
    await drain(w, runTask(w));
    const p = w.store.payouts.get("payout-run-2026-W03_c1_sek")!;
    assert.deepEqual([p.status, p.amount, p.attempt], ["processing", 50000, 2]);
    assert.deepEqual(w.gateway.payouts.map((x) => x.amount), [50000]);
    assert.deepEqual(w.store.balance("c1"), { coachId: "c1", currency: "sek", held: 0, available: 29840, inPayout: 50000, paid: 0 });
    assert.equal(w.gateway.calls - calls, 3, "refused payout, balance, payout: the balance is read only when Stripe refuses");
    assert.equal(p.lineItems.reduce((s, l) => s + l.coachAmount, 0), 50000);
    assert.equal(w.store.outcome("payout-run-2026-W03", "c1_sek")?.status, "done");
  });

  it("defect: payoutCoach pays nothing for a run that does not exist or is finished", async () => {
    const w = await funded();
    await assert.rejects(payRunCoach(w.deps, { runId: "payout-run-made-up", coachId: "c1", currency: "sek" }), refused("not_found", /No payout run payout-run-made-up/));
    await startPayoutRun(w.deps, { trigger: "schedule" });
    await drain(w, runTask(w));
    w.store.coaches.get("c1")!.openPayouts = {};
    await sale(w, { coachId: "c1", id: "pi_3", gross: 49900, availableOn: T0, released: true });
    const runId = "payout-run-2026-W03";
    assert.equal(w.store.runs.get(runId)!.status, "done");
    await assert.rejects(payRunCoach(w.deps, { runId, coachId: "c1", currency: "sek" }).then(() => payRunCoach(w.deps, { runId, coachId: "c2", currency: "sek" })), refused("precondition", /is finished/));
    assert.equal(w.gateway.payouts.length, 1);
  });

  it("defect: payoutCoach respects the approval setting: above the second-approval amount the run's payout waits for two admins", async () => {
    const w = await funded();
    w.store.settings.secondApprovalAbove = { sek: 50000 };
    await startPayoutRun(w.deps, { trigger: "schedule" });
    await drain(w, runTask(w));
    const p = w.store.payouts.get("payout-run-2026-W03_c1_sek")!;
    assert.deepEqual([p.status, p.requiredApprovals], ["requested", 2]);
    assert.equal(w.gateway.payouts.length, 0);
    const run = w.store.runs.get("payout-run-2026-W03")!;
    assert.equal(run.status, "done");
    assert.match(run.summary!, /^0 sent to Stripe \(nothing\), 1 waiting for two admins' approval, 0 failed/);
    await approvePayout(w.deps, admin, { payoutId: p.id });
    await approvePayout(w.deps, admin2, { payoutId: p.id });
    await drain(w, runTask(w));
    assert.equal(w.gateway.payouts[0]?.amount, 79840);
  });

  it("defect: a sale released late, after a payout covered later sales, is listed on the next payout", async () => {
    const w = await funded();
    await sale(w, { coachId: "c1", id: "pi_late", gross: 49900, availableOn: T0 - 3 * DAY }); // its release failed until now
    w.store.settings.requireApproval = false;
    await requestPayout(w.deps, coach, { amount: 79840, currency: "sek" });
    await releaseHolds({ money: w.store, holds: w.store, clock: w.clock });
    await drain(w, runTask(w));
    w.store.coaches.get("c1")!.openPayouts = {}; // as after payout.paid
    const next = await requestPayout(w.deps, coach, { amount: 39920, currency: "sek" });
    assert.deepEqual(w.store.payouts.get(next.payoutId)!.relatedPaymentIds, ["pi_late"]);
  });
});
