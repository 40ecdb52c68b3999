/**
 * One Stripe customer per Kassa user. Two racing calls send the same idempotency key (the
 * user id), so Stripe returns one customer to both; the store keeps whichever id was
 * written first and both calls use it.
 */
import { DomainError } from "../../domain/errors";
import type { Caller } from "../caller";
import type { CheckoutDeps } from "./checkout-deps";

export async function ensureStripeCustomer(
  deps: Pick<CheckoutDeps, "customers" | "gateway">,
  caller: Caller,
): Promise<string> {
  const profile = await deps.customers.get(caller.uid);
  if (!profile)
    throw new DomainError("precondition", "Your profile is not set up yet; sign out and in again.");
  if (profile.stripeCustomerId) return profile.stripeCustomerId;
  const created = await deps.gateway.createCustomer({
    idempotencyKey: `customer:${caller.uid}`,
    userId: caller.uid,
    email: profile.email ?? caller.email,
  });
  return deps.customers.claimStripeCustomerId(caller.uid, created);
}
