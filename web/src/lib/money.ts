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
