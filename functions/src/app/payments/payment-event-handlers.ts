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
import { DomainError } from "../../domain/errors";
import type { PaymentDeps } from "./payment-deps";
import { recordFailedPayment, recordProcessingPayment } from "./record-failure";
import {
  type DisputeFacts,
  type DisputeMoney,
  isInquiry,
  recordDisputeClosed,
  recordDisputeOpened,
  recordInquiry,
} from "./record-disputes";
import { syncRefunds } from "./record-reversals";
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

/**
 * A dispute's facts from the event. Its `balance_transactions` are always included (not an
 * expandable field): a negative one is the withdrawal, a positive one the reinstatement, each
 * in the platform's settlement currency with the dispute fee in `fee` (negative when returned).
 */
function disputeFacts(event: StripeEventRecord): DisputeFacts | null {
  const d = event.data.object;
  const paymentIntentId = idOf(d, "payment_intent");
  const id = str(d, "id");
  if (!id || !paymentIntentId) return null;
  const txns = Array.isArray(d["balance_transactions"])
    ? (d["balance_transactions"] as Record<string, unknown>[])
    : [];
  const money = (sign: 1 | -1): DisputeMoney | null => {
    const t = txns.find((x) => Math.sign(num(x, "amount") ?? 0) === sign);
    if (!t) return null;
    const fee = num(t, "fee") ?? 0;
    return {
      amount: Math.abs(num(t, "amount") ?? 0),
      fee: sign < 0 ? fee : Math.max(0, -fee),
      created: num(t, "created"),
      exchangeRate: num(t, "exchange_rate"),
    };
  };
  return {
    disputeId: id,
    paymentIntentId,
    amount: num(d, "amount") ?? 0,
    status: str(d, "status") ?? "",
    withdrawal: money(-1),
    reinstatement: money(1),
    at: event.created,
    dueBy: num(obj(d, "evidence_details"), "due_by"),
  };
}

async function disputeEvent(
  deps: PaymentDeps,
  e: StripeEventRecord,
  step: "opened" | "closed" | "updated",
): Promise<EventOutcome> {
  const facts = disputeFacts(e);
  if (!facts) return ignored("dispute without a payment intent");
  const label = `dispute ${facts.disputeId} (${facts.status})`;
  if (isInquiry(facts.status)) return processed(`${label}: ${await recordInquiry(deps, facts)}`);
  if (step === "updated") return ignored(`${label}: a status change moves no money`);
  if (step === "closed") return processed(`${label}: ${await recordDisputeClosed(deps, facts)}`);
  return processed(`${label}: ${await recordDisputeOpened(deps, facts)}`);
}

/**
 * The PaymentIntent that paid (or tried to pay) an invoice, asked of Stripe: in API 2026-10-28
 * the invoice's `payments` is includable, absent from every webhook payload, so whatever the
 * event body holds is never trusted for it. One Stripe call per invoice event.
 */
async function invoicePaymentIntent(
  deps: PaymentDeps,
  invoiceId: string,
  want: "paid" | "attempted",
): Promise<string | null> {
  const payments = (await deps.gateway.listInvoicePayments(invoiceId)).filter(
    (p) => p.paymentIntentId !== null,
  );
  const chosen =
    want === "paid"
      ? payments.find((p) => p.status === "paid")
      : (payments.find((p) => p.status !== "paid") ?? payments[0]);
  return chosen?.paymentIntentId ?? null;
}

function invoiceSubscription(invoice: Record<string, unknown>): {
  subscriptionId: string | null;
  metadata: Record<string, unknown>;
} {
  const details = obj(obj(invoice, "parent"), "subscription_details");
  return { subscriptionId: idOf(details, "subscription"), metadata: obj(details, "metadata") };
}

/** What a Kassa program PaymentIntent or Checkout Session says about the attempt. */
function programAttempt(o: Record<string, unknown>, paymentIntentId: string, created: number) {
  const metadata = obj(o, "metadata");
  const meta = (k: string) => (typeof metadata[k] === "string" ? (metadata[k] as string) : null);
  return {
    paymentIntentId,
    kind: "program" as const,
    amount: num(o, "amount") ?? num(o, "amount_total") ?? 0,
    currency: str(o, "currency") ?? "sek",
    userId: meta("userId"),
    coachId: meta("coachId"),
    programId: meta("programId"),
    invoiceId: null,
    subscriptionId: null,
    description: str(o, "description"),
    created: num(o, "created") ?? created,
  };
}

/**
 * A refund changed (pending -> succeeded | failed, or created already succeeded): re-read
 * the payment's refunds from Stripe and book the succeeded ones not yet in the ledger. A
 * refund that succeeds later is dated when this event says it did.
 */
