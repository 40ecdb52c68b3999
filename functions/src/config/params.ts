/**
 * Every secret and parameter Kassa reads, declared once. Values come from Secret Manager
 * (secrets) and `.env.<project>` files or deploy-time prompts (params) in production; in the
 * emulator the local stack writes `functions/.secret.local` and `functions/.env.local`.
 * Nothing here is read at import time: call `.value()` inside a handler.
 */
import { defineInt, defineSecret, defineString } from "firebase-functions/params";

export const REGION = "europe-west1";
export const TIME_ZONE = "Europe/Stockholm";

export const stripeSecretKey = defineSecret("STRIPE_SECRET_KEY");
export const stripeWebhookSecret = defineSecret("STRIPE_WEBHOOK_SECRET");
export const stripeConnectWebhookSecret = defineSecret("STRIPE_CONNECT_WEBHOOK_SECRET");
export const fortnoxClientId = defineSecret("FORTNOX_CLIENT_ID");
export const fortnoxClientSecret = defineSecret("FORTNOX_CLIENT_SECRET");

/** Empty means real Stripe; locally the stack points it at sandbox/stripe (e.g. http://127.0.0.1:12111). */
export const stripeApiBase = defineString("STRIPE_API_BASE", {
  default: "",
  description: "Base URL of the Stripe API; leave empty for api.stripe.com",
});
export const fortnoxApiBase = defineString("FORTNOX_API_BASE", {
  default: "https://api.fortnox.se",
  description: "Base URL of the Fortnox API (the /3 prefix is added by the adapter)",
});
export const fortnoxAuthBase = defineString("FORTNOX_AUTH_BASE", {
  default: "https://apps.fortnox.se",
  description: "Base URL of Fortnox's OAuth server",
});
export const webAppUrl = defineString("WEB_APP_URL", {
  default: "http://127.0.0.1:5173",
  description: "Where the web app lives; return URLs of Checkout and onboarding land here",
});
export const appCheckAppIds = defineString("APP_CHECK_APP_IDS", {
  default: "",
  description: "Firebase app ids whose App Check tokens callables accept (comma-separated, e.g. the web app's 1:123:web:abc); empty: any app of this project",
});
export const dualControlRefundAbove = defineString("DUAL_CONTROL_REFUND_ABOVE", {
  default: "sek:100000,eur:10000",
  description: "Refunds above these amounts (currency:minor units, comma-separated) wait for a second admin; a currency not listed always does",
});
export const dualControlRoles = defineString("DUAL_CONTROL_ROLES", {
  default: "admin,accountant",
  description: "Roles whose grant waits for a second admin (comma-separated)",
});
export const platformFeeBps = defineInt("PLATFORM_FEE_BPS", {
  default: 2000,
  description: "Default platform fee in basis points (2000 = 20 %); settings/fees can override",
});
export const checkoutAttemptsPerHour = defineInt("CHECKOUT_ATTEMPTS_PER_HOUR", {
  default: 10,
  description: "New payment attempts (Checkout Sessions and PaymentIntents) one user may start in a rolling hour: the card-testing quota",
});
export const checkoutAttemptsPerIpPerHour = defineInt("CHECKOUT_ATTEMPTS_PER_IP_PER_HOUR", {
  default: 30,
  description: "New payment attempts from one client address (all its accounts together) in a rolling hour",
});
export const holdDays = defineInt("HOLD_DAYS", {
  default: 7,
  description: "Days a coach's share is held before it can be paid out",
});
