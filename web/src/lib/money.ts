/**
 * Display of integer minor units, exactly, by the active locale: 49900 sek -> "499,00 kr" in
 * Swedish, "SEK 499.00" in English. Intl formats the decimal string (not a float), so no öre is
 * lost however large the amount.
 */
import { intlLocale } from "../i18n/locale";

export interface Money {
  amount: number;
  currency: string;
}

const formatters = new Map<string, Intl.NumberFormat>();
function formatter(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    formatters.set(key, f);
  }
  return f;
}

export function formatMoney({ amount, currency }: Money, locale = intlLocale()): string {
  if (!Number.isSafeInteger(amount)) throw new Error(`amount must be an integer in minor units, got ${amount}`);
  const abs = Math.abs(amount);
  const decimal = `${amount < 0 ? "-" : ""}${Math.floor(abs / 100)}.${(abs % 100).toString().padStart(2, "0")}`;
  // Intl accepts exact decimal strings (ES2023); the type definitions still say number.
  return formatter(locale, currency.toUpperCase()).format(decimal as unknown as number);
}

/** Minor units as a person would type them back ("399,20"): exact, no symbol, no grouping. */
export function kronorText(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new Error(`amount must be a non-negative integer in minor units, got ${amount}`);
  return `${Math.floor(amount / 100)},${(amount % 100).toString().padStart(2, "0")}`;
}

/**
 * Parses what a person types as kronor ("499", "99,50", "1 299.00") into öre, exactly,
 * without floating point. Null when it is not a plain non-negative amount with at most two
 * decimals.
 */
export function parseKronor(text: string): number | null {
  const cleaned = text.trim().replace(/[\s\u00a0]/g, "").replace(",", ".");
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** A date (and time) in Stockholm, written the active locale's way. */
export function formatStockholm(ms: number, opts: Intl.DateTimeFormatOptions, locale = intlLocale()): string {
  return new Intl.DateTimeFormat(locale, { timeZone: "Europe/Stockholm", ...opts }).format(new Date(ms));
}
