import assert from "node:assert/strict";
import Stripe from "stripe";
import type { StartOptions, RunningSandbox } from "../src/server.js";
import { startStripeSandbox } from "../src/server.js";

export const KEY = "sk_test_kassa_sandbox";

export interface Harness {
  sbx: RunningSandbox;
  stripe: Stripe;
  control<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export async function start(options: StartOptions = {}): Promise<Harness> {
  const sbx = await startStripeSandbox({ ...options, config: { rateLimitPerSecond: 0, webhookRetryBaseMs: 50, ...options.config } });
  const stripe = client(sbx.port);
  return {
    sbx,
    stripe,
    async control<T>(method: string, path: string, body?: unknown) {
      const res = await fetch(`${sbx.url}${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as T };
    },
  };
}

export function client(port: number, key = KEY): Stripe {
  return new Stripe(key, { host: "127.0.0.1", port, protocol: "http", maxNetworkRetries: 0 });
}

/** A connected account that finished onboarding, as Kassa's coaches are. */
export async function verifiedAccount(h: Harness): Promise<Stripe.Account> {
  const acct = await h.stripe.accounts.create({ type: "express", email: "coach@example.com", capabilities: { transfers: { requested: true }, card_payments: { requested: true } } });
  const res = await h.control("POST", `/__sandbox/accounts/${acct.id}/verify`);
  assert.equal(res.status, 200);
  return h.stripe.accounts.retrieve(acct.id);
}

/** Pays a destination-charge checkout of `amount` with `fee` for the platform. */
export async function paidCheckout(h: Harness, destination: string, amount: number, fee: number, card = "4242424242424242"): Promise<{ session: Stripe.Checkout.Session; pi: Stripe.PaymentIntent; charge: Stripe.Charge }> {
  const session = await h.stripe.checkout.sessions.create({
    mode: "payment",
    success_url: "http://127.0.0.1/ok?session={CHECKOUT_SESSION_ID}",
    cancel_url: "http://127.0.0.1/cancel",
    line_items: [{ quantity: 1, price_data: { currency: "sek", unit_amount: amount, product_data: { name: "Coaching program" } } }],
    payment_intent_data: { application_fee_amount: fee, transfer_data: { destination } },
  });
  const paid = await h.control("POST", `/__sandbox/checkout/${session.id}/pay`, { card });
  assert.equal(paid.status, 200, JSON.stringify(paid.body));
  const done = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent.latest_charge"] });
  const pi = done.payment_intent as Stripe.PaymentIntent;
  return { session: done, pi, charge: pi.latest_charge as Stripe.Charge };
}

export async function allTxns(stripe: Stripe, stripeAccount?: string): Promise<Stripe.BalanceTransaction[]> {
  const out: Stripe.BalanceTransaction[] = [];
  for await (const t of stripe.balanceTransactions.list({ limit: 100 }, stripeAccount ? { stripeAccount } : undefined)) out.push(t);
  return out;
}

export async function balance(stripe: Stripe, stripeAccount?: string): Promise<{ available: number; pending: number }> {
  const b = await stripe.balance.retrieve({}, stripeAccount ? { stripeAccount } : undefined);
  return { available: b.available.find((x) => x.currency === "sek")?.amount ?? 0, pending: b.pending.find((x) => x.currency === "sek")?.amount ?? 0 };
}

/** The invariant Kassa's reconciliation relies on: transactions sum to the balance. */
export async function assertLedgerMatches(stripe: Stripe, stripeAccount?: string): Promise<void> {
  const txns = await allTxns(stripe, stripeAccount);
  const b = await balance(stripe, stripeAccount);
  const sum = txns.filter((t) => t.currency === "sek").reduce((s, t) => s + t.net, 0);
  assert.equal(sum, b.available + b.pending, `ledger of ${stripeAccount ?? "platform"}`);
}

export async function expectStripeError(p: Promise<unknown>, cls: abstract new (...args: never[]) => Error, fields: Partial<Record<"code" | "param" | "type" | "statusCode" | "decline_code", unknown>> = {}): Promise<Stripe.errors.StripeError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof cls, `expected ${cls.name}, got ${(err as Error).constructor.name}: ${(err as Error).message}`);
    const e = err as Stripe.errors.StripeError;
    for (const [k, v] of Object.entries(fields)) assert.equal((e as unknown as Record<string, unknown>)[k], v, `error.${k}`);
    return e;
  }
  assert.fail("expected the call to fail");
}
