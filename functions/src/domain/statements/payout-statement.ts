/**
 * A coach's statement for one paid payout: what the payout pays for, sale by sale, so the
 * coach (and the coach's own accountant) can book it. Numbered in an unbroken series per
 * year (see app/statements/issue-statement.ts for how the number is allocated).
 *
 * Exports: StatementSale, StatementAdjustment, StatementInput, StatementLine, PayoutStatement,
 * statementNumber, buildStatement.
 *
 * Every line carries the amount it adds to the payout, and the lines add up to the payout
 * amount exactly: a sale adds its coach share (gross less the platform's fee incl. VAT);
 * refunds, disputes and balance carried between payouts are adjustment lines; whatever the
 * itemised lines leave unexplained is one last line that says so, never a silent gap.
 */
import { vatPart } from "../fee-split";
import { invalidInput } from "../errors";
import { assertMinorUnits, type Currency } from "../money";

export interface StatementSale {
  paymentId: string;
  /** Epoch ms of the sale. */
  date: number;
  description: string;
  grossMinor: number;
  /** The platform's fee incl. VAT. */
  feeMinor: number;
  /** gross - fee: what the sale adds to the coach's balance. */
  coachShareMinor: number;
}

export interface StatementAdjustment {
  description: string;
  /** Signed: a refund or dispute is negative. */
  amountMinor: number;
}

export interface StatementInput {
  payoutId: string;
  coachId: string;
  stripeAccountId: string;
  currency: Currency;
  amountMinor: number;
  paidAt: number;
  year: number;
  sequence: number;
  vatBps: number;
  sales: StatementSale[];
  adjustments: StatementAdjustment[];
  issuedAt: number;
}

export interface StatementLine {
  kind: "sale" | "adjustment" | "unexplained";
  paymentId: string | null;
  date: number | null;
  description: string;
  grossMinor: number | null;
  feeNetMinor: number | null;
  feeVatMinor: number | null;
  /** What the line adds to the payout (signed). */
  amountMinor: number;
}

export interface PayoutStatement {
  /** "2026-0007": year and place in that year's unbroken series. */
  number: string;
  year: number;
  sequence: number;
  payoutId: string;
  coachId: string;
  stripeAccountId: string;
  currency: Currency;
  amountMinor: number;
  paidAt: number;
  vatBps: number;
  lines: StatementLine[];
  totals: { grossMinor: number; feeNetMinor: number; feeVatMinor: number; adjustmentsMinor: number };
  issuedAt: number;
}

export function statementNumber(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw invalidInput("year", `must be a four-digit year, got ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw invalidInput("sequence", `must be 1 or more, got ${sequence}`);
  return `${year}-${String(sequence).padStart(4, "0")}`;
}

export function buildStatement(input: StatementInput): PayoutStatement {
  assertMinorUnits(input.amountMinor, "amountMinor");
  const lines: StatementLine[] = [];
  const totals = { grossMinor: 0, feeNetMinor: 0, feeVatMinor: 0, adjustmentsMinor: 0 };
  for (const s of [...input.sales].sort((a, b) => a.date - b.date || a.paymentId.localeCompare(b.paymentId))) {
    assertMinorUnits(s.grossMinor, "grossMinor");
    assertMinorUnits(s.feeMinor, "feeMinor");
    if (s.grossMinor - s.feeMinor !== s.coachShareMinor) {
      throw invalidInput("sales", `sale ${s.paymentId}: gross ${s.grossMinor} less fee ${s.feeMinor} is not the coach share ${s.coachShareMinor}`);
    }
    const fee = vatPart({ amount: s.feeMinor, currency: input.currency }, input.vatBps);
    lines.push({ kind: "sale", paymentId: s.paymentId, date: s.date, description: s.description, grossMinor: s.grossMinor, feeNetMinor: fee.net.amount, feeVatMinor: fee.vat.amount, amountMinor: s.coachShareMinor });
    totals.grossMinor += s.grossMinor;
    totals.feeNetMinor += fee.net.amount;
    totals.feeVatMinor += fee.vat.amount;
  }
  for (const a of input.adjustments) {
    assertMinorUnits(a.amountMinor, "adjustments.amountMinor");
    if (a.amountMinor === 0) continue;
    lines.push({ kind: "adjustment", paymentId: null, date: null, description: a.description, grossMinor: null, feeNetMinor: null, feeVatMinor: null, amountMinor: a.amountMinor });
    totals.adjustmentsMinor += a.amountMinor;
  }
  const explained = lines.reduce((s, l) => s + l.amountMinor, 0);
  const rest = input.amountMinor - explained;
  if (rest !== 0) {
    lines.push({
      kind: "unexplained",
      paymentId: null,
      date: null,
      description: rest < 0 ? "Refunds, disputes and earlier negative balance netted" : "Balance carried from earlier sales",
      grossMinor: null,
      feeNetMinor: null,
      feeVatMinor: null,
      amountMinor: rest,
    });
    totals.adjustmentsMinor += rest;
  }
  return {
    number: statementNumber(input.year, input.sequence),
    year: input.year,
    sequence: input.sequence,
    payoutId: input.payoutId,
    coachId: input.coachId,
    stripeAccountId: input.stripeAccountId,
    currency: input.currency,
    amountMinor: input.amountMinor,
    paidAt: input.paidAt,
    vatBps: input.vatBps,
    lines,
    totals,
    issuedAt: input.issuedAt,
  };
}
