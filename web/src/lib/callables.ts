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
/** Premium in the in-app card form: the subscription's first invoice's PaymentIntent (default_incomplete). */
export const createSubscriptionIntent = httpsCallable<{ planId: string }, { paymentIntentId: string; clientSecret: string; amount: number; currency: string }>(
  functions,
  "createSubscriptionIntent",
);
/** Which payment a Checkout return (?session=cs_…) made. */
export const checkoutReturn = httpsCallable<
  { sessionId: string },
  { state: "unknown" } | { state: "paid" | "not_paid"; kind: "program" | "subscription"; paymentIntentId: string | null; subscriptionId: string | null; createdAt: number }
>(functions, "checkoutReturn");
/** A customer's receipt (kvitto) for one paid purchase, with its PDF (base64). */
export const purchaseReceipt = httpsCallable<
  { paymentId: string; language: "sv" | "en" },
  {
    receipt: { number: string; day: string; seller: string; coachName: string | null; kind: "program" | "subscription"; item: string | null; currency: string; amount: number; platformPart: number; platformVat: number; platformPartExVat: number; vatRateBps: number; coachPart: number; refundedAmount: number; card: { brand: string; last4: string } | null };
    pdfBase64: string;
  }
>(functions, "purchaseReceipt");
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
