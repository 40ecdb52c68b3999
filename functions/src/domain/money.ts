/**
 * Money: an integer amount in minor units (öre, cents) with its currency, as in dinero.js.
 *
 * Exports: CURRENCIES, Currency, isCurrency, parseCurrency, Money, money, zero,
 * assertMinorUnits, add, subtract, negate, isZero, isNegative, sum, minorToDecimalString,
 * moneyText.
 *
 * Why integers: floats cannot represent 0.1 SEK exactly, and a ledger that drifts by an öre
 * never reconciles with Stripe or Fortnox. Every supported currency has two decimals, so
 * `minorToDecimalString` can work on digits alone.
 */
import { DomainError, invalidInput } from "./errors";

/** Lower-case ISO 4217 codes, the way Stripe spells them. All have two decimals. */
export const CURRENCIES = ["sek", "eur", "usd", "nok", "dkk"] as const;
export type Currency = (typeof CURRENCIES)[number];

export const isCurrency = (value: unknown): value is Currency =>
  typeof value === "string" && (CURRENCIES as readonly string[]).includes(value);

/** Accepts any case ("SEK" from Fortnox, "sek" from Stripe); throws naming the field. */
export function parseCurrency(value: unknown, field = "currency"): Currency {
  const lower = typeof value === "string" ? value.toLowerCase() : value;
  if (!isCurrency(lower)) {
    throw invalidInput(
      field,
      `unsupported currency ${JSON.stringify(value)} (supported: ${CURRENCIES.join(", ")})`,
    );
  }
  return lower;
}

export interface Money {
  /** Integer minor units; negative only where a sign means something (reversals, debts). */
  readonly amount: number;
  readonly currency: Currency;
}

/** Throws unless `amount` is a safe integer: fractions of an öre and lossy doubles are refused. */
export function assertMinorUnits(amount: unknown, field = "amount"): asserts amount is number {
  if (typeof amount !== "number" || !Number.isSafeInteger(amount)) {
    throw invalidInput(
      field,
      `must be an integer number of minor units (öre, cents), got ${String(amount)}`,
    );
  }
}

export function money(amount: number, currency: Currency | string, field = "amount"): Money {
  assertMinorUnits(amount, field);
  return {
    amount,
    currency: parseCurrency(currency, field === "amount" ? "currency" : `${field}.currency`),
  };
}

export const zero = (currency: Currency): Money => ({ amount: 0, currency });

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new DomainError(
      "invalid_input",
      `cannot combine ${a.currency} with ${b.currency}: sums are per currency`,
      "currency",
    );
  }
}

/** Results are checked too: a sum beyond 2^53 would silently lose öre. */
function checked(amount: number, currency: Currency): Money {
  assertMinorUnits(amount, "amount");
  return { amount, currency };
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return checked(a.amount + b.amount, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return checked(a.amount - b.amount, a.currency);
}

/** `0 - 0` stays +0 so that `Object.is` comparisons and JSON never show "-0". */
export const negate = (a: Money): Money => ({
  amount: a.amount === 0 ? 0 : -a.amount,
  currency: a.currency,
});

export const isZero = (a: Money): boolean => a.amount === 0;
export const isNegative = (a: Money): boolean => a.amount < 0;

/** Sum in `currency`; an empty list is zero, any other currency in the list throws. */
export function sum(list: readonly Money[], currency: Currency): Money {
  return list.reduce<Money>((acc, m) => add(acc, m), zero(currency));
}

/**
 * Exact decimal text of a minor-unit amount for two-decimal currencies: 49900 -> "499.00",
 * -5 -> "-0.05". For the Fortnox boundary, which wants kronor, CSV exports and messages;
 * string arithmetic avoids `amount / 100`, which is not exact in binary floating point.
 */
export function minorToDecimalString(amount: number): string {
  assertMinorUnits(amount, "amount");
  const digits = Math.abs(amount).toString().padStart(3, "0");
  const sign = amount < 0 ? "-" : "";
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** An amount in a sentence people read: (49900, "sek") -> "499.00 SEK", never a bare count of öre. */
export const moneyText = (amount: number, currency: string): string =>
  `${minorToDecimalString(amount)} ${currency.toUpperCase()}`;
