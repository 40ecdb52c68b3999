/** A refused payout request carries a reason code and amounts, from which the web app writes the coach's sentence. */
import assert from "node:assert/strict";
import { emptyCoachBalance } from "../../../src/domain/balances";
import { DomainError } from "../../../src/domain/errors";
import { validatePayoutRequest, type PayoutAccountState } from "../../../src/domain/payout-policy";

const ready: PayoutAccountState = { detailsSubmitted: true, payoutsEnabled: true };
const request = (amount: unknown, patch: Partial<Parameters<typeof validatePayoutRequest>[0]> = {}) =>
  validatePayoutRequest({ amount, currency: "sek", balance: { ...emptyCoachBalance("c1", "sek"), available: 135_030 }, account: ready, minimum: 10_000, openPayout: false, ...patch });
const details = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof DomainError);
    assert.equal(e.field, "amount");
    return e.details;
  }
  assert.fail("not refused");
};

describe("payout request refusals, with their reasons", () => {
  it("above the available balance: the balance in minor units", () => {
    assert.deepEqual(details(() => request(9_999_900)), { reason: "exceeds_balance", available: 135_030, currency: "sek" });
  });
  it("above what Stripe can pay now: Stripe's available", () => {
    assert.deepEqual(details(() => request(100_000, { stripeAvailable: 40_000 })), { reason: "exceeds_stripe_available", available: 40_000, currency: "sek" });
  });
  it("below the minimum: the minimum", () => {
    assert.deepEqual(details(() => request(9_999)), { reason: "below_minimum", minimum: 10_000, currency: "sek" });
  });
  it("zero or negative", () => {
    assert.deepEqual(details(() => request(0)), { reason: "amount_not_positive" });
  });
});
