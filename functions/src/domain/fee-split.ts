/**
 * Splitting money between the platform and the coach, and VAT out of a VAT-inclusive price.
 *
 * Exports: DEFAULT_FEE_BPS, DEFAULT_VAT_BPS, FeeSplit, splitFee, VatSplit, vatPart, mulDivHalfUp.
 *
 * Rounding rule (architecture.md): the platform's fee is rounded half up, the coach gets the
 * remainder, so fee + coachShare === gross always and no öre is ever created or lost. The
 * arithmetic runs in BigInt because gross * bps can pass 2^53 for large amounts.
 */
import { assertMinorUnits, type Money } from "./money";
import { invalidInput } from "./errors";

/** 20 %, the Inner Journey platform fee. */
export const DEFAULT_FEE_BPS = 2000;
/** Swedish standard VAT, 25 %. */
export const DEFAULT_VAT_BPS = 2500;

/**
 * round(value * numerator / denominator), halves rounded away from zero, in exact integer
 * arithmetic. Symmetric in the sign of `value` so a reversal (-x) mirrors the original (x)
 * to the öre.
 */
export function mulDivHalfUp(value: number, numerator: number, denominator: number): number {
  if (denominator <= 0 || numerator < 0)
    throw new RangeError("mulDivHalfUp: numerator >= 0 and denominator > 0 required");
  const magnitude = BigInt(Math.abs(value)) * BigInt(numerator);
  const den = BigInt(denominator);
  const rounded = (magnitude * 2n + den) / (den * 2n);
  const result = Number(rounded);
  return value < 0 && result !== 0 ? -result : result;
}

function assertBps(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 10_000) {
    throw invalidInput(
      field,
      `must be an integer number of basis points between 0 and 10000, got ${String(value)}`,
    );
  }
}

export interface FeeSplit {
  fee: Money;
  coachShare: Money;
}

/** fee = gross * feeBps / 10000 rounded half up; coachShare = gross - fee. */
export function splitFee(gross: Money, feeBps: number): FeeSplit {
  assertMinorUnits(gross.amount, "gross");
  if (gross.amount < 0) throw invalidInput("gross", "must not be negative");
  assertBps(feeBps, "feeBps");
  const fee = mulDivHalfUp(gross.amount, feeBps, 10_000);
  return {
    fee: { amount: fee, currency: gross.currency },
    coachShare: { amount: gross.amount - fee, currency: gross.currency },
  };
}

export interface VatSplit {
  net: Money;
  vat: Money;
}

/**
 * Splits a VAT-inclusive amount: vat = amount * vatBps / (10000 + vatBps), rounded half away
 * from zero; net = amount - vat. 9980 at 25 % -> 7984 + 1996; 9900 -> 7920 + 1980.
 * Negative amounts (refund vouchers) split as the mirror of the positive amount.
 */
export function vatPart(amountInclVat: Money, vatBps: number = DEFAULT_VAT_BPS): VatSplit {
  assertMinorUnits(amountInclVat.amount, "amountInclVat");
  assertBps(vatBps, "vatBps");
  const vat = mulDivHalfUp(amountInclVat.amount, vatBps, 10_000 + vatBps);
  return {
    net: { amount: amountInclVat.amount - vat, currency: amountInclVat.currency },
    vat: { amount: vat, currency: amountInclVat.currency },
  };
}
