import { strict as assert } from "node:assert";
import { add, assertMinorUnits, isNegative, isZero, money, parseCurrency } from "../../../src/domain/money";
import { isPaymentStatus, nextPaymentStatus } from "../../../src/domain/payment-status";
import { mulDivHalfUp, splitFee, vatPart } from "../../../src/domain/fee-split";
import { assertAboveChargeMinimum } from "../../../src/domain/charge-minimums";
import { isRole } from "../../../src/domain/roles";
import { DomainError } from "../../../src/domain/errors";

// Small edges of the money and status vocabulary that callers rely on: the field an error
// names, the words it uses, and the predicates the UI and triggers branch on.

const refuses = (fn: () => unknown, field: string, message?: string) =>
  assert.throws(fn, (e: unknown) => e instanceof DomainError && e.field === field && (message === undefined || e.message.includes(message)));

describe("money edges", () => {
  it("errors name the field and say what is supported or expected", () => {
    refuses(() => parseCurrency("gbp"), "currency", 'unsupported currency "gbp" (supported: sek, eur, usd, nok, dkk)');
    refuses(() => assertMinorUnits(1.5), "amount", "must be an integer number of minor units (öre, cents), got 1.5");
    refuses(() => money(100, "gbp"), "currency");
    refuses(() => money(100, "gbp", "price"), "price.currency");
    refuses(() => add(money(1, "sek"), money(1, "eur")), "currency", "cannot combine sek with eur: sums are per currency");
  });

  it("tells zero and negative amounts apart", () => {
    assert.equal(isZero(money(0, "sek")), true);
    assert.equal(isZero(money(1, "sek")), false);
    assert.deepEqual([-1, 0, 1].map((n) => isNegative(money(n, "sek"))), [true, false, false]);
  });

  it("fee and VAT splits name the field at fault", () => {
    refuses(() => splitFee({ amount: 1.5, currency: "sek" }, 2000), "gross");
    refuses(() => splitFee(money(-1, "sek"), 2000), "gross", "must not be negative");
    refuses(() => splitFee(money(100, "sek"), 10001), "feeBps", "between 0 and 10000, got 10001");
    refuses(() => vatPart({ amount: 1.5, currency: "sek" }), "amountInclVat");
    refuses(() => vatPart(money(100, "sek"), -1), "vatBps");
  });

  it("a zero gross splits into nothing rather than being refused", () => {
    assert.deepEqual(splitFee(money(0, "sek"), 2000), { fee: { amount: 0, currency: "sek" }, coachShare: { amount: 0, currency: "sek" } });
  });

  it("mulDivHalfUp refuses a zero or negative denominator and a negative numerator", () => {
    // Its own RangeError, not BigInt's "Division by zero".
    for (const [n, d] of [[1, 0], [1, -5], [-1, 5]] as const) {
      assert.throws(() => mulDivHalfUp(100, n, d), { name: "RangeError", message: "mulDivHalfUp: numerator >= 0 and denominator > 0 required" });
    }
    assert.equal(mulDivHalfUp(100, 0, 5), 0);
  });

  it("a price below Stripe's minimum is refused in words, labelled Price unless told", () => {
    refuses(() => assertAboveChargeMinimum(money(299, "sek"), "price"), "price", "Price must be at least 3.00 SEK, the smallest amount Stripe charges in SEK");
    assert.doesNotThrow(() => assertAboveChargeMinimum(money(300, "sek"), "price"));
  });

  it("domain errors print as DomainError", () => {
    assert.match(String(new DomainError("conflict", "taken")), /^DomainError: taken$/);
  });
});

describe("status and role predicates", () => {
  it("knows the payment statuses and nothing else", () => {
    assert.equal(isPaymentStatus("partially_refunded"), true);
    assert.equal(isPaymentStatus("paid"), false);
    assert.equal(isPaymentStatus(3), false);
  });

  it("knows the roles and nothing else", () => {
    assert.deepEqual(["customer", "coach", "admin", "accountant"].map(isRole), [true, true, true, true]);
    assert.equal(isRole("root"), false);
    assert.equal(isRole(1), false);
  });

  it("a disputed payment refunded in full is refunded; a partial refund keeps it disputed", () => {
    assert.equal(nextPaymentStatus("disputed", { type: "refunded", refundedTotal: 49900, gross: 49900 }), "refunded");
    assert.equal(nextPaymentStatus("disputed", { type: "refunded", refundedTotal: 100, gross: 49900 }), "disputed");
  });

  it("a dispute's closing only moves a disputed payment", () => {
    assert.equal(nextPaymentStatus("partially_refunded", { type: "dispute_closed", won: false, refundedTotal: 100, gross: 49900 }), "partially_refunded");
    assert.equal(nextPaymentStatus("refunded", { type: "dispute_closed", won: true, refundedTotal: 0, gross: 49900 }), "refunded");
  });
});
