/**
 * One Stripe client per (key, base) per process, created on first use inside a handler:
 * never at import time, because secrets are only readable at run time. STRIPE_API_BASE
 * points the real SDK at the local sandbox; empty means api.stripe.com.
 */
import Stripe from "stripe";
import { stripeApiBase, stripeSecretKey } from "../../config/params";

const clients = new Map<string, Stripe>();

export function stripeClient(key = stripeSecretKey.value(), base = stripeApiBase.value()): Stripe {
  const cacheKey = `${key}|${base}`;
  let client = clients.get(cacheKey);
  if (!client) {
    const options: Stripe.StripeConfig = {
      maxNetworkRetries: 2,
      timeout: 20000,
      appInfo: { name: "Kassa" },
    };
    if (base) {
      const url = new URL(base);
      options.host = url.hostname;
      options.port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
      options.protocol = url.protocol === "https:" ? "https" : "http";
    }
    client = new Stripe(key, options);
    clients.set(cacheKey, client);
  }
  return client;
}

/** True for keys of a live account: events must then be livemode, and test events refused. */
export const isLiveKey = (key: string): boolean =>
  key.startsWith("sk_live_") || key.startsWith("rk_live_");
