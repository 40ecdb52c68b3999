import { describe, expect, it } from "vitest";
import { stripeTarget } from "./stripe-target";

describe("stripeTarget", () => {
  it("loads the sandbox's stand-in wherever the emulators are, at the URL the stack gives", () => {
    expect(stripeTarget({ DEV: true, VITE_STRIPE_SANDBOX_URL: "http://127.0.0.1:22111/" })).toEqual({ kind: "sandbox", scriptUrl: "http://127.0.0.1:22111/v3", publishableKey: "pk_test_kassa_sandbox" });
    expect(stripeTarget({ DEV: false, VITE_USE_EMULATORS: "true" })).toEqual({ kind: "sandbox", scriptUrl: "http://127.0.0.1:12111/v3", publishableKey: "pk_test_kassa_sandbox" });
  });

  it("a production build loads real Stripe.js with its publishable key, whatever sandbox URL it was given", () => {
    expect(stripeTarget({ DEV: false, VITE_STRIPE_SANDBOX_URL: "http://127.0.0.1:12111", VITE_STRIPE_PUBLISHABLE_KEY: "pk_live_abc" })).toEqual({ kind: "stripe", publishableKey: "pk_live_abc" });
  });

  it("a production build without a publishable key (or with a secret one) has no card form", () => {
    expect(stripeTarget({ DEV: false })).toEqual({ kind: "missing" });
    expect(stripeTarget({ DEV: false, VITE_STRIPE_PUBLISHABLE_KEY: "sk_live_oops" })).toEqual({ kind: "missing" });
  });
});
