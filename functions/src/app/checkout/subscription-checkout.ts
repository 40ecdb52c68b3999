/** Subscribing to premium: platform-only revenue, so no destination and no application fee. */
import { DomainError } from "../../domain/errors";
import { type Caller, requireRole, requireVerifiedEmail } from "../caller";
import type { CheckoutDeps } from "./checkout-deps";
import { ensureStripeCustomer } from "./ensure-customer";
import { ensureStripePrice } from "./ensure-stripe-price";
import { admitAttempt } from "./attempt-quota";

export const PREMIUM_PLAN_ID = "premium";
const ACTIVE = new Set(["active", "trialing", "past_due"]);

export async function createSubscriptionCheckout(
  deps: CheckoutDeps,
  caller: Caller,
  input: { planId: string },
): Promise<{ sessionId: string; url: string }> {
  requireRole(caller, "customer", "coach", "admin", "accountant");
  requireVerifiedEmail(caller);
  const plan = await deps.catalogue.getPlan(input.planId);
  if (!plan) throw new DomainError("not_found", `planId: no plan ${input.planId}`, "planId");
  if (!plan.active)
    throw new DomainError("precondition", "planId: this plan is not offered any more", "planId");
  const profile = await deps.customers.get(caller.uid);
  if (profile?.premium && ACTIVE.has(profile.premium.status)) {
    throw new DomainError(
      "conflict",
      "You already have premium; manage it under Subscription.",
      "planId",
    );
  }
  const attemptId = deps.ids.next("co");
  await admitAttempt(deps.attempts, caller, { id: attemptId, kind: "checkout", itemId: plan.id, at: deps.clock.now().getTime(), stripeId: null, clientSecret: null }, { perUser: deps.attemptsPerHour, perIp: deps.attemptsPerIpPerHour });
  const [priceId, customerId] = await Promise.all([
    ensureStripePrice(deps, "plan", plan),
    ensureStripeCustomer(deps, caller),
  ]);
  const session = await deps.gateway.createCheckoutSession({
    idempotencyKey: `checkout:${attemptId}`,
    mode: "subscription",
    customerId,
    priceId,
    clientReferenceId: caller.uid,
    description: plan.title,
    successUrl: `${deps.webAppUrl}/customer/purchases?checkout=success&session={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${deps.webAppUrl}/customer?checkout=cancelled`,
    metadata: {
      kassaKind: "subscription",
      kassaAttemptId: attemptId,
      planId: plan.id,
      userId: caller.uid,
    },
  });
  return { sessionId: session.id, url: session.url };
}
