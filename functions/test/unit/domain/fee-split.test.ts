import { strict as assert } from "node:assert";
import fc from "fast-check";
import { mulDivHalfUp, splitFee, vatPart } from "../../../src/domain/fee-split";
import { money } from "../../../src/domain/money";
import { DomainError } from "../../../src/domain/errors";

describe("fee split", () => {
  it("takes 20 % of 499 SEK as the fee and leaves the coach the rest", () => {
    const { fee, coachShare } = splitFee(money(49900, "sek"), 2000);
    assert.deepEqual(fee, { amount: 9980, currency: "sek" });
    assert.deepEqual(coachShare, { amount: 39920, currency: "sek" });
  });

  it("rounds the platform fee half up and gives the coach the remainder", () => {
    // 1 öre * 50 % = 0.5 -> 1; 3 * 1/6 (1667 bps) = 0.5001 -> 1; 1 * 49.99 % -> 0
    assert.equal(splitFee(money(1, "sek"), 5000).fee.amount, 1);
    assert.equal(splitFee(money(1, "sek"), 5000).coachShare.amount, 0);
    assert.equal(splitFee(money(1, "sek"), 4999).fee.amount, 0);
    assert.equal(splitFee(money(15, "sek"), 1000).fee.amount, 2); // 1.5 -> 2
    assert.equal(splitFee(money(14, "sek"), 1000).fee.amount, 1); // 1.4 -> 1
  });

  it("stays exact beyond 2^53 intermediate products", () => {
    const gross = Number.MAX_SAFE_INTEGER;
    const { fee, coachShare } = splitFee(money(gross, "usd"), 3333);
    assert.equal(BigInt(fee.amount), (BigInt(gross) * 3333n + 5000n) / 10000n);
    assert.equal(fee.amount + coachShare.amount, gross);
  });

  it("validates basis points and gross", () => {
    for (const bps of [-1, 10001, 12.5, Number.NaN]) {
      assert.throws(
        () => splitFee(money(100, "sek"), bps),
        (e: unknown) => e instanceof DomainError && e.field === "feeBps",
      );
    }
    assert.throws(
      () => splitFee(money(-1, "sek"), 2000),
      (e: unknown) => e instanceof DomainError && e.field === "gross",
    );
  });

  it("property: fee + coach share is the gross, neither negative, fee within a half öre of exact", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 10000 }),
        (gross, bps) => {
          const { fee, coachShare } = splitFee(money(gross, "sek"), bps);
          assert.equal(fee.amount + coachShare.amount, gross);
          assert.ok(fee.amount >= 0 && coachShare.amount >= 0);
          const exactTimes2 = BigInt(gross) * BigInt(bps) * 2n;
          const diff = BigInt(fee.amount) * 20000n - exactTimes2;
          assert.ok(
            diff <= 10000n && diff > -10000n,
            `fee ${fee.amount} not nearest to ${gross}*${bps}/10000`,
          );
        },
      ),
    );
  });

  it("splits VAT out of VAT-inclusive amounts (fortnox.md examples)", () => {
    assert.deepEqual(vatPart(money(9980, "sek")), {
      net: money(7984, "sek"),
      vat: money(1996, "sek"),
    });
    assert.deepEqual(vatPart(money(9900, "sek")), {
      net: money(7920, "sek"),
      vat: money(1980, "sek"),
    });
    assert.deepEqual(vatPart(money(9900, "sek"), 0), {
      net: money(9900, "sek"),
      vat: money(0, "sek"),
    });
    // 1 öre incl. 25 % VAT: 0.2 öre of VAT rounds to 0
    assert.equal(vatPart(money(1, "sek")).vat.amount, 0);
    assert.equal(vatPart(money(3, "sek")).vat.amount, 1); // 0.6 -> 1
  });

  it("property: VAT parts sum to the whole, share its sign and mirror for reversals", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        fc.integer({ min: 0, max: 10000 }),
        (amount, bps) => {
          const { net, vat } = vatPart(money(amount, "sek"), bps);
          assert.equal(net.amount + vat.amount, amount);
          if (amount >= 0) assert.ok(net.amount >= 0 && vat.amount >= 0);
          const mirrored = vatPart(money(-amount, "sek"), bps);
          assert.equal(mirrored.vat.amount, -vat.amount || 0);
        },
      ),
    );
  });

  it("mulDivHalfUp rounds halves away from zero", () => {
    assert.equal(mulDivHalfUp(5, 1, 2), 3);
    assert.equal(mulDivHalfUp(-5, 1, 2), -3);
    assert.equal(mulDivHalfUp(4, 1, 3), 1);
  });
});
