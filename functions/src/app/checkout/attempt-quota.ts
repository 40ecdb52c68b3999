/**
 * Card testing defence: a stolen-card list is tried by making many payment attempts, each a
 * fresh PaymentIntent and client secret. Every user gets at most ATTEMPTS_PER_HOUR new
 * attempts (Checkout Sessions and PaymentIntents together) in any rolling hour, and asking
 * again for the same item within REUSE_MS gives back the open PaymentIntent instead of a new
 * one. Legitimate buyers make one or two; the limit leaves room for declines and retries. The
 * count also protects the platform's Stripe rate limit, which payouts and refunds need.
 */
import { createHash } from "node:crypto";
import { DomainError } from "../../domain/errors";
import type { CheckoutAttempt, CheckoutAttemptStore } from "../../ports/checkout-attempts";

/** The default of the CHECKOUT_ATTEMPTS_PER_HOUR param (functions/src/config/params.ts). */
export const ATTEMPTS_PER_HOUR = 10;
const WINDOW_MS = 3_600_000;
export const REUSE_MS = 30 * 60_000;

const clock = (ms: number) => new Date(ms).toLocaleTimeString("sv-SE", { timeZone: "Europe/Stockholm", hour: "2-digit", minute: "2-digit" });

/**
 * Many accounts from one address (a script signing up as it goes) share a larger allowance:
 * the default of CHECKOUT_ATTEMPTS_PER_IP_PER_HOUR. The address is kept only as a hash.
 */
export const ATTEMPTS_PER_IP_PER_HOUR = 30;

const ipKey = (ip: string): string => `ip_${createHash("sha256").update(`kassa-checkout:${ip}`).digest("hex").slice(0, 32)}`;

export interface QuotaLimits {
  perUser?: number | undefined;
  perIp?: number | undefined;
}

/** Records a new attempt, or refuses with resource-exhausted saying when the user may try again. */
export async function admitAttempt(store: CheckoutAttemptStore, caller: { uid: string; ip?: string | null }, attempt: CheckoutAttempt, limits: QuotaLimits = {}): Promise<void> {
  await admitFor(store, caller.uid, attempt, limits.perUser ?? ATTEMPTS_PER_HOUR, "in the last hour");
  if (caller.ip) await admitFor(store, ipKey(caller.ip), attempt, limits.perIp ?? ATTEMPTS_PER_IP_PER_HOUR, "from your network in the last hour");
}

async function admitFor(store: CheckoutAttemptStore, key: string, attempt: CheckoutAttempt, limit: number, where: string): Promise<void> {
  const { admitted, recent } = await store.admit(key, attempt, attempt.at - WINDOW_MS, limit);
  if (admitted) return;
  const oldest = Math.min(...recent.map((a) => a.at));
  throw new DomainError(
    "rate_limited",
    `Too many payment attempts: ${limit} ${where}. You can try again at ${clock(oldest + WINDOW_MS)} (Stockholm time).`,
    undefined,
    { retryAfterMs: oldest + WINDOW_MS },
  );
}

/** The user's latest open-looking PaymentIntent for this item, from the last REUSE_MS, if any. */
export async function reusablePaymentIntent(store: CheckoutAttemptStore, uid: string, itemId: string, nowMs: number): Promise<CheckoutAttempt | null> {
  const recent = await store.recent(uid, nowMs - REUSE_MS);
  const same = recent.filter((a) => a.kind === "payment_intent" && a.itemId === itemId && a.stripeId && a.clientSecret).sort((a, b) => b.at - a.at);
  return same[0] ?? null;
}
