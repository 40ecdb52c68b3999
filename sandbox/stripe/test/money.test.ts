import assert from "node:assert/strict";
import type Stripe from "stripe";
import type { Harness } from "./helpers.js";
import { assertLedgerMatches, balance, expectStripeError, paidCheckout, start, verifiedAccount } from "./helpers.js";
import StripeSdk from "stripe";

const fee = (amount: number): number => Math.floor((amount * 150 + 5000) / 10000) + 180;

describe("money: balances move like Stripe's", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await start();
  });
  afterEach(async () => h.sbx.close());

  it("destination charge: platform keeps fee minus Stripe fee, coach share pending until the clock passes available_on", async () => {
    const acct = await verifiedAccount(h);
    await paidCheckout(h, acct.id, 49900, 9980);
    assert.deepEqual(await balance(h.stripe), { available: 0, pending: 9980 - fee(49900) });
    assert.deepEqual(await balance(h.stripe, acct.id), { available: 0, pending: 49900 - 9980 });
    await h.control("POST", "/__sandbox/clock", { advance_seconds: 7 * 86400 - 120 });
    assert.equal((await balance(h.stripe, acct.id)).available, 0, "still pending before available_on");
    await h.control("POST", "/__sandbox/clock", { advance_seconds: 240 });
    assert.deepEqual(await balance(h.stripe, acct.id), { available: 39920, pending: 0 });
    await assertLedgerMatches(h.stripe);
    await assertLedgerMatches(h.stripe, acct.id);
  });

  it("refund with reverse_transfer and refund_application_fee, dispute, transfer + reversal, payouts paid and failed keep ledgers equal to balances", async () => {
    const acct = await verifiedAccount(h);
    const a = await paidCheckout(h, acct.id, 20000, 4000);
    const b = await paidCheckout(h, acct.id, 10000, 2000);
    // Partial refund of half of charge a: half the transfer and half the fee come back.
    const refund = await h.stripe.refunds.create({ charge: a.charge.id, amount: 10000, reverse_transfer: true, refund_application_fee: true });
    assert.equal(refund.status, "succeeded");
    assert.ok(refund.transfer_reversal);
    const charge = await h.stripe.charges.retrieve(a.charge.id);
    assert.equal(charge.amount_refunded, 10000);
    assert.equal(charge.refunded, false);
    // Dispute on charge b, lost.
    const disputed = await h.control<Stripe.Dispute>("POST", `/__sandbox/charges/${b.charge.id}/dispute`, { outcome: "lost" });
    assert.equal(disputed.body.status, "lost");
    // Charge b's funds are all transferred already, so linking another transfer to it fails.
    await expectStripeError(h.stripe.transfers.create({ amount: 1000, currency: "sek", destination: acct.id, source_transaction: b.charge.id }), StripeSdk.errors.StripeInvalidRequestError, { code: "balance_insufficient" });
    // A platform charge, then a transfer tied to its funds, partly reversed.
    const own = await h.stripe.paymentIntents.create({ amount: 5000, currency: "sek", payment_method: "pm_card_visa", confirm: true });
    const tr = await h.stripe.transfers.create({ amount: 1000, currency: "sek", destination: acct.id, source_transaction: own.latest_charge as string });
    await h.stripe.transfers.createReversal(tr.id, { amount: 400 });
    await h.control("POST", "/__sandbox/clock", { advance_seconds: 8 * 86400 });

    const coach = await balance(h.stripe, acct.id);
    // a: the transfer was the full 20000 (fee 4000 taken back), half is reversed (10000)
    // and half the fee refunded (2000), leaving the coach 8000; b: 8000; transfer 1000 - 400.
    assert.equal(coach.available, 16000 - 10000 + 2000 + 8000 + 600);
    const platform = await balance(h.stripe);
    const expectedPlatform = 4000 - fee(20000) + (2000 - fee(10000)) - 10000 + 10000 - 2000 - 10000 - 25000 + (5000 - fee(5000)) - 1000 + 400;
    assert.equal(platform.available + platform.pending, expectedPlatform);

    const po1 = await h.stripe.payouts.create({ amount: 10000, currency: "sek" }, { stripeAccount: acct.id });
    assert.equal(po1.status, "pending", "Stripe payouts start pending");
    assert.equal((await balance(h.stripe, acct.id)).available, coach.available - 10000);
    const sent = await h.control<Stripe.Payout>("POST", `/__sandbox/payouts/${po1.id}/in_transit`);
    assert.equal(sent.body.status, "in_transit");
    await expectStripeError(h.stripe.payouts.cancel(po1.id, {}, { stripeAccount: acct.id }), StripeSdk.errors.StripeInvalidRequestError, { statusCode: 400 });
    const paid = await h.control<Stripe.Payout>("POST", `/__sandbox/payouts/${po1.id}/paid`);
    assert.equal(paid.body.status, "paid");
    const po2 = await h.stripe.payouts.create({ amount: 5000, currency: "sek" }, { stripeAccount: acct.id });
    const failed = await h.control<Stripe.Payout>("POST", `/__sandbox/payouts/${po2.id}/failed`, { failure_code: "account_closed" });
    assert.equal(failed.body.status, "failed");
    assert.equal(failed.body.failure_code, "account_closed");
    assert.ok(failed.body.failure_balance_transaction);
    assert.equal((await balance(h.stripe, acct.id)).available, coach.available - 10000, "failed payout returned its funds");
    const po3 = await h.stripe.payouts.create({ amount: 3000, currency: "sek" }, { stripeAccount: acct.id });
    assert.equal((await balance(h.stripe, acct.id)).available, coach.available - 13000);
    const canceled = await h.stripe.payouts.cancel(po3.id, {}, { stripeAccount: acct.id });
    assert.equal(canceled.status, "canceled");
    const cancelTxn = await h.stripe.balanceTransactions.retrieve(canceled.failure_balance_transaction as string, {}, { stripeAccount: acct.id });
    assert.equal(cancelTxn.type, "payout_cancel");
    assert.equal(cancelTxn.amount, 3000);
    assert.equal((await balance(h.stripe, acct.id)).available, coach.available - 10000, "a canceled payout returns its funds");
    const events = await h.stripe.events.list({ limit: 100 }, { stripeAccount: acct.id });
    const failedEvent = events.data.find((e) => e.type === "payout.failed");
    assert.equal(failedEvent?.account, acct.id);
    assert.ok(events.data.some((e) => e.type === "payout.paid"));
    assert.ok(events.data.some((e) => e.type === "payout.canceled" && e.account === acct.id));
    await assertLedgerMatches(h.stripe);
    await assertLedgerMatches(h.stripe, acct.id);
  });

  it("platform payouts to the platform's own bank: pending, then paid, events without account", async () => {
    const acct = await verifiedAccount(h);
    await paidCheckout(h, acct.id, 10000, 2000);
    await h.control("POST", "/__sandbox/clock", { advance_seconds: 8 * 86400 });
    // Platform payouts to the platform's own bank: the same life cycle, events without `account`.
    const ownPayout = await h.stripe.payouts.create({ amount: 500, currency: "sek" });
    assert.equal(ownPayout.status, "pending");
    await h.control("POST", `/__sandbox/payouts/${ownPayout.id}/paid`);
    const ownEvents = await h.stripe.events.list({ type: "payout.*" });
    assert.deepEqual(ownEvents.data.filter((e) => (e.data.object as Stripe.Payout).id === ownPayout.id).map((e) => [e.type, e.account]), [
      ["payout.paid", undefined],
      ["payout.updated", undefined],
      ["payout.updated", undefined],
      ["payout.created", undefined],
    ]);
  });

  it("payout beyond available is refused with balance_insufficient and changes nothing", async () => {
    const acct = await verifiedAccount(h);
    await paidCheckout(h, acct.id, 10000, 1000);
    const before = await balance(h.stripe, acct.id);
    // Pending funds do not count: Stripe pays out from available only.
    await expectStripeError(h.stripe.payouts.create({ amount: 100, currency: "sek" }, { stripeAccount: acct.id }), StripeSdk.errors.StripeInvalidRequestError, { code: "balance_insufficient", param: "amount" });
    await h.control("POST", "/__sandbox/clock", { advance_seconds: 8 * 86400 });
    await expectStripeError(h.stripe.payouts.create({ amount: 9001, currency: "sek" }, { stripeAccount: acct.id }), StripeSdk.errors.StripeInvalidRequestError, { code: "balance_insufficient" });
    assert.equal((await h.stripe.payouts.list({}, { stripeAccount: acct.id })).data.length, 0);
    const after = await balance(h.stripe, acct.id);
    assert.equal(after.available + after.pending, before.available + before.pending);
  });

  it("payouts need payouts_enabled", async () => {
    const acct = await h.stripe.accounts.create({ type: "express" });
    await expectStripeError(h.stripe.payouts.create({ amount: 100, currency: "sek" }, { stripeAccount: acct.id }), StripeSdk.errors.StripeInvalidRequestError, { code: "payouts_not_allowed" });
  });
});
