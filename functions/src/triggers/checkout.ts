import { z } from "zod";
import {
  createProgramCheckout,
  createProgramPaymentIntent,
} from "../app/checkout/program-checkout";
import { createSubscriptionCheckout } from "../app/checkout/subscription-checkout";
import { stripeSecretKey } from "../config/params";
import { kassaCallable } from "./callable";
import { checkoutDeps, saleDeps } from "./payment-deps";

const id = (max: number) =>
  z
    .string({ error: "must be a string" })
    .min(1, "is required")
    .max(max, "is too long")
    .regex(/^[A-Za-z0-9_-]+$/, "has characters that are not allowed");

/** The client names what it buys; it never sends an amount or a currency. */
export const checkoutInput = z
  .strictObject({ programId: id(128).optional(), planId: id(64).optional() })
  .refine((v) => (v.programId ? 1 : 0) + (v.planId ? 1 : 0) === 1, {
    message: "give exactly one of programId or planId",
    path: ["programId"],
  });

export const createCheckoutSession = kassaCallable(
  "createCheckoutSession",
  checkoutInput,
  (input, caller) =>
    input.programId
      ? createProgramCheckout(checkoutDeps(), caller, { programId: input.programId })
      : createSubscriptionCheckout(checkoutDeps(), caller, { planId: input.planId! }),
  { secrets: [stripeSecretKey] },
);

export const createPaymentIntent = kassaCallable(
  "createPaymentIntent",
  z.strictObject({ programId: id(128) }),
  (input, caller) => createProgramPaymentIntent(saleDeps(), caller, input),
  { secrets: [stripeSecretKey] },
);
