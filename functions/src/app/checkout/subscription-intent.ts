/**
 * Premium paid in the app's card form: a subscription created with
 * payment_behavior=default_incomplete, whose first invoice's PaymentIntent the browser confirms
 * with Stripe.js (3-D Secure included). Nothing is confirmed here: premium counts only when
 * Stripe's invoice.paid has been booked (payment-event-handlers.ts) and the subscription's own
 * events have made it active. Hosted Checkout (subscription-checkout.ts) stays the other way.
 */
import { DomainError } from "../../domain/errors";
import { type Caller, requireRole, requireVerifiedEmail } from "../caller";
import { admitAttempt, reusablePaymentIntent } from "./attempt-quota";
import type { CheckoutDeps } from "./checkout-deps";
import { ensureStripeCustomer } from "./ensure-customer";
import { ensureStripePrice } from "./ensure-stripe-price";

const ACTIVE = new Set(["active", "trialing", "past_due"]);
/** A first invoice's PaymentIntent in these states can still be paid with its client secret. */
const OPEN_INTENT = new Set(["requires_payment_method", "requires_confirmation", "requires_action"]);

export interface SubscriptionIntent {
  paymentIntentId: string;
  clientSecret: string;
  amount: number;
  currency: string;
}

export async function createSubscriptionIntent(
  deps: Omit<CheckoutDeps, "webAppUrl">,
  caller: Caller,
  input: { planId: string },
): Promise<SubscriptionIntent> {
  requireRole(caller, "customer", "coach", "admin", "accountant");
  requireVerifiedEmail(caller);
  const plan = await deps.catalogue.getPlan(input.planId);
  if (!plan) throw new DomainError("not_found", `planId: no plan ${input.planId}`, "planId");
  if (!plan.active)
    throw new DomainError("precondition", "planId: this plan is not offered any more", "planId");
  const profile = await deps.customers.get(caller.uid);
  if (profile?.premium && ACTIVE.has(profile.premium.status)) {
    throw new DomainError("conflict", "You already have premium; manage it under Subscription.", "planId");
  }
  const now = deps.clock.now().getTime();
  // The form opened again (a reload, a second tab) continues the open first invoice rather
  // than starting a second subscription.
  const open = await reusablePaymentIntent(deps.attempts, caller.uid, plan.id, now);
  if (open?.stripeId && open.clientSecret) {
    const intent = await deps.gateway.getPayment(open.stripeId);
    if (OPEN_INTENT.has(intent.status) && intent.amount.amount === plan.price.amount && intent.amount.currency === plan.price.currency) {
      return { paymentIntentId: open.stripeId, clientSecret: open.clientSecret, amount: intent.amount.amount, currency: intent.amount.currency };
    }
  }
  const attemptId = deps.ids.next("sb");
  await admitAttempt(
    deps.attempts,
    caller,
    { id: attemptId, kind: "payment_intent", itemId: plan.id, at: now, stripeId: null, clientSecret: null },
    { perUser: deps.attemptsPerHour, perIp: deps.attemptsPerIpPerHour },
  );
  const [priceId, customerId] = await Promise.all([
    ensureStripePrice(deps, "plan", plan),
    ensureStripeCustomer(deps, caller),
  ]);
  const sub = await deps.gateway.createSubscription({
    idempotencyKey: `subscription:${attemptId}`,
    customerId,
    priceId,
    description: plan.title,
    // The same metadata a Checkout subscription carries: invoices copy it under
    // parent.subscription_details, which is how invoice.paid finds the user.
    metadata: { kassaKind: "subscription", kassaAttemptId: attemptId, planId: plan.id, userId: caller.uid },
  });
  await deps.attempts.attach(caller.uid, attemptId, { stripeId: sub.paymentIntentId, clientSecret: sub.clientSecret });
  return { paymentIntentId: sub.paymentIntentId, clientSecret: sub.clientSecret, amount: sub.amount.amount, currency: sub.amount.currency };
}
