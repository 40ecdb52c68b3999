import { z } from "zod";
import { requireRole } from "../app/caller";
import {
  cancelSubscriptionAtPeriodEnd,
  refundPayment as refundPaymentUseCase,
} from "../app/payments/refund-payment";
import { processStripeEvent } from "../app/stripe-events/process-event";
import { stripeSecretKey } from "../config/params";
import { kassaCallable } from "./callable";
import { approvalDeps } from "./dual-control";
import { paymentDeps, processEventDeps } from "./payment-deps";

const stripeId = z
  .string({ error: "is required" })
  .min(1, "is required")
  .max(255, "is too long")
  .regex(/^[A-Za-z0-9_]+$/, "is not a Stripe id");

export const refundPayment = kassaCallable(
  "refundPayment",
  z.strictObject({
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
  (input, caller) => refundPaymentUseCase({ ...paymentDeps(), ...approvalDeps() }, caller, input),
  { secrets: [stripeSecretKey] },
);

export const cancelSubscription = kassaCallable(
  "cancelSubscription",
  z.strictObject({
    subscriptionId: stripeId,
    cancel: z.boolean({ error: "must be true or false" }).default(true),
  }),
  (input, caller) => cancelSubscriptionAtPeriodEnd(paymentDeps(), caller, input),
  { secrets: [stripeSecretKey] },
);

/** Admins re-run an event that failed all its retries, once the cause is fixed. */
export const retryStripeEvent = kassaCallable(
  "retryStripeEvent",
  z.strictObject({
    eventId: z
      .string({ error: "is required" })
      .regex(/^evt_[A-Za-z0-9]+$/, "is not a Stripe event id"),
  }),
  async (input, caller) => {
    requireRole(caller, "admin");
    return processStripeEvent(processEventDeps(), input.eventId, { force: true });
  },
  { secrets: [stripeSecretKey] },
);
