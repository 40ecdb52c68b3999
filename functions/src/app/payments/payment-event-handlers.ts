/**
 * Stripe events about money coming in, reduced to Kassa's use cases. Each handler reads only
 * ids and facts from the event and asks Stripe for the current state where money is booked,
 * so a late, repeated or out-of-order event books nothing twice and moves nothing backwards.
 */
import {
  type EventHandlers,
  type EventOutcome,
  idOf,
  num,
  obj,
  str,
  type StripeEventRecord,
} from "../stripe-events/event";
import type { PaymentDeps } from "./payment-deps";
import { recordFailedPayment } from "./record-failure";
import {
  type DisputeFacts,
  recordDisputeClosed,
  recordDisputeOpened,
  syncRefunds,
} from "./record-reversals";
import { recordProgramSale, recordSubscriptionSale } from "./record-sale";
import { applySubscription } from "./subscriptions";

const processed = (note: string): EventOutcome => ({ result: "processed", note });
const ignored = (note: string): EventOutcome => ({ result: "ignored", note });

async function saleOutcome(
  deps: PaymentDeps,
  paymentIntentId: string | null,
): Promise<EventOutcome> {
  if (!paymentIntentId) return ignored("no payment intent on this object");
  const result = await recordProgramSale(deps, paymentIntentId);
  if (result === "not_ours")
    return ignored(
      `payment ${paymentIntentId} is not a Kassa program sale (subscriptions are booked from invoice.paid)`,
    );
  if (result === "not_succeeded")
    return ignored(`payment ${paymentIntentId} has not succeeded yet`);
  return processed(
    result === "booked"
      ? `booked payment ${paymentIntentId}`
      : `payment ${paymentIntentId} was already booked`,
  );
}

function disputeFacts(event: StripeEventRecord): DisputeFacts | null {
  const d = event.data.object;
  const paymentIntentId = idOf(d, "payment_intent");
  const id = str(d, "id");
  if (!id || !paymentIntentId) return null;
  const txns = Array.isArray(d["balance_transactions"])
    ? (d["balance_transactions"] as Record<string, unknown>[])
    : [];
  const opening = txns.find((t) => (num(t, "amount") ?? 0) < 0) ?? txns[0];
  return {
    disputeId: id,
    paymentIntentId,
    amount: num(d, "amount") ?? 0,
    fee: opening ? (num(opening, "fee") ?? 0) : 0,
    status: str(d, "status") ?? "",
    created: num(d, "created") ?? event.created,
  };
}

/** The invoice's payment intent in API 2026-10-28: `payments.data[].payment.payment_intent`. */
function invoicePaymentIntent(invoice: Record<string, unknown>): string | null {
  const payments = obj(invoice, "payments");
  const data = Array.isArray(payments["data"])
    ? (payments["data"] as Record<string, unknown>[])
    : [];
  for (const p of data) {
    const pi = idOf(obj(p, "payment"), "payment_intent");
    if (pi) return pi;
  }
  return null;
}

function invoiceSubscription(invoice: Record<string, unknown>): {
  subscriptionId: string | null;
  metadata: Record<string, unknown>;
} {
  const details = obj(obj(invoice, "parent"), "subscription_details");
  return { subscriptionId: idOf(details, "subscription"), metadata: obj(details, "metadata") };
}