async function refundChanged(deps: PaymentDeps, e: StripeEventRecord): Promise<EventOutcome> {
  const r = e.data.object;
  const pi = idOf(r, "payment_intent");
  if (!pi) return ignored("refund without a payment intent");
  const refundId = str(r, "id");
  const settledAt = refundId && str(r, "status") === "succeeded" ? { [refundId]: e.created } : {};
  const { booked } = await syncRefunds(deps, pi, settledAt);
  return processed(
    booked > 0 ? `booked ${booked} refund(s) of ${pi}` : `refunds of ${pi}: nothing new succeeded`,
  );
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
    // Async payment methods: the session completes unpaid, then one of these two follows.
    "checkout.session.async_payment_succeeded": async (e) => {
      const s = e.data.object;
      if (!obj(s, "metadata")["kassaKind"])
        return ignored(`checkout session ${str(s, "id")} was not started by Kassa`);
      if (str(s, "mode") === "subscription")
        return processed(`subscription ${idOf(s, "subscription")}: booked from its invoice`);
      return saleOutcome(deps, idOf(s, "payment_intent"));
    },
    "checkout.session.async_payment_failed": async (e) => {
      const s = e.data.object;
      const pi = idOf(s, "payment_intent");
      if (obj(s, "metadata")["kassaKind"] !== "program" || !pi)
        return ignored(`checkout session ${str(s, "id")} is not a Kassa program payment`);
      await recordFailedPayment(deps, {
        ...programAttempt(s, pi, e.created),
        reason: "The payment did not go through (the bank refused or it expired).",
      });
      return processed(`recorded the failed delayed payment ${pi}`);
    },
    "payment_intent.processing": async (e) => {
      const pi = e.data.object;
      const id = str(pi, "id");
      if (obj(pi, "metadata")["kassaKind"] !== "program" || !id)
        return ignored("not a Kassa program payment");
      await recordProcessingPayment(deps, programAttempt(pi, id, e.created));
      return processed(`payment ${id} is processing; booked when it succeeds`);
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
        description: str(pi, "description"),
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
    "refund.created": (e) => refundChanged(deps, e),
    "refund.updated": (e) => refundChanged(deps, e),
    "charge.refund.updated": (e) => refundChanged(deps, e),
    "charge.dispute.created": (e) => disputeEvent(deps, e, "opened"),
    "charge.dispute.funds_withdrawn": (e) => disputeEvent(deps, e, "opened"),
    "charge.dispute.updated": (e) => disputeEvent(deps, e, "updated"),
    "charge.dispute.funds_reinstated": (e) => disputeEvent(deps, e, "closed"),
    "charge.dispute.closed": (e) => disputeEvent(deps, e, "closed"),
    "invoice.paid": async (e) => {
      const invoice = e.data.object;
      const invoiceId = str(invoice, "id");
      if (!invoiceId) return ignored("invoice without an id");
      if ((num(invoice, "amount_paid") ?? 0) === 0) return ignored("invoice with nothing paid");
      const pi = await invoicePaymentIntent(deps, invoiceId, "paid");
      if (!pi)
        throw new DomainError(
          "precondition",
          `invoice ${invoiceId} is paid but Stripe lists no paid payment for it yet; will retry`,
        );
      const { subscriptionId, metadata } = invoiceSubscription(invoice);
      const customerId = idOf(invoice, "customer");
      const userId =
        (typeof metadata["userId"] === "string" ? metadata["userId"] : null) ??
        (customerId ? await deps.customers.findByStripeCustomerId(customerId) : null);
      const paidAt = num(obj(invoice, "status_transitions"), "paid_at") ?? e.created;
      const result = await recordSubscriptionSale(deps, {
        paymentIntentId: pi,
        invoiceId,
        subscriptionId,
        userId,
        paidAt: paidAt * 1000,
      });
      return processed(`invoice ${str(invoice, "id")}: ${result}`);
    },
    "invoice.payment_failed": async (e) => {
      const invoice = e.data.object;
      const invoiceId = str(invoice, "id");
      if (!invoiceId) return ignored("invoice without an id");
      // A renewal that failed before any PaymentIntent existed is still recorded, by invoice.
      const pi = (await invoicePaymentIntent(deps, invoiceId, "attempted")) ?? invoiceId;
      const { subscriptionId, metadata } = invoiceSubscription(invoice);
      await recordFailedPayment(deps, {
        paymentIntentId: pi,
        kind: "subscription",
        amount: num(invoice, "amount_due") ?? 0,
        currency: str(invoice, "currency") ?? "sek",
        userId: typeof metadata["userId"] === "string" ? metadata["userId"] : null,
        coachId: null,
        programId: null,
        invoiceId,
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
