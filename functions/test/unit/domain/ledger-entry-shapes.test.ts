import { strict as assert } from "node:assert";
import {
  disputeCreatedEntry,
  disputeExcessEntry,
  disputeLostEntry,
  disputeWonEntry,
  payoutFailedEntry,
  payoutPaidEntry,
  payoutReturnedEntry,
  platformPayoutEntry,
  platformPayoutFailedEntry,
  programSaleEntry,
  refundEntry,
  refundFailedEntry,
  settledRefundEntry,
  stripeFeeEntry,
  subscriptionPaymentEntry,
} from "../../../src/domain/ledger";
import type { LedgerEntry } from "../../../src/domain/ledger-entries";
import { paymentPosition } from "../../../src/domain/payment-position";
import { money } from "../../../src/domain/money";

// The whole entry each builder returns: its id is the idempotency key the ledger is written
// under, its kind and flow decide the voucher, its refs link it to the payment, payout and
// Stripe object (the payment and payout pages and the reconciliation read them).

const T = Date.UTC(2026, 10, 22, 10);
const sek = (n: number) => money(n, "sek");
const sale = programSaleEntry({ paymentId: "pi_1", coachId: "c1", gross: sek(49900), fee: sek(9980), occurredAt: T });
const subscription = subscriptionPaymentEntry({ paymentId: "in_1", gross: sek(9900), occurredAt: T });
const original = { amount: 4500, currency: "eur" as const, exchangeRate: 11.5 };

describe("ledger entry shapes: sales and fees", () => {
  it("a subscription names the invoice as its Stripe object unless told another, and keeps the charge's own currency", () => {
    assert.deepEqual(subscription, {
      id: "in_1:capture",
      kind: "subscription_payment",
      currency: "sek",
      postings: [
        { account: "platform:stripe_balance", amount: 9900 },
        { account: "platform:subscriptions", amount: -9900 },
      ],
      occurredAt: T,
      refs: { paymentId: "in_1", stripeObjectId: "in_1" },
      flow: "subscriptions",
    });
    const converted = subscriptionPaymentEntry({ paymentId: "in_2", gross: sek(52000), stripeObjectId: "ch_2", original, occurredAt: T });
    assert.deepEqual(converted.refs, { paymentId: "in_2", stripeObjectId: "ch_2", original });
  });

  it("Stripe's fee refers to its balance transaction, and to the payment when known", () => {
    const withPayment = stripeFeeEntry({ sourceId: "txn_1", fee: sek(250), paymentId: "pi_1", occurredAt: T });
    assert.deepEqual(withPayment?.refs, { paymentId: "pi_1", stripeObjectId: "txn_1" });
    assert.equal(withPayment?.kind, "stripe_fee");
    const alone = stripeFeeEntry({ sourceId: "txn_2", fee: sek(250), occurredAt: T });
    assert.deepEqual(alone?.refs, { stripeObjectId: "txn_2" });
  });
});

describe("ledger entry shapes: refunds", () => {
  const refund = refundEntry({ refundId: "re_1", position: paymentPosition([sale]), amount: sek(10000), occurredAt: T + 1 });

  it("a settled refund keeps the charge's own currency and amount", () => {
    const e = settledRefundEntry({
      refundId: "re_2",
      position: paymentPosition([sale]),
      settled: sek(10000),
      coach: 8000,
      platform: 2000,
      original,
      occurredAt: T,
    });
    assert.deepEqual(e.refs, { paymentId: "pi_1", coachId: "c1", stripeObjectId: "re_2", original });
    assert.equal(e.kind, "refund");
  });

  it("a failed refund undoes the refund exactly, the coach's part back to available, under the refund's own id", () => {
    const failed = refundFailedEntry({ refund, occurredAt: T + 2 });
    assert.deepEqual(failed, {
      id: "re_1:refund_failed",
      kind: "refund",
      currency: "sek",
      postings: [
        { account: "platform:stripe_balance", amount: 10000 },
        { account: "coach:c1:available", amount: -8000 },
        { account: "platform:fees", amount: -2000 },
      ],
      occurredAt: T + 2,
      refs: { paymentId: "pi_1", coachId: "c1", stripeObjectId: "re_1" },
      flow: "refunds",
    });
  });

  it("a refund stored without its Stripe id still fails under the refund's id", () => {
    const { stripeObjectId: _dropped, ...refs } = refund.refs;
    const failed = refundFailedEntry({ refund: { ...refund, refs }, occurredAt: T + 2 });
    assert.equal(failed.id, "re_1:refund_failed");
    assert.deepEqual(failed.refs, { paymentId: "pi_1", coachId: "c1" });
  });
});

