import { invalid } from "./errors.js";
import type { Sandbox } from "./sandbox.js";

/**
 * Exchange rates the sandbox converts with: `amount in A x rate(A, B) = amount in B`, the
 * meaning of a balance transaction's `exchange_rate`. Stripe's rates move; tests pin them
 * through /__sandbox/exchange_rates. The inverse of a set pair is derived.
 */
export const defaultRates: Record<string, number> = {
  "eur:sek": 11.0,
  "usd:sek": 10.0,
  "gbp:sek": 13.0,
  "nok:sek": 1.0,
  "dkk:sek": 1.5,
  "chf:sek": 12.0,
};

export function rate(sb: Sandbox, from: string, to: string): number {
  if (from === to) return 1;
  const rates = { ...defaultRates, ...sb.state.exchangeRates };
  const direct = rates[`${from}:${to}`];
  if (direct !== undefined) return direct;
  const inverse = rates[`${to}:${from}`];
  if (inverse !== undefined) return 1 / inverse;
  // Cross through SEK, the currency every default is quoted in.
  const viaFrom = from === "sek" ? 1 : (rates[`${from}:sek`] ?? (rates[`sek:${from}`] ? 1 / (rates[`sek:${from}`] as number) : undefined));
  const viaTo = to === "sek" ? 1 : (rates[`${to}:sek`] ?? (rates[`sek:${to}`] ? 1 / (rates[`sek:${to}`] as number) : undefined));
  if (viaFrom === undefined || viaTo === undefined) throw invalid(`No exchange rate from ${from} to ${to}.`, "currency");
  return viaFrom / viaTo;
}

/** Converts minor units, rounding half up as Stripe's settlement amounts do. */
export function convert(sb: Sandbox, amount: number, from: string, to: string): { amount: number; rate: number | null } {
  if (from === to) return { amount, rate: null };
  const r = rate(sb, from, to);
  const sign = amount < 0 ? -1 : 1;
  return { amount: sign * Math.floor(Math.abs(amount) * r + 0.5), rate: Math.round(r * 1e6) / 1e6 };
}

export function setRate(sb: Sandbox, from: string, to: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) throw invalid("rate must be a positive number.", "rate");
  sb.state.exchangeRates[`${from}:${to}`] = value;
  delete sb.state.exchangeRates[`${to}:${from}`];
  sb.changed();
}

/** The currency an account's balance settles `currency` in: its own default unless it holds that currency. */
export function settlementCurrency(sb: Sandbox, account: string, currency: string): string {
  const own = account === sb.platform ? sb.config.platformCurrency : (sb.state.accounts[account]?.default_currency ?? "sek");
  return currency === own ? currency : own;
}
