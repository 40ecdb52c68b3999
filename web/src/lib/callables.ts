/** Typed handles on the callables the pages use. The server validates everything again. */
import { httpsCallable } from "firebase/functions";
import { functions } from "../firebase";

export const createCheckoutSession = httpsCallable<{ programId?: string; planId?: string }, { sessionId: string; url: string }>(
  functions,
  "createCheckoutSession",
);
/** A PaymentIntent for the in-app card form: the server prices it; the client confirms it with Stripe.js. */
export const createPaymentIntent = httpsCallable<{ programId: string }, { paymentIntentId: string; clientSecret: string; amount: number; currency: string }>(
  functions,
  "createPaymentIntent",
);
export const cancelSubscription = httpsCallable<{ subscriptionId: string; cancel: boolean }, { cancelAtPeriodEnd: boolean }>(
  functions,
  "cancelSubscription",
);
export const refundPayment = httpsCallable<
  { paymentId: string; amount?: number; reason: string; requestId: string },
  { refundId?: string; approvalId?: string; status: string; amount: number }
>(functions, "refundPayment");
/** Dual control: a second admin decides what another admin asked for (refunds above the limit, staff roles). */
export const approveRequest = httpsCallable<{ approvalId: string }, { state: string }>(functions, "approveRequest");
export const rejectRequest = httpsCallable<{ approvalId: string; reason: string }, { state: string }>(functions, "rejectRequest");
export const retryStripeEvent = httpsCallable<{ eventId: string }, { result: string; note?: string; error?: string }>(
  functions,
  "retryStripeEvent",
);
