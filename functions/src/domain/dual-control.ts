/**
 * Dual control: which staff actions need a second admin. A refund above a per-currency
 * threshold (a currency without one always needs a second admin: fail closed) and granting a
 * staff role. Taking power away (a demotion) never waits: that is the safe direction.
 * The limits are deploy parameters, not settings, so the admin they bind cannot raise them.
 */
import type { Currency } from "./money";
import type { Role } from "./roles";
import { invalidInput } from "./errors";

export interface DualControlPolicy {
  /** Refunds strictly above this many minor units need a second admin, per currency. */
  refundAbove: Partial<Record<Currency, number>>;
  /** Granting one of these roles needs a second admin. */
  roles: readonly Role[];
}

export function refundNeedsSecondAdmin(policy: DualControlPolicy, amount: { amount: number; currency: Currency }): boolean {
  const limit = policy.refundAbove[amount.currency];
  return limit === undefined || amount.amount > limit;
}

export function grantNeedsSecondAdmin(policy: DualControlPolicy, from: Role | null, to: Role): boolean {
  return from !== to && policy.roles.includes(to);
}

/** "sek:100000,eur:10000" -> { sek: 100000, eur: 10000 }; refuses anything else, naming the parameter. */
export function parseRefundLimits(value: string, currencies: readonly Currency[]): Partial<Record<Currency, number>> {
  const out: Partial<Record<Currency, number>> = {};
  for (const part of value.split(",").map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z]{3}):(\d{1,12})$/.exec(part.toLowerCase());
    const currency = m?.[1] as Currency | undefined;
    if (!m || !currency || !currencies.includes(currency))
      throw invalidInput("DUAL_CONTROL_REFUND_ABOVE", `"${part}" is not currency:minor-units (e.g. sek:100000 for 1 000 kr)`);
    out[currency] = Number(m[2]);
  }
  return out;
}
