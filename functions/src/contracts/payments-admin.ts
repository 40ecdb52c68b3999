/** An admin's refunds, subscription cancellations and re-runs of failed Stripe events. */
import { z } from "zod";
import { contract } from "./contract";
import { stripeId } from "./fields";

export const refundPayment = contract<{ refundId?: string; approvalId?: string; status: string; amount: number }>()({
  name: "refundPayment",
  input: z.strictObject({
    paymentId: stripeId,
    amount: z
      .number({ error: "must be a number of minor units (öre)" })
      .int("must be whole minor units (öre)")
      .positive("must be greater than 0")
      .max(100_000_000, "is too large")
      .optional(),
    reason: z
      .enum(["requested_by_customer", "duplicate", "fraudulent"], {
        error: "must be requested_by_customer, duplicate or fraudulent",
      })
      .default("requested_by_customer"),
    requestId: z
      .string({ error: "is required" })
      .min(8, "must be at least 8 characters")
      .max(64, "is too long"),
  }),
  errors: ["not-found", "failed-precondition", "already-exists", "aborted"],
  reasons: ["refund_exceeds_remaining", "already_refunded", "amount_not_positive"],
});

export const cancelSubscription = contract<{ cancelAtPeriodEnd: boolean }>()({
  name: "cancelSubscription",
  input: z.strictObject({
    subscriptionId: stripeId,
    cancel: z.boolean({ error: "must be true or false" }).default(true),
  }),
  errors: ["not-found", "failed-precondition", "aborted"],
});

/** Admins re-run an event that failed all its retries, once the cause is fixed. */
export const retryStripeEvent = contract<{ result: string; note?: string; error?: string }>()({
  name: "retryStripeEvent",
  input: z.strictObject({
    eventId: z
      .string({ error: "is required" })
      .regex(/^evt_[A-Za-z0-9]+$/, "is not a Stripe event id"),
  }),
  errors: ["not-found", "failed-precondition", "aborted"],
});
