/** Keeps `subscriptions/{id}` and the user's premium flag in step with Stripe's events. */
import {
  type EventOutcome,
  idOf,
  num,
  obj,
  str,
  type StripeEventRecord,
} from "../stripe-events/event";
import type { PaymentDeps } from "./payment-deps";

/** In API 2026-10-28 the period lives on the subscription's items. */
function periodEnd(sub: Record<string, unknown>): number | null {
  const items = obj(sub, "items");
  const first = Array.isArray(items["data"])
    ? (items["data"][0] as Record<string, unknown> | undefined)
    : undefined;
  const end = (first ? num(first, "current_period_end") : null) ?? num(sub, "current_period_end");
  return end === null ? null : end * 1000;
}

export async function applySubscription(
  deps: PaymentDeps,
  event: StripeEventRecord,
): Promise<EventOutcome> {
  const sub = event.data.object;
  const id = str(sub, "id");
  if (!id) return { result: "ignored", note: "subscription without an id" };
  const metadata = obj(sub, "metadata");
  const customerId = idOf(sub, "customer");
  const userId =
    (typeof metadata["userId"] === "string" ? metadata["userId"] : null) ??
    (customerId ? await deps.customers.findByStripeCustomerId(customerId) : null);
  if (!userId) throw new Error(`subscription ${id}: no Kassa user for customer ${customerId}`);
  const result = await deps.subscriptions.apply(
    {
      id,
      userId,
      planId: typeof metadata["planId"] === "string" ? metadata["planId"] : null,
      status:
        event.type === "customer.subscription.deleted"
          ? "canceled"
          : (str(sub, "status") ?? "incomplete"),
      cancelAtPeriodEnd: sub["cancel_at_period_end"] === true,
      currentPeriodEnd: periodEnd(sub),
      customerId,
    },
    event.created,
  );
  return result === "applied"
    ? { result: "processed", note: `subscription ${id} is ${str(sub, "status")}` }
    : { result: "ignored", note: `a newer state of subscription ${id} was already applied` };
}
