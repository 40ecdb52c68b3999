/**
 * Registers Kassa's two webhook endpoints (platform events, Connect events) with the local
 * Stripe, as a developer would in Stripe's dashboard, and returns their signing secrets.
 * Registrations are remembered in the data folder so restarts reuse them.
 */
import fs from "node:fs";
import path from "node:path";
import { FUNCTIONS_URL } from "./config.js";
import { SANDBOX_STRIPE_KEY } from "./local-config.js";

interface Registration {
  id: string;
  secret: string;
  url: string;
  /** Which event list it was registered with; a change re-registers. */
  events?: string;
}
type Registrations = { platform?: Registration; connect?: Registration };

const auth = { Authorization: `Bearer ${SANDBOX_STRIPE_KEY}` };

/**
 * The events Kassa acts on, per endpoint: what a deployer selects in Stripe's dashboard too.
 * checkout.session.completed and its async_payment_succeeded/_failed are handled but not
 * subscribed: payment_intent.succeeded (sent when a delayed payment settles too) books both
 * Checkout and in-app card payments, payment_intent.payment_failed records a failed one, and
 * invoice.paid books subscriptions, so one event per purchase keeps the webhook's writes down.
 */
export const PLATFORM_EVENTS = [
  "payment_intent.succeeded",
  "payment_intent.processing",
  "payment_intent.payment_failed",
  "charge.refunded",
  "refund.created",
  "refund.updated",
  "charge.refund.updated",
  "charge.dispute.created",
  "charge.dispute.updated",
  "charge.dispute.funds_withdrawn",
  "charge.dispute.funds_reinstated",
  "charge.dispute.closed",
  "invoice.paid",
  "invoice.payment_failed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  // The platform's own payouts to its bank (no `account`): booked 1930/1580.
  "payout.paid",
  "payout.failed",
  "payout.canceled",
];
export const CONNECT_EVENTS = ["account.updated", "payout.paid", "payout.failed", "payout.canceled"];
const EVENTS_VERSION = [...PLATFORM_EVENTS, "|", ...CONNECT_EVENTS].join(",");

async function stillThere(base: string, reg: Registration | undefined): Promise<boolean> {
  if (!reg) return false;
  const res = await fetch(`${base}/v1/webhook_endpoints/${reg.id}`, { headers: auth });
  return res.ok;
}

async function create(base: string, url: string, connect: boolean): Promise<Registration> {
  const body = new URLSearchParams({ url, connect: String(connect) });
  for (const type of connect ? CONNECT_EVENTS : PLATFORM_EVENTS) body.append("enabled_events[]", type);
  const res = await fetch(`${base}/v1/webhook_endpoints`, {
    method: "POST",
    headers: { ...auth, "Content-Type": "application/x-www-form-urlencoded", "Idempotency-Key": `kassa-stack-${connect ? "connect" : "platform"}-${Date.now()}` },
    body,
  });
  const json = (await res.json()) as { id?: string; secret?: string; error?: { message?: string } };
  if (!res.ok || !json.id || !json.secret) {
    throw new Error(`registering the ${connect ? "Connect" : "platform"} webhook failed: ${json.error?.message ?? res.status}`);
  }
  return { id: json.id, secret: json.secret, url, events: EVENTS_VERSION };
}

export async function ensureStripeWebhooks(
  stripeBase: string,
  stateFile: string | null,
): Promise<{ platformSecret: string; connectSecret: string }> {
  const saved: Registrations =
    stateFile && fs.existsSync(stateFile) ? (JSON.parse(fs.readFileSync(stateFile, "utf8")) as Registrations) : {};
  const wanted = {
    platform: `${FUNCTIONS_URL}/stripeWebhook`,
    connect: `${FUNCTIONS_URL}/stripeConnectWebhook`,
  };
  const result: Registrations = {};
  for (const kind of ["platform", "connect"] as const) {
    const reg = saved[kind];
    result[kind] =
      reg && reg.url === wanted[kind] && reg.events === EVENTS_VERSION && (await stillThere(stripeBase, reg))
        ? reg
        : await create(stripeBase, wanted[kind], kind === "connect");
  }
  if (stateFile) {
    fs.mkdirSync(path.dirname(stateFile), { recursive: true });
    fs.writeFileSync(stateFile, JSON.stringify(result, null, 2));
  }
  return { platformSecret: result.platform!.secret, connectSecret: result.connect!.secret };
}
