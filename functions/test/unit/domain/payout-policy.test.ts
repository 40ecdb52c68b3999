import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  decidePayout,
  payoutMinimum,
  skipReasonText,
  validatePayoutRequest,
  type PayoutAccountState,
} from "../../../src/domain/payout-policy";
import { emptyCoachBalance } from "../../../src/domain/balances";
import { DomainError } from "../../../src/domain/errors";

const ready: PayoutAccountState = { detailsSubmitted: true, payoutsEnabled: true };
const bal = (available: number) => ({ ...emptyCoachBalance("c1", "sek"), available });
const base = { account: ready, minimum: 10_000, openPayout: false };
const fails = (kind: string, field: string) => (e: unknown) =>
  e instanceof DomainError && e.kind === kind && e.field === field;

describe("payout policy", () => {
  it("resolves minimums: coach override, then settings, then defaults", () => {
    assert.equal(payoutMinimum("sek"), 10_000);
    assert.equal(payoutMinimum("usd"), 2_500);
    assert.equal(payoutMinimum("eur"), 2_500);
    assert.equal(payoutMinimum("nok"), 10_000);
    assert.equal(payoutMinimum("sek", { sek: 20_000 }), 20_000);
    assert.equal(payoutMinimum("sek", { sek: 20_000 }, 5_000), 5_000);
    assert.throws(() => payoutMinimum("sek", { sek: 1.5 }), fails("invalid_input", "minimum"));
  });

  it("pays the available balance, capped by what Stripe can pay now", () => {
    assert.deepEqual(decidePayout({ ...base, balance: bal(25_000) }), {
      due: true,
      amount: { amount: 25_000, currency: "sek" },
    });
    assert.deepEqual(decidePayout({ ...base, balance: bal(25_000), stripeAvailable: 12_000 }), {
      due: true,
      amount: { amount: 12_000, currency: "sek" },
    });
  });

  it("skips with the reason the coach must fix first", () => {
    const reason = (input: Parameters<typeof decidePayout>[0]) => {
      const d = decidePayout(input);
      return d.due ? "due" : d.reason;
    };
    assert.equal(reason({ ...base, balance: bal(50_000), account: null }), "onboarding_incomplete");
    assert.equal(
      reason({ ...base, balance: bal(50_000), account: { ...ready, detailsSubmitted: false } }),
      "onboarding_incomplete",
    );
    assert.equal(
      reason({
        ...base,
        balance: bal(50_000),
        account: { ...ready, payoutsEnabled: false, disabledReason: "requirements.past_due" },
      }),
      "account_restricted",
    );
    assert.equal(reason({ ...base, balance: bal(50_000), openPayout: true }), "payout_open");
    assert.equal(reason({ ...base, balance: bal(-1) }), "negative_balance");
    assert.equal(reason({ ...base, balance: bal(0) }), "nothing_available");
    assert.equal(
      reason({ ...base, balance: bal(50_000), stripeAvailable: 0 }),
      "nothing_available",
    );
    assert.equal(reason({ ...base, balance: bal(9_999) }), "below_minimum");
    assert.equal(
      reason({ ...base, balance: bal(50_000), stripeAvailable: 9_999 }),
      "below_minimum",
    );
  });

  it("explains skips in words, with Stripe's reason when there is one", () => {
    const d = decidePayout({
      ...base,
      balance: bal(50_000),
      account: { ...ready, payoutsEnabled: false, disabledReason: "requirements.past_due" },
    });
    assert.ok(!d.due && d.message.includes("requirements.past_due"));
    assert.match(skipReasonText("below_minimum"), /minimum/);
    assert.match(skipReasonText("onboarding_incomplete"), /nboarding incomplete/);
  });

  it("property: a due amount is at least the minimum and never above ledger or Stripe available", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000, max: 1_000_000 }),
        fc.option(fc.integer({ min: -1_000, max: 1_000_000 })),
        fc.integer({ min: 1, max: 50_000 }),
        (available, stripeAvailable, minimum) => {
          const d = decidePayout({ ...base, minimum, balance: bal(available), stripeAvailable });
          if (d.due) {
            assert.ok(d.amount.amount >= minimum);
            assert.ok(d.amount.amount <= available);
            if (stripeAvailable !== null) assert.ok(d.amount.amount <= stripeAvailable);
          } else {
            assert.ok(Math.min(available, stripeAvailable ?? Infinity) < minimum);
          }
        },
      ),
    );
  });

  describe("validatePayoutRequest", () => {
    const req = {
      currency: "sek",
      balance: bal(30_000),
      account: ready,
      minimum: 10_000,
      openPayout: false,
    };

    it("accepts a valid request and returns the amount", () => {
      assert.deepEqual(validatePayoutRequest({ ...req, amount: 20_000 }), {
        amount: 20_000,
        currency: "sek",
      });
      assert.deepEqual(validatePayoutRequest({ ...req, amount: 30_000, currency: "SEK" }), {
        amount: 30_000,
        currency: "sek",
      });
    });

    it("refuses bad amounts naming the field", () => {
      for (const amount of [0, -100, 150.5, "20000", Number.NaN, 30_001, 9_999]) {
        assert.throws(
          () => validatePayoutRequest({ ...req, amount }),
          fails("invalid_input", "amount"),
          String(amount),
        );
      }
      assert.throws(
        () => validatePayoutRequest({ ...req, amount: 20_000, stripeAvailable: 15_000 }),
        fails("invalid_input", "amount"),
      );
    });

    it("refuses a wrong currency, an account not ready and a second open request", () => {
      assert.throws(
        () => validatePayoutRequest({ ...req, amount: 20_000, currency: "eur" }),
        fails("invalid_input", "currency"),
      );
      assert.throws(
        () => validatePayoutRequest({ ...req, amount: 20_000, currency: "xyz" }),
        fails("invalid_input", "currency"),
      );
      assert.throws(
        () => validatePayoutRequest({ ...req, amount: 20_000, account: null }),
        fails("precondition", "account"),
      );
      assert.throws(
        () =>
          validatePayoutRequest({
            ...req,
            amount: 20_000,
            account: { ...ready, payoutsEnabled: false },
          }),
        fails("precondition", "account"),
      );
      assert.throws(
        () => validatePayoutRequest({ ...req, amount: 20_000, openPayout: true }),
        fails("conflict", "payout"),
      );
    });
  });
});
