/**
 * What a coach can be paid now: the ledger's available balance, but never more than Stripe
 * holds as available on the coach's connected account. They differ when a charge has not
 * settled at Stripe yet (a 0-day hold frees the share in the ledger at once, Stripe still
 * counts it as pending): the page then says what can go now and that the rest comes later,
 * instead of an "Available" that a request would be refused for.
 */
import { requireRole, type Caller } from "../caller";
import { parseCurrency } from "../../domain/money";
import type { PayoutDeps } from "./payout-deps";

export interface PayableNow {
  currency: string;
  /** The ledger's available balance, minor units. */
  available: number;
  /** Stripe's available balance on the connected account; null when there is no payable account. */
  stripeAvailable: number | null;
  /** min(available, stripeAvailable): what a request or the weekly run can pay now. */
  payableNow: number;
}

export async function payableNow(deps: Pick<PayoutDeps, "store" | "gateway">, caller: Caller, input: { currency: unknown }): Promise<PayableNow> {
  requireRole(caller, "coach");
  const currency = parseCurrency(input.currency, "currency");
  const { coach, balance } = await deps.store.transact(async (tx) => ({ coach: await tx.getCoach(caller.uid), balance: await tx.getBalance(caller.uid, currency) }));
  // A GET with no side effects, and only for an account that can be paid at all.
  const stripeAvailable = coach?.stripeAccountId && coach.payoutsEnabled ? (await deps.gateway.balance(coach.stripeAccountId, currency)).available : null;
  const payable = stripeAvailable === null ? balance.available : Math.max(0, Math.min(balance.available, stripeAvailable));
  return { currency, available: balance.available, stripeAvailable, payableNow: payable };
}
