import * as contracts from "../contracts/payments-admin";
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

export const refundPayment = kassaCallable(
  contracts.refundPayment,
  (input, caller) => refundPaymentUseCase({ ...paymentDeps(), ...approvalDeps() }, caller, input),
  { secrets: [stripeSecretKey] },
);

export const cancelSubscription = kassaCallable(
  contracts.cancelSubscription,
  (input, caller) => cancelSubscriptionAtPeriodEnd(paymentDeps(), caller, input),
  { secrets: [stripeSecretKey] },
);

/** Admins re-run an event that failed all its retries, once the cause is fixed. */
export const retryStripeEvent = kassaCallable(
  contracts.retryStripeEvent,
  async (input, caller) => {
    requireRole(caller, "admin");
    return processStripeEvent(processEventDeps(), input.eventId, { force: true });
  },
  { secrets: [stripeSecretKey] },
);
