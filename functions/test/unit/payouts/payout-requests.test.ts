import { runPayoutTask } from "../../../src/app/payouts/payout-task";
import assert from "node:assert/strict";
import { approvePayout, cancelPayoutRequest, rejectPayout, requestPayout, retryPayout } from "../../../src/app/payouts/payout-requests";
import { startPayoutRun } from "../../../src/app/payouts/payout-run";
import { DomainError } from "../../../src/domain/errors";
import type { PayoutTask } from "../../../src/ports/payout-dispatcher";
import { DAY, T0, drain, onboard, sale, world, type World } from "./world";

const coach = { uid: "c1", role: "coach" as const, email: "c1@kassa.test" };
const admin = { uid: "a1", role: "admin" as const, email: "a1@kassa.test" };
const runTask = (w: World) => (t: PayoutTask) => runPayoutTask(w.deps, t);

async function funded() {
  const w = world();
  onboard(w, "c1");
  await sale(w, { coachId: "c1", id: "pi_1", gross: 49900, availableOn: T0 - DAY, released: true });
  await sale(w, { coachId: "c1", id: "pi_2", gross: 49900, availableOn: T0 - DAY, released: true });
  return w; // 79840 öre available
}

const kind = (k: string, field?: string) => (e: unknown) => {
  assert.ok(e instanceof DomainError, String(e));
  assert.equal(e.kind, k, e.message);
  if (field) assert.equal(e.field, field);
  return true;
};

