/**
 * Premium in the app's card form (createSubscriptionIntent) and the Checkout return's lookup
 * (checkoutReturn): what Kassa asks of Stripe, what the browser gets, and who may ask.
 */
import assert from "node:assert/strict";
import type { Caller } from "../../../src/app/caller";
import type { CheckoutDeps } from "../../../src/app/checkout/checkout-deps";
import { checkoutReturn } from "../../../src/app/checkout/checkout-return";
import { createSubscriptionIntent } from "../../../src/app/checkout/subscription-intent";
import { DomainError } from "../../../src/domain/errors";
import { FakePaymentsGateway } from "../../fakes/fake-payments-gateway";
import { InMemoryCheckoutAttempts } from "../../fakes/in-memory-checkout-attempts";
import { fixedSettings, InMemoryCatalogue, InMemoryCustomers } from "../../fakes/in-memory-payment-stores";

const NOW = Date.parse("2026-11-24T08:00:00Z");

function setup() {
  const catalogue = new InMemoryCatalogue();
  catalogue.plans.set("premium", {
    id: "premium",
    title: "Premium",
    price: { amount: 9900, currency: "sek" },
    interval: "month",
    active: true,
    priceVersion: 1,
    stripeProductId: "prod_premium",
    stripePriceId: "price_premium",
    stripePriceVersion: 1,
  });
  const customers = new InMemoryCustomers();
  const gateway = new FakePaymentsGateway();
  let n = 0;
  const deps: Omit<CheckoutDeps, "webAppUrl"> = {
    catalogue,
    customers,
    settings: fixedSettings(),
    gateway,
    ids: { next: (p) => `${p}_${++n}` },
    attempts: new InMemoryCheckoutAttempts(),
    clock: { now: () => new Date(NOW) },
  };
  return { deps, customers, gateway };
}

const customer = (uid = "user-1"): Caller => ({ uid, role: "customer", email: `${uid}@kassa.test`, emailVerified: true });

describe("createSubscriptionIntent", () => {
  it("creates a default_incomplete subscription keyed by the attempt and returns its first invoice's client secret", async () => {
    const s = setup();
    s.customers.add("user-1", { stripeCustomerId: "cus_1" });
    const out = await createSubscriptionIntent(s.deps, customer(), { planId: "premium" });
    assert.deepEqual(s.gateway.subscriptions, [
      {
        idempotencyKey: "subscription:sb_1",
        customerId: "cus_1",
        priceId: "price_premium",
        description: "Premium",
        metadata: { kassaKind: "subscription", kassaAttemptId: "sb_1", planId: "premium", userId: "user-1" },
      },
    ]);
    assert.deepEqual(out, { paymentIntentId: "pi_2", clientSecret: "pi_2_secret_x", amount: 9900, currency: "sek" });
  });

  it("opened again, continues the same unpaid first invoice instead of a second subscription", async () => {
    const s = setup();
    s.customers.add("user-1", { stripeCustomerId: "cus_1" });
    const first = await createSubscriptionIntent(s.deps, customer(), { planId: "premium" });
    const again = await createSubscriptionIntent(s.deps, customer(), { planId: "premium" });
    assert.deepEqual(again, first);
    assert.equal(s.gateway.subscriptions.length, 1);
  });

  it("refuses someone who already has premium, naming the plan", async () => {
    const s = setup();
    s.customers.add("user-1", { stripeCustomerId: "cus_1", premium: { subscriptionId: "sub_0", status: "active" } });
    await assert.rejects(createSubscriptionIntent(s.deps, customer(), { planId: "premium" }), (e: unknown) => e instanceof DomainError && e.kind === "conflict" && e.field === "planId");
    assert.equal(s.gateway.subscriptions.length, 0);
  });

  it("refuses an unknown plan and a signed-out caller", async () => {
    const s = setup();
    await assert.rejects(createSubscriptionIntent(s.deps, customer(), { planId: "gold" }), (e: unknown) => e instanceof DomainError && e.kind === "not_found" && e.field === "planId");
    await assert.rejects(createSubscriptionIntent(s.deps, { ...customer(), role: null }, { planId: "premium" }), DomainError);
  });
});

describe("checkoutReturn", () => {
  const session = { id: "cs_1", status: "complete", paymentStatus: "paid", mode: "payment", clientReferenceId: "user-1", paymentIntentId: "pi_9", subscriptionId: null, invoiceId: null, created: 1_700_000_000 };

  it("names the payment a paid session made, for its own customer only", async () => {
    const s = setup();
    s.gateway.sessions.set("cs_1", session);
    assert.deepEqual(await checkoutReturn(s.deps, customer(), { sessionId: "cs_1" }), { state: "paid", kind: "program", paymentIntentId: "pi_9", subscriptionId: null, createdAt: 1_700_000_000_000 });
    assert.deepEqual(await checkoutReturn(s.deps, customer("user-2"), { sessionId: "cs_1" }), { state: "unknown" });
    assert.deepEqual(await checkoutReturn(s.deps, customer(), { sessionId: "cs_none" }), { state: "unknown" });
  });

  it("says not_paid for a session left open or expired, and names a subscription's id", async () => {
    const s = setup();
    s.gateway.sessions.set("cs_2", { ...session, id: "cs_2", status: "open", paymentStatus: "unpaid", mode: "subscription", paymentIntentId: null, subscriptionId: null });
    s.gateway.sessions.set("cs_3", { ...session, id: "cs_3", mode: "subscription", paymentIntentId: null, subscriptionId: "sub_7" });
    assert.equal((await checkoutReturn(s.deps, customer(), { sessionId: "cs_2" })).state, "not_paid");
    const sub = await checkoutReturn(s.deps, customer(), { sessionId: "cs_3" });
    assert.ok(sub.state === "paid" && sub.kind === "subscription" && sub.subscriptionId === "sub_7");
  });
});
