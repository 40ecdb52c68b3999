/** Typed handles on the callables the pages use. The server validates everything again. */
import { httpsCallable } from "firebase/functions";
import { functions } from "../firebase";

export const createCheckoutSession = httpsCallable<{ programId?: string; planId?: string }, { sessionId: string; url: string }>(
  functions,
  "createCheckoutSession",
);
export const cancelSubscription = httpsCallable<{ subscriptionId: string; cancel: boolean }, { cancelAtPeriodEnd: boolean }>(
  functions,
  "cancelSubscription",
);
export const refundPayment = httpsCallable<
  { paymentId: string; amount?: number; reason: string; requestId: string },
  { refundId: string; status: string; amount: number }
>(functions, "refundPayment");
export const retryStripeEvent = httpsCallable<{ eventId: string }, { result: string; note?: string; error?: string }>(
  functions,
  "retryStripeEvent",
);