describe("payout requests", () => {
  it("reserves at once and waits for approval", async () => {
    const w = await funded();
    const r = await requestPayout(w.deps, coach, { amount: 50000, currency: "sek" });
    assert.equal(r.status, "requested");
    assert.deepEqual(w.store.balance("c1"), { coachId: "c1", currency: "sek", held: 0, available: 29840, inPayout: 50000, paid: 0 });
    assert.equal(w.tasks.length, 0);
    assert.equal(w.gateway.payouts.length, 0);
    assert.deepEqual(w.store.payouts.get(r.payoutId)!.relatedPaymentIds, ["pi_1", "pi_2"]);
  });

  it("lets only one of two concurrent requests pass", async () => {
    const w = await funded();
    const results = await Promise.allSettled([requestPayout(w.deps, coach, { amount: 20000, currency: "sek" }), requestPayout(w.deps, coach, { amount: 20000, currency: "sek" })]);
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    assert.ok(kind("conflict", "payout")(refused.reason));
    assert.equal(w.store.payouts.size, 1);
    assert.equal(w.store.balance("c1").inPayout, 20000);
  });

  const bad: [string, unknown, unknown, string, string][] = [
    ["negative", -100, "sek", "invalid_input", "amount"],
    ["zero", 0, "sek", "invalid_input", "amount"],
    ["fractional", 100.5, "sek", "invalid_input", "amount"],
    ["above available", 90000, "sek", "invalid_input", "amount"],
    ["below minimum", 5000, "sek", "invalid_input", "amount"],
    ["wrong currency", 20000, "eur", "invalid_input", "currency"],
    ["unknown currency", 20000, "xyz", "invalid_input", "currency"],
  ];
  for (const [name, amount, currency, k, field] of bad) {
    it(`refuses a ${name} amount, reserving nothing and calling no payout`, async () => {
      const w = await funded();
      await assert.rejects(requestPayout(w.deps, coach, { amount, currency }), kind(k, field));
      assert.equal(w.store.payouts.size, 0);
      assert.equal(w.store.balance("c1").available, 79840);
      assert.equal(w.gateway.payouts.length, 0);
    });
  }

  it("refuses what Stripe cannot pay now, with the reason", async () => {
    const w = await funded();
    w.gateway.available.set("acct_c1", 15000);
    await assert.rejects(requestPayout(w.deps, coach, { amount: 20000, currency: "sek" }), /200\.00 SEK exceeds what Stripe can pay out now \(150\.00 SEK\)/);
    assert.equal(w.store.payouts.size, 0);
  });

  it("refuses a coach who has not onboarded, and non-coaches", async () => {
    const w = await funded();
    w.store.coaches.delete("c1");
    await assert.rejects(requestPayout(w.deps, coach, { amount: 20000, currency: "sek" }), kind("precondition", "account"));
    await assert.rejects(requestPayout(w.deps, admin, { amount: 20000, currency: "sek" }), kind("permission"));
    assert.equal(w.store.payouts.size, 0);
  });

  it("cancel returns the money; another coach cannot cancel it", async () => {
    const w = await funded();
    const r = await requestPayout(w.deps, coach, { amount: 50000, currency: "sek" });
    await assert.rejects(cancelPayoutRequest(w.deps, { ...coach, uid: "c2" }, { payoutId: r.payoutId }), kind("permission"));
    assert.deepEqual(await cancelPayoutRequest(w.deps, coach, { payoutId: r.payoutId }), { status: "cancelled" });
    assert.equal(w.store.balance("c1").available, 79840);
    assert.deepEqual(w.store.coaches.get("c1")!.openPayouts, {});
    await assert.rejects(cancelPayoutRequest(w.deps, coach, { payoutId: r.payoutId }), kind("precondition"));
    // The paid-through cover is undone, so the next payout lists these payments again.
    const again = await requestPayout(w.deps, coach, { amount: 50000, currency: "sek" });
    assert.deepEqual(w.store.payouts.get(again.payoutId)!.relatedPaymentIds, ["pi_1", "pi_2"]);
  });

  it("approve sends it to Stripe; it can then no longer be cancelled", async () => {
    const w = await funded();
    const r = await requestPayout(w.deps, coach, { amount: 50000, currency: "sek" });
    await assert.rejects(approvePayout(w.deps, coach, { payoutId: r.payoutId }), kind("permission"));
    await approvePayout(w.deps, admin, { payoutId: r.payoutId });
    await drain(w, runTask(w));
    const p = w.store.payouts.get(r.payoutId)!;
    assert.equal(p.status, "processing");
    assert.equal(p.decidedBy, "a1");
    assert.equal(w.gateway.payouts[0]!.key, r.payoutId);
    await assert.rejects(cancelPayoutRequest(w.deps, coach, { payoutId: r.payoutId }), kind("precondition"));
  });

  it("without required approval a request is sent at once", async () => {
    const w = await funded();
    w.store.settings.requireApproval = false;
    const r = await requestPayout(w.deps, coach, { amount: 50000, currency: "sek" });
    assert.equal(r.status, "approved");
    await drain(w, runTask(w));
    assert.equal(w.store.payouts.get(r.payoutId)!.status, "processing");
  });

  it("reject returns the money with the admin's reason", async () => {
    const w = await funded();
    const r = await requestPayout(w.deps, coach, { amount: 50000, currency: "sek" });
    await rejectPayout(w.deps, admin, { payoutId: r.payoutId, reason: "Verify your bank details first." });
    const p = w.store.payouts.get(r.payoutId)!;
    assert.deepEqual([p.status, p.failureCode, p.failureReason], ["rejected", "rejected", "Verify your bank details first."]);
    assert.equal(w.store.balance("c1").available, 79840);
  });

  it("a request and a weekly run at the same moment pay the money once", async () => {
    const w = await funded();
    await startPayoutRun(w.deps, { trigger: "schedule" });
    const [req] = await Promise.allSettled([requestPayout(w.deps, coach, { amount: 79840, currency: "sek" }), drain(w, runTask(w))]);
    const b = w.store.balance("c1");
    assert.equal(b.inPayout, 79840);
    assert.equal(b.available, 0);
    const open = [...w.store.payouts.values()].filter((p) => p.status !== "cancelled" && p.status !== "failed");
    assert.equal(open.length, 1);
    // Whichever came second was refused (the request) or skipped (the run's task).
    if (req.status === "rejected") assert.ok(kind("conflict")(req.reason));
    else assert.equal(w.store.outcome("payout-run-2026-W03", "c1_sek")?.reason, "payout_open");
  });

  it("admin retry of a failed payout is a new attempt with a new key, paid once", async () => {
    const w = await funded();
    w.store.settings.requireApproval = false;
    w.gateway.available.set("acct_c1", 100000);
    const r = await requestPayout(w.deps, coach, { amount: 50000, currency: "sek" });
    w.gateway.available.set("acct_c1", 10); // drained at Stripe between request and send
    await drain(w, runTask(w));
    assert.equal(w.store.payouts.get(r.payoutId)!.status, "failed");
    w.gateway.available.set("acct_c1", 100000);
    await assert.rejects(retryPayout(w.deps, coach, { payoutId: r.payoutId }), kind("permission"));
    assert.deepEqual(await retryPayout(w.deps, admin, { payoutId: r.payoutId }), { status: "approved", attempt: 2 });
    await drain(w, runTask(w));
    const p = w.store.payouts.get(r.payoutId)!;
    assert.equal(p.status, "processing");
    assert.equal(w.gateway.payouts.length, 1);
    assert.equal(w.gateway.payouts[0]!.key, `${r.payoutId}:retry-2`);
    assert.ok(w.store.entries.has(`${r.payoutId}:reserve:2`));
    assert.equal(w.store.balance("c1").inPayout, 50000);
  });
});
