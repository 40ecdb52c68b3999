import { strict as assert } from "node:assert";
import fc from "fast-check";
import { buildStatement, statementNumber, type StatementInput } from "../../../src/domain/statements/payout-statement";
import { splitFee } from "../../../src/domain/fee-split";
import { money } from "../../../src/domain/money";
import { DomainError } from "../../../src/domain/errors";

const base = (over: Partial<StatementInput> = {}): StatementInput => ({
  payoutId: "po-1",
  coachId: "c1",
  stripeAccountId: "acct_c1",
  currency: "sek",
  amountMinor: 39920,
  paidAt: Date.parse("2026-11-23T08:00:00Z"),
  year: 2026,
  sequence: 7,
  vatBps: 2500,
  sales: [{ paymentId: "pi_1", date: Date.parse("2026-11-10T10:00:00Z"), description: "Sömn på riktigt", grossMinor: 49900, feeMinor: 9980, coachShareMinor: 39920 }],
  adjustments: [],
  issuedAt: Date.parse("2026-11-23T08:00:05Z"),
  ...over,
});

describe("payout statement", () => {
  it("numbers are the year and a four-digit place in its series", () => {
    assert.equal(statementNumber(2026, 7), "2026-0007");
    assert.equal(statementNumber(2026, 12345), "2026-12345");
    assert.throws(() => statementNumber(2026, 0), (e: unknown) => e instanceof DomainError && e.field === "sequence");
  });

  it("a sale line shows the gross, the platform's fee split into net and VAT, and the coach's share", () => {
    const s = buildStatement(base());
    assert.equal(s.number, "2026-0007");
    assert.deepEqual(
      s.lines.map((l) => [l.kind, l.grossMinor, l.feeNetMinor, l.feeVatMinor, l.amountMinor]),
      [["sale", 49900, 7984, 1996, 39920]],
    );
    assert.deepEqual(s.totals, { grossMinor: 49900, feeNetMinor: 7984, feeVatMinor: 1996, adjustmentsMinor: 0 });
  });

  it("refunds and disputes net in as adjustment lines; what the lines leave unexplained is a line of its own", () => {
    const s = buildStatement(base({ amountMinor: 39920 - 8000 - 1500, adjustments: [{ description: "Refund of 100.00 on pi_0", amountMinor: -8000 }] }));
    assert.deepEqual(s.lines.map((l) => [l.kind, l.amountMinor]), [["sale", 39920], ["adjustment", -8000], ["unexplained", -1500]]);
    assert.equal(s.lines.reduce((t, l) => t + l.amountMinor, 0), s.amountMinor);
  });

  it("refuses a sale whose gross less fee is not its coach share", () => {
    assert.throws(() => buildStatement(base({ sales: [{ paymentId: "pi_x", date: 0, description: "x", grossMinor: 100, feeMinor: 20, coachShareMinor: 81 }] })), (e: unknown) => e instanceof DomainError && e.field === "sales");
  });

  it("property: for random payouts (fees, VAT rates, refunds, disputes, carried balance) the lines add up to the payout exactly, and each sale to its gross", () => {
    const sale = fc.record({ grossMinor: fc.integer({ min: 100, max: 5_000_000 }), feeBps: fc.integer({ min: 0, max: 10_000 }), day: fc.integer({ min: 1, max: 28 }) });
    const adjustment = fc.record({ amountMinor: fc.integer({ min: -500_000, max: 100_000 }), description: fc.constantFrom("Refund", "Dispute lost", "Carried from payout po-0") });
    fc.assert(
      fc.property(
        fc.array(sale, { minLength: 0, maxLength: 30 }),
        fc.array(adjustment, { maxLength: 5 }),
        fc.integer({ min: -200_000, max: 200_000 }),
        fc.constantFrom(2500, 1200, 600, 0),
        fc.boolean(),
        (sales, adjustments, unitemised, vatBps, itemised) => {
          const built = sales.map((s, i) => {
            const split = splitFee(money(s.grossMinor, "sek"), s.feeBps);
            return { paymentId: `pi_${i}`, date: Date.UTC(2026, 10, s.day), description: `Sale ${i}`, grossMinor: s.grossMinor, feeMinor: split.fee.amount, coachShareMinor: split.coachShare.amount };
          });
          const explained = built.reduce((t, s) => t + s.coachShareMinor, 0) + adjustments.reduce((t, a) => t + a.amountMinor, 0);
          const amountMinor = explained + (itemised ? 0 : unitemised);
          const s = buildStatement(base({ amountMinor, sales: built, adjustments, vatBps }));
          assert.equal(s.lines.reduce((t, l) => t + l.amountMinor, 0), amountMinor);
          assert.equal(s.totals.grossMinor - s.totals.feeNetMinor - s.totals.feeVatMinor + s.totals.adjustmentsMinor, amountMinor);
          for (const l of s.lines.filter((x) => x.kind === "sale")) assert.equal((l.feeNetMinor ?? 0) + (l.feeVatMinor ?? 0) + l.amountMinor, l.grossMinor);
          assert.equal(s.lines.some((l) => l.kind === "unexplained"), !itemised && unitemised !== 0, "only an unitemised rest shows as unexplained");
        },
      ),
      { numRuns: 500 },
    );
  });
});
