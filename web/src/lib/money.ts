/**
 * Display of integer minor units, exactly (no float division): 49900 sek -> "499,00 kr".
 * Swedish conventions for SEK; other currencies get their code after the amount.
 */
export interface Money {
  amount: number;
  currency: string;
}

const SYMBOL: Record<string, string> = { sek: "kr", nok: "kr", dkk: "kr", eur: "€", usd: "US$" };

export function formatMoney({ amount, currency }: Money): string {
  if (!Number.isSafeInteger(amount)) throw new Error(`amount must be an integer in minor units, got ${amount}`);
  const negative = amount < 0;
  const abs = Math.abs(amount);
  const major = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
  const minor = (abs % 100).toString().padStart(2, "0");
  const symbol = SYMBOL[currency.toLowerCase()] ?? currency.toUpperCase();
  return `${negative ? "−" : ""}${major},${minor}\u00a0${symbol}`;
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
