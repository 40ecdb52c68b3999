import assert from "node:assert/strict";
import Stripe from "stripe";
import type { Harness } from "./helpers.js";
import { KEY, client, expectStripeError, start } from "./helpers.js";

const { StripeInvalidRequestError, StripeAuthenticationError, StripeCardError, StripeRateLimitError, StripeIdempotencyError, StripeAPIError } = Stripe.errors;

describe("protocol: idempotency, errors, auth, rate limit, faults", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await start();
  });
  afterEach(async () => h.sbx.close());

  const counts = (): Record<string, number> => {
    const s = h.sbx.sandbox.state;
    return { customers: Object.keys(s.customers).length, pis: Object.keys(s.paymentIntents).length, payouts: Object.keys(s.payouts).length, events: Object.keys(s.events).length, txns: Object.keys(s.balanceTransactions).length, sessions: Object.keys(s.checkoutSessions).length, prices: Object.keys(s.prices).length };
  };

  it("replays the first response for the same key and body, with Idempotent-Replayed", async () => {
    const a = await h.stripe.customers.create({ email: "x@example.com" }, { idempotencyKey: "k1" });
    const b = await h.stripe.customers.create({ email: "x@example.com" }, { idempotencyKey: "k1" });
    assert.equal(b.id, a.id);
    assert.equal(b.lastResponse.headers["idempotent-replayed"], "true");
    assert.equal(a.lastResponse.headers["idempotent-replayed"], undefined);
    assert.equal(b.lastResponse.headers["original-request"], a.lastResponse.requestId, "a replay names the first request");
    assert.equal(counts().customers, 1);
    const log = await h.control<{ data: Array<{ idempotency_key: string; replayed: boolean }> }>("GET", "/__sandbox/requests");
    assert.deepEqual(log.body.data.filter((r) => r.idempotency_key === "k1").map((r) => r.replayed), [false, true]);
  });

  it("same key with different parameters is a 400 idempotency_error", async () => {
    await h.stripe.customers.create({ email: "x@example.com" }, { idempotencyKey: "k2" });
    const err = await expectStripeError(h.stripe.customers.create({ email: "y@example.com" }, { idempotencyKey: "k2" }), StripeIdempotencyError, { statusCode: 400 });
    assert.equal(err.rawType, "idempotency_error");
    assert.equal(counts().customers, 1);
  });

  it("idempotency keys expire after 24 hours of sandbox time", async () => {
    const a = await h.stripe.customers.create({ email: "x@example.com" }, { idempotencyKey: "k3" });
    await h.control("POST", "/__sandbox/clock", { advance_seconds: 24 * 3600 + 1 });
    const b = await h.stripe.customers.create({ email: "x@example.com" }, { idempotencyKey: "k3" });
    assert.notEqual(b.id, a.id);
  });

  it("a declined card is a 402 StripeCardError and its replay is the same 402", async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 500, currency: "sek" });
    const e1 = await expectStripeError(h.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_chargeDeclined" }, { idempotencyKey: "c1" }), StripeCardError, { statusCode: 402, code: "card_declined" });
    const e2 = await expectStripeError(h.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_chargeDeclined" }, { idempotencyKey: "c1" }), StripeCardError, { statusCode: 402 });
    assert.equal(e2.headers?.["idempotent-replayed"], "true");
    assert.equal(e1.charge, e2.charge);
  });

  it("a wrong API key is a 401 StripeAuthenticationError", async () => {
    await expectStripeError(client(h.sbx.port, "sk_test_wrong").customers.list(), StripeAuthenticationError, { statusCode: 401 });
    assert.equal(KEY, "sk_test_kassa_sandbox");
  });

  it("unknown ids in the URL are 404 resource_missing (in a parameter: 400); another account's objects are invisible", async () => {
    await expectStripeError(h.stripe.customers.retrieve("cus_nope"), StripeInvalidRequestError, { statusCode: 404, code: "resource_missing", param: "id" });
    const acct = await h.stripe.accounts.create({ type: "express" });
    const c = await h.stripe.customers.create({ email: "p@example.com" });
    await expectStripeError(h.stripe.customers.retrieve(c.id, {}, { stripeAccount: acct.id }), StripeInvalidRequestError, { statusCode: 404 });
  });

  it("refuses amounts below Stripe's minimum charge for the currency (SEK 3.00, EUR 0.50)", async () => {
    await expectStripeError(h.stripe.paymentIntents.create({ amount: 299, currency: "sek" }), StripeInvalidRequestError, { statusCode: 400, code: "amount_too_small", param: "amount" });
    assert.equal((await h.stripe.paymentIntents.create({ amount: 300, currency: "sek" })).amount, 300);
    await expectStripeError(h.stripe.paymentIntents.create({ amount: 49, currency: "eur" }), StripeInvalidRequestError, { code: "amount_too_small" });
    assert.equal((await h.stripe.paymentIntents.create({ amount: 50, currency: "eur" })).currency, "eur");
    const line = (currency: string, unit_amount: number): Stripe.Checkout.SessionCreateParams => ({ mode: "payment", success_url: "http://127.0.0.1/ok", line_items: [{ quantity: 1, price_data: { currency, unit_amount, product_data: { name: "x" } } }] });
    const e = await expectStripeError(h.stripe.checkout.sessions.create(line("sek", 1)), StripeInvalidRequestError, { code: "amount_too_small", param: "line_items" });
    assert.match(e.message, /at least kr3\.00 sek/);
    assert.equal((await h.stripe.checkout.sessions.create(line("sek", 300))).amount_total, 300);
    // The amount must also reach the minimum once converted to the platform's currency.
    await h.control("POST", "/__sandbox/exchange_rates", { from: "eur", to: "sek", rate: 5 });
    const conv = await expectStripeError(h.stripe.paymentIntents.create({ amount: 50, currency: "eur" }), StripeInvalidRequestError, { code: "amount_too_small" });
    assert.match(conv.message, /convert to at least kr3\.00/);
  });

  it("bad input names the param and changes no state", async () => {
    await h.stripe.customers.create({ email: "seed@example.com" });
    const before = counts();
    const cases: Array<[Promise<unknown>, Record<string, unknown>]> = [
      [h.stripe.customers.create({ email: "a@b.c", bogus: "1" } as Stripe.CustomerCreateParams), { code: "parameter_unknown", param: "bogus" }],
      [h.stripe.paymentIntents.create({ currency: "sek" } as Stripe.PaymentIntentCreateParams), { code: "parameter_missing", param: "amount" }],
      [h.stripe.paymentIntents.create({ amount: 0, currency: "sek" }), { code: "parameter_invalid_integer", param: "amount" }],
      [h.stripe.paymentIntents.create({ amount: -5, currency: "sek" }), { code: "parameter_invalid_integer", param: "amount" }],
      [h.stripe.paymentIntents.create({ amount: 12.5, currency: "sek" }), { code: "parameter_invalid_integer", param: "amount" }],
      [h.stripe.paymentIntents.create({ amount: 100, currency: "xyz" }), { param: "currency" }],
      [h.stripe.paymentIntents.create({ amount: 100, currency: "sek", transfer_data: { destination: "acct_missing" } }), { statusCode: 400, code: "resource_missing", param: "transfer_data[destination]" }],
      [h.stripe.paymentIntents.create({ amount: 100, currency: "sek", metadata: { a: "1" }, transfer_data: { destination: "acct_x", bogus: 1 } as unknown as Stripe.PaymentIntentCreateParams.TransferData }), { code: "parameter_unknown", param: "transfer_data[bogus]" }],
      [
        h.stripe.checkout.sessions.create({ mode: "payment", success_url: "http://127.0.0.1/ok", line_items: [{ quantity: 1, price: "price_missing" }] }),
        { statusCode: 400, code: "resource_missing", param: "line_items[0][price]" },
      ],
      [
        h.stripe.checkout.sessions.create({ mode: "payment", success_url: "http://127.0.0.1/ok", line_items: [{ quantity: 1, price_data: { currency: "sek", unit_amount: 100, product_data: { name: "x" } } }], payment_intent_data: { application_fee_amount: 500 } }),
        { param: "payment_intent_data[application_fee_amount]" },
      ],
      [h.stripe.refunds.create({ charge: "ch_missing" }), { statusCode: 400, code: "resource_missing", param: "charge" }],
      [h.stripe.paymentIntents.create({ amount: 1000, currency: "sek", customer: "cus_missing" }), { statusCode: 400, code: "resource_missing", param: "customer" }],
    ];
    for (const [p, fields] of cases) await expectStripeError(p, StripeInvalidRequestError, { type: "StripeInvalidRequestError", ...fields });
    assert.deepEqual(counts(), before);
  });

  it("rate limit answers 429 StripeRateLimitError beyond the configured requests per second", async () => {
    await h.control("POST", "/__sandbox/config", { rate_limit: 3 });
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => h.stripe.customers.list()));
    const limited = results.filter((r) => r.status === "rejected" && r.reason instanceof StripeRateLimitError);
    assert.ok(limited.length >= 4, `expected most of 8 calls limited, got ${limited.length}`);
    const cfg = await h.control<{ rate_limit: number }>("GET", "/__sandbox/config");
    assert.equal(cfg.body.rate_limit, 3);
  });

  it("rate limit per endpoint as Stripe publishes it: within the global limit, one operation gets 25 a second and another operation is not held back", async () => {
    // Live mode's global 100/s, Stripe's default 25/s per endpoint (docs.stripe.com/rate-limits).
    await h.control("POST", "/__sandbox/config", { rate_limit: 100, endpoint_rate_limit: 25 });
    const burst = await Promise.allSettled(Array.from({ length: 80 }, () => h.stripe.customers.list()));
    const other = await Promise.allSettled(Array.from({ length: 10 }, () => h.stripe.paymentIntents.list()));
    const limited = (rs: PromiseSettledResult<unknown>[]) => rs.filter((r) => r.status === "rejected" && r.reason instanceof StripeRateLimitError).length;
    // At most 25 pass per one-second window; the burst may straddle two windows (50 pass).
    assert.ok(limited(burst) >= 80 - 2 * 25 && limited(burst) <= 80 - 25, `GET /v1/customers: ${limited(burst)} of 80 limited`);
    // 90 requests stay within the global 100 a second: the other endpoint is not held back.
    assert.equal(limited(other), 0, "GET /v1/payment_intents held back by another endpoint's limit");
    const cfg = await h.control<{ endpoint_rate_limit: number }>("GET", "/__sandbox/config");
    assert.equal(cfg.body.endpoint_rate_limit, 25);
    await h.control("POST", "/__sandbox/config", { rate_limit: 0 });
  });

  it("faults: fail the next N matching calls, or do the work then fail (after_effect) so a retry replays", async () => {
    await h.control("POST", "/__sandbox/faults", { method: "POST", path: "/v1/customers", status: 500, count: 1 });
    await expectStripeError(h.stripe.customers.create({ email: "f@example.com" }, { idempotencyKey: "f1" }), StripeAPIError, { statusCode: 500 });
    assert.equal(counts().customers, 0, "a fault before the work creates nothing");
    const ok = await h.stripe.customers.create({ email: "f@example.com" }, { idempotencyKey: "f1" });
    assert.match(ok.id, /^cus_/);

    await h.control("POST", "/__sandbox/faults", { method: "POST", path: "/v1/payment_intents*", status: 503, count: 1, after_effect: true });
    await expectStripeError(h.stripe.paymentIntents.create({ amount: 700, currency: "sek" }, { idempotencyKey: "f2" }), StripeAPIError, { statusCode: 503 });
    assert.equal(counts().pis, 1, "the work happened although the client saw a 503");
    const retry = await h.stripe.paymentIntents.create({ amount: 700, currency: "sek" }, { idempotencyKey: "f2" });
    assert.equal(retry.lastResponse.headers["idempotent-replayed"], "true");
    assert.equal(counts().pis, 1, "the retry did not create a second PaymentIntent");
    const faults = await h.control<{ data: unknown[] }>("GET", "/__sandbox/faults");
    assert.equal(faults.body.data.length, 0, "counted rules retire");
  });

  it("faults can add latency", async () => {
    await h.control("POST", "/__sandbox/faults", { method: "GET", path: "/v1/balance", latency_ms: 300, count: 1 });
    const t0 = Date.now();
    await h.stripe.balance.retrieve();
    assert.ok(Date.now() - t0 >= 290);
  });

  it("health and reset", async () => {
    const health = await h.control("GET", "/__sandbox/health");
    assert.deepEqual(health.body, { ok: true });
    await h.stripe.customers.create({ email: "r@example.com" });
    await h.control("POST", "/__sandbox/reset");
    assert.equal((await h.stripe.customers.list()).data.length, 0);
  });
});
