import * as contracts from "../contracts/checkout";
import {
  createProgramCheckout,
  createProgramPaymentIntent,
} from "../app/checkout/program-checkout";
import { createSubscriptionCheckout } from "../app/checkout/subscription-checkout";
import { createSubscriptionIntent as openSubscriptionIntent } from "../app/checkout/subscription-intent";
import { checkoutReturn as readCheckoutReturn } from "../app/checkout/checkout-return";
import { stripeSecretKey } from "../config/params";
import { kassaCallable } from "./callable";
import { checkoutDeps, saleDeps } from "./payment-deps";

export const createCheckoutSession = kassaCallable(
  contracts.createCheckoutSession,
  (input, caller) =>
    input.programId
      ? createProgramCheckout(checkoutDeps(), caller, { programId: input.programId })
      : createSubscriptionCheckout(checkoutDeps(), caller, { planId: input.planId! }),
  { secrets: [stripeSecretKey] },
);

export const createPaymentIntent = kassaCallable(
  contracts.createPaymentIntent,
  (input, caller) => createProgramPaymentIntent(saleDeps(), caller, input),
  { secrets: [stripeSecretKey] },
);

/** Premium in the app's card form: the first invoice's PaymentIntent client secret. */
export const createSubscriptionIntent = kassaCallable(
  contracts.createSubscriptionIntent,
  (input, caller) => openSubscriptionIntent(saleDeps(), caller, input),
  { secrets: [stripeSecretKey] },
);

/** Which payment a Checkout return (`?session=cs_…`) made, so the page confirms that one. */
export const checkoutReturn = kassaCallable(
  contracts.checkoutReturn,
  (input, caller) => readCheckoutReturn(saleDeps(), caller, input),
  { secrets: [stripeSecretKey] },
);
