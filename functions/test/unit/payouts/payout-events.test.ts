import assert from "node:assert/strict";
import { connectEventHandlers } from "../../../src/app/connect/connect-event-handlers";
import { requestPayout } from "../../../src/app/payouts/payout-requests";
import { sendPayout } from "../../../src/app/payouts/send-payout";
import type { StripeEventRecord } from "../../../src/app/stripe-events/event";
import { DAY, T0, onboard, sale, world } from "./world";

const coach = { uid: "c1", role: "coach" as const, email: null };

async function sent() {
  const w = world();
  w.store.settings.requireApproval = false;
  onboard(w, "c1");
  await sale(w, { coachId: "c1", id: "pi_1", gross: 49900, availableOn: T0 - DAY, released: true });
  const r = await requestPayout(w.deps, coach, { amount: 39920, currency: "sek" });
  await sendPayout(w.deps, r.payoutId);
  w.tasks.length = 0;
  const stripe = w.gateway.payouts[0]!;
  const handlers = connectEventHandlers({ store: w.store, clock: w.clock });
  const event = (type: string, extra: Record<string, unknown> = {}, id = stripe.id): StripeEventRecord => ({
    id: `evt_${type}_${Math.random()}`,
    type,
    account: "acct_c1",
    created: 1,
    livemode: false,
    data: { object: { id, object: "payout", amount: stripe.amount, currency: "sek", metadata: stripe.metadata, ...extra } },
  });
  return { w, payoutId: r.payoutId, handlers, event };
}

describe("payout events", () => {
  it("payout.paid posts it; a duplicate delivery changes nothing", async () => {
    const { w, payoutId, handlers, event } = await sent();
    assert.equal((await handlers["payout.paid"]!(event("payout.paid"))).result, "processed");
    assert.equal((await handlers["payout.paid"]!(event("payout.paid"))).result, "ignored");
    assert.equal(w.store.payouts.get(payoutId)!.status, "paid");
    assert.deepEqual(w.store.balance("c1"), { coachId: "c1", currency: "sek", held: 0, available: 0, inPayout: 0, paid: 39920 });
    assert.deepEqual(w.store.coaches.get("c1")!.openPayouts, {});
  });

  it("payout.failed returns the funds with Stripe's code and message; a late payout.paid keeps failed", async () => {
    const { w, payoutId, handlers, event } = await sent();
    await handlers["payout.failed"]!(event("payout.failed", { failure_code: "account_closed", failure_message: "The bank account has been closed." }));
    assert.equal((await handlers["payout.paid"]!(event("payout.paid"))).result, "ignored");
    const p = w.store.payouts.get(payoutId)!;
    assert.deepEqual([p.status, p.failureCode, p.failureReason], ["failed", "account_closed", "The bank account has been closed."]);
    assert.deepEqual(w.store.balance("c1"), { coachId: "c1", currency: "sek", held: 0, available: 39920, inPayout: 0, paid: 0 });
  });

  it("payout.failed after payout.paid books a return to available", async () => {
    const { w, payoutId, handlers, event } = await sent();
    await handlers["payout.paid"]!(event("payout.paid"));
    await handlers["payout.failed"]!(event("payout.failed", { failure_code: "account_closed", failure_message: "closed" }));
    assert.equal(w.store.payouts.get(payoutId)!.status, "returned");
    assert.ok(w.store.entries.has(`${payoutId}:returned`));
    assert.deepEqual(w.store.balance("c1"), { coachId: "c1", currency: "sek", held: 0, available: 39920, inPayout: 0, paid: 0 });
  });

  it("payout.paid that overtakes our own record still posts exactly once", async () => {
    const { w, payoutId, handlers, event } = await sent();
    const p = w.store.payouts.get(payoutId)!;
    w.store.payouts.set(payoutId, { ...p, status: "sending", stripePayoutId: null }); // Stripe answered, we had not written yet
    await handlers["payout.paid"]!(event("payout.paid"));
    assert.equal(w.store.payouts.get(payoutId)!.status, "paid");
    assert.equal(w.store.balance("c1").paid, 39920);
  });

  it("records events for payouts Kassa does not know for review", async () => {
    const { w, handlers, event } = await sent();
    const e = event("payout.paid", { metadata: {} }, "po_unknown");
    assert.equal((await handlers["payout.paid"]!(e)).result, "processed");
    assert.equal(w.store.reviews.size, 1);
    assert.equal([...w.store.reviews.values()][0]!.stripeObjectId, "po_unknown");
  });

  it("ignores the platform's own payouts", async () => {
    const { handlers, event } = await sent();
    assert.equal((await handlers["payout.paid"]!({ ...event("payout.paid"), account: null })).result, "ignored");
  });
});