export function paymentEventHandlers(deps: PaymentDeps): EventHandlers {
  return {
    "payment_intent.succeeded": (e) => saleOutcome(deps, str(e.data.object, "id")),
    "checkout.session.completed": async (e) => {
      const s = e.data.object;
      const metadata = obj(s, "metadata");
      if (!metadata["kassaKind"])
        return ignored(`checkout session ${str(s, "id")} was not started by Kassa`);
      if (str(s, "mode") === "subscription") {
        return processed(
          `subscription ${idOf(s, "subscription")} started; booked from its invoice`,
        );
      }
      return saleOutcome(deps, idOf(s, "payment_intent"));
    },
    "payment_intent.payment_failed": async (e) => {
      const pi = e.data.object;
      const metadata = obj(pi, "metadata");
      if (metadata["kassaKind"] !== "program") return ignored("not a Kassa program payment");
      const error = obj(pi, "last_payment_error");
      await recordFailedPayment(deps, {
        paymentIntentId: str(pi, "id") ?? "",
        kind: "program",
        amount: num(pi, "amount") ?? 0,
        currency: str(pi, "currency") ?? "sek",
        userId: (metadata["userId"] as string | undefined) ?? null,
        coachId: (metadata["coachId"] as string | undefined) ?? null,
        programId: (metadata["programId"] as string | undefined) ?? null,
        invoiceId: null,
        subscriptionId: null,
        reason: str(error, "message") ?? str(error, "code"),
        created: num(pi, "created") ?? e.created,
      });
      return processed("recorded the failed attempt");
    },
    "charge.refunded": async (e) => {
      const pi = idOf(e.data.object, "payment_intent");
      if (!pi) return ignored("charge without a payment intent");
      const { booked } = await syncRefunds(deps, pi);
      return processed(
        booked > 0 ? `booked ${booked} refund(s) of ${pi}` : `refunds of ${pi} already booked`,
      );
    },
    "charge.dispute.created": async (e) => {
      const facts = disputeFacts(e);
      if (!facts) return ignored("dispute without a payment intent");
      return processed(`dispute ${facts.disputeId}: ${await recordDisputeOpened(deps, facts)}`);
    },
    "charge.dispute.closed": async (e) => {
      const facts = disputeFacts(e);
      if (!facts) return ignored("dispute without a payment intent");
      return processed(
        `dispute ${facts.disputeId} ${facts.status}: ${await recordDisputeClosed(deps, facts)}`,
      );
    },
    "invoice.paid": async (e) => {
      const invoice = e.data.object;
      const pi = invoicePaymentIntent(invoice);
      if (!pi || (num(invoice, "amount_paid") ?? 0) === 0)
        return ignored("invoice with nothing paid");
      const { subscriptionId, metadata } = invoiceSubscription(invoice);
      const customerId = idOf(invoice, "customer");
      const userId =
        (typeof metadata["userId"] === "string" ? metadata["userId"] : null) ??
        (customerId ? await deps.customers.findByStripeCustomerId(customerId) : null);
      const paidAt = num(obj(invoice, "status_transitions"), "paid_at") ?? e.created;
      const result = await recordSubscriptionSale(deps, {
        paymentIntentId: pi,
        invoiceId: str(invoice, "id") ?? pi,
        subscriptionId,
        userId,
        paidAt: paidAt * 1000,
      });
      return processed(`invoice ${str(invoice, "id")}: ${result}`);
    },
    "invoice.payment_failed": async (e) => {
      const invoice = e.data.object;
      const pi = invoicePaymentIntent(invoice);
      if (!pi) return ignored("failed invoice without a payment intent");
      const { subscriptionId, metadata } = invoiceSubscription(invoice);
      await recordFailedPayment(deps, {
        paymentIntentId: pi,
        kind: "subscription",
        amount: num(invoice, "amount_due") ?? 0,
        currency: str(invoice, "currency") ?? "sek",
        userId: typeof metadata["userId"] === "string" ? metadata["userId"] : null,
        coachId: null,
        programId: null,
        invoiceId: str(invoice, "id"),
        subscriptionId,
        reason: "the renewal payment failed",
        created: num(invoice, "created") ?? e.created,
      });
      return processed("recorded the failed renewal");
    },
    "customer.subscription.created": (e) => applySubscription(deps, e),
    "customer.subscription.updated": (e) => applySubscription(deps, e),
    "customer.subscription.deleted": (e) => applySubscription(deps, e),
  };
}
