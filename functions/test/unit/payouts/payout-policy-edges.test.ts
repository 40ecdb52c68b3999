/** The payout policy at its edges: exact boundaries and the exact words a coach or admin reads. */
import assert from "node:assert/strict";
import { emptyCoachBalance } from "../../../src/domain/balances";
import { DomainError } from "../../../src/domain/errors";
import { decidePayout, payoutMinimum, requiredApprovalsFor, validatePayoutRequest, type PayoutAccountState } from "../../../src/domain/payout-policy";

const ready: PayoutAccountState = { detailsSubmitted: true, payoutsEnabled: true };
const bal = (available: number) => ({ ...emptyCoachBalance("c1", "sek"), available });
const request = (amount: unknown, patch: Partial<Parameters<typeof validatePayoutRequest>[0]> = {}) =>
  validatePayoutRequest({ amount, currency: "sek", balance: bal(50_000), account: ready, minimum: 10_000, openPayout: false, ...patch });
const says = (kind: string, field: string, message: string) => (e: unknown) => {
  assert.ok(e instanceof DomainError, String(e));
  assert.deepEqual([e.kind, e.field, e.message], [kind, field, message]);
  return true;
};

describe("payout policy at its edges", () => {
  it("a minimum is at least one minor unit", () => {
    assert.equal(payoutMinimum("sek", {}, 1), 1);
    assert.throws(() => payoutMinimum("sek", {}, 0), says("invalid_input", "minimum", "minimum: must be at least 1 minor unit"));
  });

  it("the run's skips carry the detail an admin needs", () => {
    const skip = (d: ReturnType<typeof decidePayout>) => (d.due ? "due" : d.message);
    assert.equal(skip(decidePayout({ balance: bal(-1_000), account: ready, minimum: 10_000, openPayout: false })), "Negative balance: refunds or disputes exceed earnings; later sales net it off first. (available -10.00 SEK)");
    assert.equal(skip(decidePayout({ balance: bal(0), account: ready, minimum: 10_000, openPayout: false })), "Nothing available to pay out yet.");
    assert.equal(skip(decidePayout({ balance: bal(9_999), account: ready, minimum: 10_000, openPayout: false })), "Below the minimum payout amount. (99.99 SEK < 100.00 SEK)");
    assert.equal(skip(decidePayout({ balance: bal(20_000), account: ready, minimum: 10_000, openPayout: false, stripeAvailable: -5 })), "Nothing available to pay out yet.");
    assert.deepEqual(decidePayout({ balance: bal(10_000), account: ready, minimum: 10_000, openPayout: false }), { due: true, amount: { amount: 10_000, currency: "sek" } });
  });

  it("a request exactly at the minimum, at the available balance and at Stripe's available passes", () => {
    assert.deepEqual(request(10_000), { amount: 10_000, currency: "sek" });
    assert.deepEqual(request(50_000, { stripeAvailable: 50_000 }), { amount: 50_000, currency: "sek" });
    assert.deepEqual(request(50_000, { stripeAvailable: null }), { amount: 50_000, currency: "sek" }, "Stripe's balance unknown: the ledger decides");
    assert.throws(() => request(50_001), says("invalid_input", "amount", "amount: 500.01 SEK exceeds the available balance 500.00 SEK"));
    assert.throws(() => request(40_001, { stripeAvailable: 40_000 }), says("invalid_input", "amount", "amount: 400.01 SEK exceeds what Stripe can pay out now (400.00 SEK)"));
    assert.throws(() => request(9_999), says("invalid_input", "amount", "amount: 99.99 SEK is below the minimum payout 100.00 SEK"));
  });

  it("a request's refusals in the coach's words", () => {
    assert.throws(() => request(0), says("invalid_input", "amount", "amount: must be greater than 0"));
    assert.throws(() => request(-1), says("invalid_input", "amount", "amount: must be greater than 0"));
    assert.throws(() => request(10_000, { currency: "eur" }), says("invalid_input", "currency", "currency: no balance in eur for this request"));
    assert.throws(() => request(10_000, { account: null }), says("precondition", "account", "Onboarding incomplete: the coach has not finished setting up payouts with Stripe."));
    assert.throws(() => request(10_000, { account: { ...ready, payoutsEnabled: false, disabledReason: null } }), says("precondition", "account", "Account restricted: Stripe has disabled payouts on the coach's account."));
    assert.throws(() => request(10_000, { account: { ...ready, payoutsEnabled: false, disabledReason: "requirements.past_due" } }), says("precondition", "account", "Account restricted: Stripe has disabled payouts on the coach's account. (requirements.past_due)"));
    assert.throws(() => request(10_000, { balance: bal(-5_000) }), says("invalid_input", "amount", "amount: 100.00 SEK exceeds the available balance 0.00 SEK"));
  });

  it("two admins strictly above the second-approval amount, per currency", () => {
    assert.equal(requiredApprovalsFor(50_001, "sek", { sek: 50_000 }), 2);
    assert.equal(requiredApprovalsFor(50_000, "sek", { sek: 50_000 }), 1);
    assert.equal(requiredApprovalsFor(1_000_000, "eur", { sek: 50_000 }), 1);
    assert.equal(requiredApprovalsFor(1_000_000, "sek", undefined), 1);
    assert.equal(requiredApprovalsFor(1, "sek", { sek: 0 }), 2);
  });
});