describe("ledger entry shapes: disputes", () => {
  const created = disputeCreatedEntry({
    disputeId: "dp_1",
    position: paymentPosition([sale]),
    amount: sek(49900),
    disputeFee: sek(15000),
    occurredAt: T,
  });
  const refs = { paymentId: "pi_1", coachId: "c1", stripeObjectId: "dp_1" };

  it("won and lost entries carry the dispute's refs", () => {
    const won = disputeWonEntry({ created, occurredAt: T + 1 });
    assert.deepEqual([won.kind, won.flow, won.refs], ["dispute_won", "disputes", refs]);
    const lost = disputeLostEntry({ created, occurredAt: T + 1 });
    assert.deepEqual(lost, {
      id: "dp_1:dispute_lost",
      kind: "dispute_lost",
      currency: "sek",
      postings: [
        { account: "platform:fees", amount: 9980 },
        { account: "platform:disputes", amount: -9980 },
      ],
      occurredAt: T + 1,
      refs,
      flow: "disputes",
    });
  });

  it("a dispute stored without its Stripe id is won or lost under the dispute's id", () => {
    const { stripeObjectId: _dropped, ...legacyRefs } = created.refs;
    const legacy: LedgerEntry = { ...created, refs: legacyRefs };
    assert.equal(disputeWonEntry({ created: legacy, occurredAt: T }).id, "dp_1:dispute_won");
    assert.equal(disputeLostEntry({ created: legacy, occurredAt: T })?.id, "dp_1:dispute_lost");
  });

  it("money withdrawn beyond the sale is a dispute excess, and its return has its own id", () => {
    const position = paymentPosition([sale]);
    const excess = disputeExcessEntry({ disputeId: "dp_2", position, amount: sek(3000), returned: false, occurredAt: T });
    assert.deepEqual(excess, {
      id: "dp_2:dispute_excess",
      kind: "dispute_excess",
      currency: "sek",
      postings: [
        { account: "platform:stripe_balance", amount: -3000 },
        { account: "stripe:dispute_fees", amount: 3000 },
      ],
      occurredAt: T,
      refs: { paymentId: "pi_1", coachId: "c1", stripeObjectId: "dp_2" },
      flow: "disputes",
    });
    const back = disputeExcessEntry({ disputeId: "dp_2", position, amount: sek(3000), returned: true, occurredAt: T });
    assert.equal(back.id, "dp_2:dispute_excess_returned");
    assert.deepEqual(back.postings, [
      { account: "platform:stripe_balance", amount: 3000 },
      { account: "stripe:dispute_fees", amount: -3000 },
    ]);
  });
});

describe("ledger entry shapes: payouts", () => {
  const input = { payoutId: "pay_1", coachId: "c1", amount: sek(15000), occurredAt: T };

  it("paid, failed and returned steps each have their own kind and id", () => {
    const paid = payoutPaidEntry({ ...input, stripePayoutId: "po_1" });
    assert.deepEqual(paid, {
      id: "pay_1:paid",
      kind: "payout_paid",
      currency: "sek",
      postings: [
        { account: "coach:c1:in_payout", amount: 15000 },
        { account: "coach:c1:paid", amount: -15000 },
      ],
      occurredAt: T,
      refs: { payoutId: "pay_1", coachId: "c1", stripeObjectId: "po_1" },
      flow: "transfers",
    });
    assert.deepEqual([payoutFailedEntry(input).kind, payoutFailedEntry(input).id], ["payout_failed", "pay_1:failed"]);
    assert.equal(payoutFailedEntry({ ...input, attempt: 3 }).id, "pay_1:failed:3");
    const returned = payoutReturnedEntry(input);
    assert.deepEqual([returned.kind, returned.id, returned.refs], ["payout_returned", "pay_1:returned", { payoutId: "pay_1", coachId: "c1" }]);
  });

  it("the platform's own payout and its failure refer to the Stripe payout", () => {
    const paid = platformPayoutEntry({ stripePayoutId: "po_9", amount: sek(5000), occurredAt: T });
    assert.deepEqual([paid.kind, paid.refs], ["platform_payout", { stripeObjectId: "po_9" }]);
    const failed = platformPayoutFailedEntry({ stripePayoutId: "po_9", amount: sek(5000), occurredAt: T + 1 });
    assert.deepEqual(failed, {
      id: "po_9:platform_failed",
      kind: "platform_payout_failed",
      currency: "sek",
      postings: [
        { account: "platform:stripe_balance", amount: 5000 },
        { account: "platform:bank", amount: -5000 },
      ],
      occurredAt: T + 1,
      refs: { stripeObjectId: "po_9" },
      flow: "payouts",
    });
  });
});
