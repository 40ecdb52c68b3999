/** Buying a program or the premium plan: the client names what it buys, never an amount. */
import { z } from "zod";
import { contract } from "./contract";
import { slugId } from "./fields";

export const createCheckoutSession = contract<{ sessionId: string; url: string }>()({
  name: "createCheckoutSession",
  input: z
    .strictObject({ programId: slugId(128).optional(), planId: slugId(64).optional() })
    .refine((v) => (v.programId ? 1 : 0) + (v.planId ? 1 : 0) === 1, {
      message: "give exactly one of programId or planId",
      path: ["programId"],
    }),
  errors: ["not-found", "failed-precondition", "already-exists", "aborted", "resource-exhausted"],
});

/** A PaymentIntent for the in-app card form: the server prices it; the client confirms it with Stripe.js. */
export const createPaymentIntent = contract<{ paymentIntentId: string; clientSecret: string; amount: number; currency: string }>()({
  name: "createPaymentIntent",
  input: z.strictObject({ programId: slugId(128) }),
  errors: ["not-found", "failed-precondition", "already-exists", "aborted", "resource-exhausted"],
});

/** Premium in the app's card form: the first invoice's PaymentIntent client secret. */
export const createSubscriptionIntent = contract<{ paymentIntentId: string; clientSecret: string; amount: number; currency: string }>()({
  name: "createSubscriptionIntent",
  input: z.strictObject({ planId: slugId(64) }),
  errors: ["not-found", "failed-precondition", "already-exists", "aborted", "resource-exhausted"],
});

export type CheckoutReturn =
  | { state: "unknown" }
  | {
      state: "paid" | "not_paid";
      kind: "program" | "subscription";
      /** The purchase to wait for: purchases/{paymentIntentId}, or the subscription's first paid invoice. */
      paymentIntentId: string | null;
      subscriptionId: string | null;
      /** Epoch ms the session was made. */
      createdAt: number;
    };

/** Which payment a Checkout return (`?session=cs_…`) made, so the page confirms that one. */
export const checkoutReturn = contract<CheckoutReturn>()({
  name: "checkoutReturn",
  input: z.strictObject({ sessionId: slugId(255) }),
  errors: ["aborted"],
});
