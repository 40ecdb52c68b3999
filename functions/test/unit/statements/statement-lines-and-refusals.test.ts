import { strict as assert } from "node:assert";
import { buildStatement, statementNumber, type StatementInput, type StatementSale } from "../../../src/domain/statements/payout-statement";
import { DomainError } from "../../../src/domain/errors";

// What a coach reads on a statement: sales in date order, adjustments that change the payout,
// a last line that names what the itemised lines leave unexplained; and what is refused.

const day = (d: string) => Date.parse(`${d}T10:00:00Z`);
const saleOf = (paymentId: string, date: string, grossMinor = 10000, feeMinor = 2000): StatementSale => ({
  paymentId,
  date: day(date),
  description: `Program ${paymentId}`,
  grossMinor,
  feeMinor,
  coachShareMinor: grossMinor - feeMinor,
});
const base = (over: Partial<StatementInput> = {}): StatementInput => ({
  payoutId: "po-1",
  coachId: "c1",
  stripeAccountId: "acct_c1",
  currency: "sek",
  amountMinor: 8000,
  paidAt: day("2026-11-23"),
  year: 2026,
  sequence: 7,
  vatBps: 2500,
  sales: [saleOf("pi_1", "2026-11-10")],
  adjustments: [],
  issuedAt: day("2026-11-23"),
  ...over,
});
const refuses = (fn: () => unknown, field: string, message: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof DomainError && e.kind === "invalid_input" && e.field === field && message.test(e.message));

describe("payout statement: lines", () => {
  it("lists sales by date, and sales of the same moment by payment id, whatever order they come in", () => {
    const s = buildStatement(
      base({
        amountMinor: 24000,
        sales: [saleOf("pi_b", "2026-11-12"), saleOf("pi_c", "2026-11-03"), saleOf("pi_a", "2026-11-12")],
      }),
    );
    assert.deepEqual(s.lines.map((l) => l.paymentId), ["pi_c", "pi_a", "pi_b"]);
  });

  it("leaves out an adjustment of nothing", () => {
    const s = buildStatement(base({ adjustments: [{ description: "Refund of 0.00", amountMinor: 0 }] }));
    assert.deepEqual(s.lines.map((l) => l.kind), ["sale"]);
    assert.equal(s.totals.adjustmentsMinor, 0);
  });

  it("says whether the unexplained rest was netted off or carried from earlier sales", () => {
    const less = buildStatement(base({ amountMinor: 7000 }));
    assert.deepEqual(less.lines.at(-1), {
      kind: "unexplained",
      paymentId: null,
      date: null,
      description: "Refunds, disputes and earlier negative balance netted",
      grossMinor: null,
      feeNetMinor: null,
      feeVatMinor: null,
      amountMinor: -1000,
    });
    const more = buildStatement(base({ amountMinor: 9000 }));
    assert.equal(more.lines.at(-1)?.description, "Balance carried from earlier sales");
    assert.equal(more.lines.at(-1)?.amountMinor, 1000);
    assert.equal(more.totals.adjustmentsMinor, 1000);
  });
});

describe("payout statement: refusals", () => {
  it("numbers statements of four-digit years from 2000 only", () => {
    assert.equal(statementNumber(2000, 1), "2000-0001");
    assert.equal(statementNumber(9999, 1), "9999-0001");
    for (const year of [1999, 10000, 2026.5]) refuses(() => statementNumber(year, 1), "year", new RegExp(`must be a four-digit year, got ${year}`));
    refuses(() => statementNumber(2026, 1.5), "sequence", /must be 1 or more, got 1.5/);
  });

  it("refuses fractional amounts, naming which", () => {
    refuses(() => buildStatement(base({ amountMinor: 0.5 })), "amountMinor", /minor units/);
    refuses(() => buildStatement(base({ sales: [{ ...saleOf("pi_1", "2026-11-10"), grossMinor: 10000.5 }] })), "grossMinor", /minor units/);
    refuses(() => buildStatement(base({ sales: [{ ...saleOf("pi_1", "2026-11-10"), feeMinor: 0.5 }] })), "feeMinor", /minor units/);
    refuses(() => buildStatement(base({ adjustments: [{ description: "x", amountMinor: 1.5 }] })), "adjustments.amountMinor", /minor units/);
  });

  it("says which sale's figures do not add up", () => {
    refuses(
      () => buildStatement(base({ sales: [{ ...saleOf("pi_x", "2026-11-10"), coachShareMinor: 8001 }] })),
      "sales",
      /sale pi_x: gross 10000 less fee 2000 is not the coach share 8001/,
    );
  });
});
