import { strict as assert } from "node:assert";
import fc from "fast-check";
import { coachPartsOfRefunds, refundInLedger, type RefundFacts } from "../../../src/domain/refund-split";

// A destination charge of 100.00 with a 20.00 application fee.
const charge = (applicationFeeRefunded: number) => ({ gross: 10000, applicationFee: 2000, applicationFeeRefunded });
const refund = (id: string, amount: number, created: number, transferReversalAmount: number | null = amount): RefundFacts => ({
  id,
  amount,
  created,
  transferReversalAmount,
});

describe("refund split: what each refund took from the coach", () => {
  it("gives each reversed refund its proportional part of the fee Stripe refunded", () => {
    const parts = coachPartsOfRefunds([refund("re_1", 3000, 1), refund("re_2", 7000, 2)], charge(2000));
    assert.deepEqual(parts.get("re_1"), { reversal: 3000, feeRefund: 600 });
    assert.deepEqual(parts.get("re_2"), { reversal: 7000, feeRefund: 1400 });
    assert.equal(parts.size, 2);
  });

  it("attributes the fee refund in the order the refunds were made, capped by the running total", () => {
    // Stripe says only 10.00 of the fee came back: the first refund made gets its 6.00, the
    // later one what is left (4.00), whatever order the list comes in.
    const parts = coachPartsOfRefunds([refund("re_late", 7000, 20), refund("re_early", 3000, 10)], charge(1000));
    assert.deepEqual(parts.get("re_early"), { reversal: 3000, feeRefund: 600 });
    assert.deepEqual(parts.get("re_late"), { reversal: 7000, feeRefund: 400 });
  });

  it("orders refunds made in the same second by id", () => {
    const parts = coachPartsOfRefunds([refund("re_b", 3000, 5), refund("re_a", 3000, 5)], charge(700));
    assert.deepEqual(parts.get("re_a"), { reversal: 3000, feeRefund: 600 });
    assert.deepEqual(parts.get("re_b"), { reversal: 3000, feeRefund: 100 });
  });

  it("a refund without a transfer reversal takes nothing from the coach and uses none of the fee refund", () => {
    const parts = coachPartsOfRefunds(
      [refund("re_platform", 5000, 1, null), refund("re_zero", 1000, 2, 0), refund("re_coach", 5000, 3)],
      charge(1000),
    );
    assert.deepEqual(parts.get("re_platform"), { reversal: 0, feeRefund: 0 });
    assert.deepEqual(parts.get("re_zero"), { reversal: 0, feeRefund: 0 });
    assert.deepEqual(parts.get("re_coach"), { reversal: 5000, feeRefund: 1000 });
  });

  it("never takes more back from the coach than the refund, nor a negative reversal", () => {
    const parts = coachPartsOfRefunds([refund("re_big", 3000, 1, 9000), refund("re_neg", 3000, 2, -50)], charge(0));
    assert.deepEqual(parts.get("re_big"), { reversal: 3000, feeRefund: 0 });
    assert.deepEqual(parts.get("re_neg"), { reversal: 0, feeRefund: 0 });
  });

  it("gives the coach no more fee back than the reversal took", () => {
    // A partial reversal of 5.00 on a 50.00 refund: the proportional fee (10.00) is capped at 5.00.
    const parts = coachPartsOfRefunds([refund("re_1", 5000, 1, 500)], charge(2000));
    assert.deepEqual(parts.get("re_1"), { reversal: 500, feeRefund: 500 });
  });

  it("reads a negative fee-refunded total as nothing refunded, and a zero gross as no fee to share", () => {
    assert.deepEqual(coachPartsOfRefunds([refund("re_1", 3000, 1)], charge(-100)).get("re_1"), {
      reversal: 3000,
      feeRefund: 0,
    });
    assert.deepEqual(
      coachPartsOfRefunds([refund("re_1", 3000, 1)], { gross: 0, applicationFee: 2000, applicationFeeRefunded: 2000 }).get("re_1"),
      { reversal: 3000, feeRefund: 0 },
    );
  });

  it("never attributes more fee refund in all than Stripe reports refunded", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ amount: fc.integer({ min: 1, max: 10000 }), created: fc.integer({ min: 0, max: 5 }), reversed: fc.boolean() }), {
          maxLength: 6,
        }),
        fc.integer({ min: 0, max: 2000 }),
        (rs, feeRefunded) => {
          const facts = rs.map((r, i) => refund(`re_${i}`, r.amount, r.created, r.reversed ? r.amount : null));
          const parts = coachPartsOfRefunds(facts, charge(feeRefunded));
          let total = 0;
          for (const f of facts) {
            const p = parts.get(f.id);
            assert.ok(p);
            assert.ok(p.feeRefund >= 0 && p.feeRefund <= p.reversal && p.reversal <= f.amount);
            total += p.feeRefund;
          }
          assert.ok(total <= feeRefunded);
        },
      ),
    );
  });
});

describe("refund split: the refund in the ledger's currency", () => {
  it("books an unconverted refund as it is: the coach bears reversal minus fee refund, the platform the rest", () => {
    assert.deepEqual(refundInLedger(3000, { reversal: 3000, feeRefund: 600 }, null), {
      settled: 3000,
      coach: 2400,
      platform: 600,
    });
  });

  it("values a converted refund's coach part at the refund's rate and the platform's part at the sale's", () => {
    // EUR sale of 100.00 settled as 1150.00 SEK; refund of 30.00 EUR at 11.00 SEK/EUR.
    const r = refundInLedger(
      3000,
      { reversal: 3000, feeRefund: 600 },
      { sale: { gross: 10000, settledGross: 115000 }, settledAmount: 33100, rate: 11 },
    );
    // Coach: 30.00 * 11 - 6.00 * 11 = 264.00; platform: 6.00 EUR at the sale's 11.5 = 69.00.
    assert.deepEqual(r, { settled: 33100, coach: 26400, platform: 6900 });
  });

  it("rounds each coach movement on its own, as Stripe converts each balance transaction", () => {
    // 0.04 * 0.4 = 0.016 -> 0.02; 0.01 * 0.4 = 0.004 -> 0: the coach part is 0.02, not round(0.03 * 0.4) = 0.01.
    const r = refundInLedger(4, { reversal: 4, feeRefund: 1 }, { sale: { gross: 4, settledGross: 2 }, settledAmount: 2, rate: 0.4 });
    assert.equal(r.coach, 2);
  });

  it("converts the refund at its rate when its balance transaction gives no settled amount", () => {
    const r = refundInLedger(
      3000,
      { reversal: 0, feeRefund: 0 },
      { sale: { gross: 10000, settledGross: 115000 }, settledAmount: null, rate: 11.25 },
    );
    assert.deepEqual(r, { settled: 33750, coach: 0, platform: 34500 });
  });
});
