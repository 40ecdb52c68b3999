/**
 * Which Stripe.js the card form loads. A production build loads the real one from
 * js.stripe.com (the hosting's CSP allows exactly that) with the live or test publishable
 * key it was built with. Against the local stack there is no internet: the Stripe sandbox
 * serves a stand-in with the same surface at <sandbox>/v3, and takes its own publishable key.
 * The sandbox is chosen only where the emulators are (a dev server or VITE_USE_EMULATORS), so
 * no deployed build can be pointed at it.
 */
export type StripeTarget =
  | { kind: "stripe"; publishableKey: string }
  | { kind: "sandbox"; scriptUrl: string; publishableKey: string }
  | { kind: "missing" };

export interface StripeEnv {
  DEV: boolean;
  VITE_USE_EMULATORS?: string;
  VITE_STRIPE_SANDBOX_URL?: string;
  VITE_STRIPE_PUBLISHABLE_KEY?: string;
}

/** The sandbox's defaults (sandbox/stripe/src/config.ts), what `npm start` runs. */
const SANDBOX_URL = "http://127.0.0.1:12111";
const SANDBOX_KEY = "pk_test_kassa_sandbox";

export function stripeTarget(env: StripeEnv): StripeTarget {
  if (env.DEV || env.VITE_USE_EMULATORS === "true") {
    const base = (env.VITE_STRIPE_SANDBOX_URL || SANDBOX_URL).replace(/\/+$/, "");
    return { kind: "sandbox", scriptUrl: `${base}/v3`, publishableKey: env.VITE_STRIPE_PUBLISHABLE_KEY || SANDBOX_KEY };
  }
  const key = env.VITE_STRIPE_PUBLISHABLE_KEY;
  return key && key.startsWith("pk_") ? { kind: "stripe", publishableKey: key } : { kind: "missing" };
}
