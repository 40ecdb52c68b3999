import assert from "node:assert/strict";
import vm from "node:vm";
import type Stripe from "stripe";
import type { Harness } from "./helpers.js";
import { start, verifiedAccount } from "./helpers.js";

const PK = "pk_test_kassa_sandbox";

/** A call the way Stripe.js makes it: form body with key and client_secret, no Authorization. */
async function browserCall(h: Harness, method: "GET" | "POST", path: string, fields: Record<string, string>): Promise<{ status: number; body: Record<string, unknown>; cors: string | null }> {
  const form = new URLSearchParams(fields).toString();
  const res = method === "GET" ? await fetch(`${h.sbx.url}${path}?${form}`) : await fetch(`${h.sbx.url}${path}`, { method, body: form, headers: { "content-type": "application/x-www-form-urlencoded" } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, cors: res.headers.get("access-control-allow-origin") };
}

const card = (number: string, extra: Record<string, string> = {}): Record<string, string> => ({
  "payment_method_data[type]": "card",
  "payment_method_data[card][number]": number,
  "payment_method_data[card][exp_month]": "12",
  "payment_method_data[card][exp_year]": "2040",
  "payment_method_data[card][cvc]": "123",
  ...extra,
});

const errorOf = (body: Record<string, unknown>) => body["error"] as { type: string; code?: string; decline_code?: string; message: string; param?: string; payment_intent?: Stripe.PaymentIntent };

describe("the browser's side of the API (publishable key, client_secret)", () => {
  let h: Harness;
  let pi: Stripe.PaymentIntent;
  beforeEach(async () => {
    h = await start();
    const coach = await verifiedAccount(h);
    pi = await h.stripe.paymentIntents.create({ amount: 49900, currency: "sek", application_fee_amount: 9980, transfer_data: { destination: coach.id } });
  });
  afterEach(async () => h.sbx.close());
  const confirm = (fields: Record<string, string>) => browserCall(h, "POST", `/v1/payment_intents/${pi.id}/confirm`, { key: PK, client_secret: pi.client_secret!, ...fields });

  it("confirms with a test card sent as payment_method_data, and answers any origin (CORS)", async () => {
    const res = await confirm(card("4242 4242 4242 4242", { return_url: "http://127.0.0.1:5173/back", expected_payment_method_type: "card", use_stripe_sdk: "true" }));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.cors, "*");
    assert.equal(res.body["status"], "succeeded");
    const after = await h.stripe.paymentIntents.retrieve(pi.id);
    assert.equal(after.status, "succeeded");
    assert.equal(after.payment_method, "pm_sbx_4242424242424242");
    const preflight = await fetch(`${h.sbx.url}/v1/payment_intents/${pi.id}/confirm`, { method: "OPTIONS" });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get("access-control-allow-origin"), "*");
  });

  it("declines 4000 0000 0000 0002 with Stripe's card_error and the intent, which can be paid again", async () => {
    const declined = await confirm(card("4000000000000002"));
    assert.equal(declined.status, 402);
    const e = errorOf(declined.body);
    assert.deepEqual([e.type, e.code, e.decline_code], ["card_error", "card_declined", "generic_decline"]);
    assert.equal(e.payment_intent?.status, "requires_payment_method");
    const retry = await confirm(card("4242424242424242"));
    assert.equal(retry.body["status"], "succeeded");
  });

  it("stops a 3-D Secure card at requires_action; the framed challenge reports to the page and pays", async () => {
    const res = await confirm(card("4000002760003184", { return_url: "http://127.0.0.1:5173/back" }));
    assert.equal(res.body["status"], "requires_action");
    const url = (res.body["next_action"] as Stripe.PaymentIntent.NextAction).redirect_to_url?.url ?? "";
    assert.equal(url, `${h.sbx.url}/3ds/${pi.id}`);
    const page = await (await fetch(`${url}?embedded=1`)).text();
    assert.match(page, /name="embedded" value="1"/);
    const done = await fetch(`${url}/complete`, { method: "POST", body: "embedded=1", headers: { "content-type": "application/x-www-form-urlencoded" }, redirect: "manual" });
    assert.equal(done.status, 200, "no redirect inside the modal");
    assert.match(await done.text(), /parent\.postMessage\(\{"type":"kassa-sandbox-3ds","paymentIntent":"pi_[^"]+","outcome":"succeed"\}/);
    assert.equal((await h.stripe.paymentIntents.retrieve(pi.id)).status, "succeeded");
  });

  it("a failed challenge leaves the intent payable with payment_intent_authentication_failure", async () => {
    await confirm(card("4000002760003184"));
    const failed = await fetch(`${h.sbx.url}/3ds/${pi.id}/fail`, { method: "POST", body: "embedded=1", headers: { "content-type": "application/x-www-form-urlencoded" }, redirect: "manual" });
    assert.match(await failed.text(), /"outcome":"fail"/);
    const read = await browserCall(h, "GET", `/v1/payment_intents/${pi.id}`, { key: PK, client_secret: pi.client_secret! });
    assert.equal(read.body["status"], "requires_payment_method");
    assert.equal((read.body["last_payment_error"] as { code: string }).code, "payment_intent_authentication_failure");
  });

  it("checks card details as Stripe's API does, and declines real (non-test) cards in test mode", async () => {
    const cases: Array<[Record<string, string>, string, string | undefined]> = [
      [card("4242424242424241"), "incorrect_number", undefined],
      [card("4242424242424242", { "payment_method_data[card][exp_year]": "2020" }), "invalid_expiry_year", undefined],
      [card("4242424242424242", { "payment_method_data[card][exp_month]": "13" }), "invalid_expiry_month", undefined],
      [card("4242424242424242", { "payment_method_data[card][cvc]": "12" }), "invalid_cvc", undefined],
      [card("4111111111111111"), "card_declined", "test_mode_live_card"],
    ];
    for (const [fields, code, decline] of cases) {
      const res = await confirm(fields);
      const e = errorOf(res.body);
      assert.equal(res.status, 402, code);
      assert.deepEqual([e.type, e.code, e.decline_code], ["card_error", code, decline]);
    }
    assert.equal((await h.stripe.paymentIntents.retrieve(pi.id)).status, "requires_payment_method", "nothing was charged");
  });

  it("refuses a missing or wrong client_secret, other endpoints, and parameters Stripe does not take", async () => {
    const noSecret = await browserCall(h, "POST", `/v1/payment_intents/${pi.id}/confirm`, { key: PK, ...card("4242424242424242") });
    assert.equal(noSecret.status, 400);
    assert.equal(errorOf(noSecret.body).param, "client_secret");
    const other = await h.stripe.paymentIntents.create({ amount: 5000, currency: "sek" });
    const wrong = await confirm({ ...card("4242424242424242"), client_secret: other.client_secret! });
    assert.equal(wrong.status, 400);
    assert.equal(errorOf(wrong.body).param, "client_secret");
    const create = await browserCall(h, "POST", "/v1/payment_intents", { key: PK, amount: "100", currency: "sek" });
    assert.equal(create.status, 401);
    assert.match(errorOf(create.body).message, /cannot be made with a publishable API key/);
    const bearer = await fetch(`${h.sbx.url}/v1/balance`, { headers: { authorization: `Bearer ${PK}` } });
    assert.equal(bearer.status, 401);
    const extra = await confirm({ ...card("4242424242424242"), amount: "1" });
    assert.equal(errorOf(extra.body).code, "parameter_unknown");
    assert.equal((await h.stripe.paymentIntents.retrieve(pi.id)).status, "requires_payment_method");
  });

  describe("GET /v3: the Stripe.js stand-in", () => {
    it("is JavaScript that defines window.Stripe with the surface react-stripe-js checks for", async () => {
      const res = await fetch(`${h.sbx.url}/v3`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", /^text\/javascript/);
      const { Stripe: StripeJs } = runStandIn(await res.text(), h.sbx.url);
      const stripe = StripeJs(PK);
      for (const fn of ["elements", "confirmPayment", "retrievePaymentIntent", "createToken", "createPaymentMethod", "confirmCardPayment", "_registerWrapper", "registerAppInfo"]) {
        assert.equal(typeof stripe[fn], "function", fn);
      }
      assert.throws(() => StripeJs("sk_test_kassa_sandbox"), /publishable key/);
      const elements = stripe["elements"]!({ clientSecret: pi.client_secret }) as { create(type: string): unknown; submit(): Promise<unknown> };
      assert.throws(() => elements.create("card"), /only the Payment Element/);
      // Objects from the script's own realm: compared by value.
      assert.deepEqual(JSON.parse(JSON.stringify(await elements.submit())), { error: { type: "invalid_request_error", message: "There is no mounted Payment Element to submit." } });
    });

    it("confirms against the sandbox with the client secret and answers {paymentIntent} or {error} as Stripe.js does", async () => {
      const { Stripe: StripeJs } = runStandIn(await (await fetch(`${h.sbx.url}/v3`)).text(), h.sbx.url);
      const stripe = StripeJs(PK) as unknown as {
        confirmPayment(o: unknown): Promise<{ paymentIntent?: Stripe.PaymentIntent; error?: { type: string; code: string; decline_code?: string; payment_intent?: Stripe.PaymentIntent } }>;
        retrievePaymentIntent(cs: string): Promise<{ paymentIntent?: Stripe.PaymentIntent }>;
      };
      const declined = await stripe.confirmPayment({ clientSecret: pi.client_secret, confirmParams: { payment_method: "pm_card_chargeDeclined" }, redirect: "if_required" });
      assert.equal(declined.paymentIntent, undefined);
      assert.deepEqual([declined.error?.type, declined.error?.code, declined.error?.decline_code], ["card_error", "card_declined", "generic_decline"]);
      const paid = await stripe.confirmPayment({ clientSecret: pi.client_secret, confirmParams: { payment_method: "pm_card_visa" }, redirect: "if_required" });
      assert.equal(paid.error, undefined);
      assert.equal(paid.paymentIntent?.status, "succeeded");
      assert.equal((await stripe.retrievePaymentIntent(pi.client_secret!)).paymentIntent?.id, pi.id);
      await assert.rejects(stripe.confirmPayment({ clientSecret: pi.client_secret, confirmParams: {} }), /return_url/);
    });
  });
});

/** Runs the served script as a browser would load it from `origin`, with Node's fetch. */
function runStandIn(code: string, origin: string): { Stripe: (pk: string) => Record<string, (...a: unknown[]) => unknown> } {
  const window: Record<string, unknown> = {};
  const context = vm.createContext({
    window,
    document: { currentScript: { src: `${origin}/v3` } },
    location: { href: "http://127.0.0.1:5173/customer" },
    navigator: { language: "sv-SE" },
    fetch,
    URL,
    URLSearchParams,
    setTimeout,
  });
  vm.runInContext(code, context);
  return { Stripe: window["Stripe"] as (pk: string) => Record<string, (...a: unknown[]) => unknown> };
}
