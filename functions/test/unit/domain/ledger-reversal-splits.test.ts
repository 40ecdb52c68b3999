import { strict as assert } from "node:assert";
import {
  disputeCreatedEntry,
  disputeWonEntry,
  holdReleaseEntry,
  programSaleEntry,
  refundEntry,
  settledRefundEntry,
  subscriptionPaymentEntry,
} from "../../../src/domain/ledger";
import type { LedgerEntry } from "../../../src/domain/ledger-entries";
import { paymentPosition } from "../../../src/domain/payment-position";
import { accountTotals } from "../../../src/domain/balances";
import { money } from "../../../src/domain/money";

// How a refund or dispute of one payment splits between the platform and the coach, seen in
// the postings each entry books and in what the payment's accounts add up to.

const T = Date.UTC(2026, 10, 22, 10);
const sek = (n: number) => money(n, "sek");
const postings = (e: LedgerEntry) => Object.fromEntries(e.postings.map((p) => [p.account, p.amount]));
const sale = (paymentId = "pi_1") =>
  programSaleEntry({ paymentId, coachId: "c1", gross: sek(10000), fee: sek(2000), occurredAt: T });

describe("ledger reversal splits", () => {
  it("each partial refund gives back its own proportional part of the fee, on what is left", () => {
    const entries: LedgerEntry[] = [sale()];
    const platformParts: number[] = [];
    for (const [i, amount] of [3000, 3000, 4000].entries()) {
      const e = refundEntry({ refundId: `re_${i}`, position: paymentPosition(entries), amount: sek(amount), occurredAt: T });
      platformParts.push(postings(e)["platform:fees"] ?? 0);
      entries.push(e);
    }
    assert.deepEqual(platformParts, [600, 600, 800]);
  });

  it("after a refund the platform bore alone, the rest of the payment comes from the coach's share", () => {
    // A dashboard refund without reversing the transfer: the platform's balance paid 50.00,
    // more than its 20.00 fee. Refunding the other 50.00 takes the coach's whole 80.00 share
    // and gives the platform back the 30.00 it paid beyond its fee, so in all each party gave
    // back exactly what it received.
    const s = sale();
    const platformOnly = settledRefundEntry({
      refundId: "re_1",
      position: paymentPosition([s]),
      settled: sek(5000),
      coach: 0,
      platform: 5000,
      occurredAt: T,
    });
    const rest = refundEntry({ refundId: "re_2", position: paymentPosition([s, platformOnly]), amount: sek(5000), occurredAt: T });
    assert.deepEqual(postings(rest), {
      "platform:stripe_balance": -5000,
      "coach:c1:held": 8000,
      "platform:fees": -3000,
    });
    const totals = accountTotals([s, platformOnly, rest]);
    assert.equal(totals.get("sek|platform:fees"), 0);
    assert.equal(totals.get("sek|coach:c1:held"), 0);
  });

  it("a settled refund takes the coach's part from the held share while it lasts, then from available", () => {
    const s = sale();
    const within = settledRefundEntry({ refundId: "re_1", position: paymentPosition([s]), settled: sek(3000), coach: 2400, platform: 600, occurredAt: T });
    assert.deepEqual(postings(within), {
      "platform:stripe_balance": -3000,
      "coach:c1:held": 2400,
      "platform:fees": 600,
    });
    // Only 56.00 is still held: the next 70.00 of coach part takes those, then 14.00 of available.
    const beyond = settledRefundEntry({
      refundId: "re_2",
      position: paymentPosition([s, within]),
      settled: sek(7000),
      coach: 7000,
      platform: 0,
      occurredAt: T,
    });
    assert.deepEqual(postings(beyond), {
      "platform:stripe_balance": -7000,
      "coach:c1:held": 5600,
      "coach:c1:available": 1400,
    });
  });

  it("nothing is released from hold for a subscription or once the share has left held", () => {
    const sub = subscriptionPaymentEntry({ paymentId: "in_1", gross: sek(9900), occurredAt: T });
    assert.equal(holdReleaseEntry({ position: paymentPosition([sub]), occurredAt: T }), null);
    const s = sale();
    const released = holdReleaseEntry({ position: paymentPosition([s]), occurredAt: T });
    assert.ok(released);
    assert.equal(holdReleaseEntry({ position: paymentPosition([s, released]), occurredAt: T }), null);
  });

  it("a won dispute of a subscription gives everything back to the platform and touches no coach", () => {
    const sub = subscriptionPaymentEntry({ paymentId: "in_1", gross: sek(9900), occurredAt: T });
    const created = disputeCreatedEntry({
      disputeId: "dp_1",
      position: paymentPosition([sub]),
      amount: sek(9900),
      disputeFee: sek(0),
      occurredAt: T,
    });
    const won = disputeWonEntry({ created, occurredAt: T + 1 });
    assert.deepEqual(postings(won), { "platform:stripe_balance": 9900, "platform:disputes": -9900 });
  });
});
