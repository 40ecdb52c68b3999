/**
 * Stripe.js for the card form, loaded once and only when a form opens. Production: the real
 * script through @stripe/stripe-js's `pure` entry (which, unlike the default entry, injects
 * nothing until called). Locally: the Stripe sandbox's stand-in, loaded with a script tag of
 * our own, because `loadStripe` only ever injects https://js.stripe.com.
 */
import type { Stripe } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";
import { stripeTarget } from "../../lib/stripe-target";

let loading: Promise<Stripe | null> | null = null;

function loadStandIn(scriptUrl: string, publishableKey: string): Promise<Stripe | null> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = scriptUrl;
    script.async = true;
    script.onload = () => {
      const factory = (window as { Stripe?: (key: string) => Stripe }).Stripe;
      if (factory) resolve(factory(publishableKey));
      else reject(new Error(`${scriptUrl} did not define window.Stripe`));
    };
    script.onerror = () => reject(new Error(`could not load ${scriptUrl}: is the Stripe sandbox running (npm start)?`));
    document.head.append(script);
  });
}

export function stripeJs(): Promise<Stripe | null> {
  if (loading) return loading;
  const target = stripeTarget(import.meta.env);
  loading =
    target.kind === "sandbox"
      ? loadStandIn(target.scriptUrl, target.publishableKey)
      : target.kind === "stripe"
        ? loadStripe(target.publishableKey)
        : Promise.reject(new Error("VITE_STRIPE_PUBLISHABLE_KEY is not set: this build has no card form (README, Deploying)."));
  // A failed load (offline, blocked) may succeed on the next try.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
