/**
 * Subscribing to premium, as the subscriber and Stripe see it: the Checkout Session Kassa asks
 * for (mode, customer, price, URLs, metadata, idempotency key), who may subscribe, and the
 * errors (kind, field, message) for a missing, withdrawn or already held plan.
 */
import assert from "node:assert/strict";
import type { Caller } from "../../../src/app/caller";
import type { CheckoutDeps } from "../../../src/app/checkout/checkout-deps";
import { createSubscriptionCheckout } from "../../../src/app/checkout/subscription-checkout";
import type { Role } from "../../../src/domain/roles";
import { DomainError } from "../../../src/domain/errors";
import { FakePaymentsGateway } from "../../fakes/fake-payments-gateway";
import { InMemoryCheckoutAttempts } from "../../fakes/in-memory-checkout-attempts";
import {
  fixedSettings,
  InMemoryCatalogue,
  InMemoryCustomers,
} from "../../fakes/in-memory-payment-stores";

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
  const attempts = new InMemoryCheckoutAttempts();
  let n = 0;
  const deps: CheckoutDeps = {
    catalogue,
    customers,
    settings: fixedSettings(),
    gateway,
    ids: { next: (p) => `${p}_${++n}` },
    webAppUrl: "http://web.test",
    attempts,
    clock: { now: () => new Date(NOW) },
  };
  return { deps, catalogue, customers, gateway, attempts };
}

const as = (role: Role | null, uid = "user-1"): Caller => ({
  uid,
  role,
  email: `${uid}@kassa.test`,
  emailVerified: true,
});

async function refusedWith(
  p: Promise<unknown>,
  kind: string,
  field: string | undefined,
  message: string,
) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof DomainError, String(e));
    assert.equal(e.kind, kind);
    assert.equal(e.field, field);
    assert.equal(e.message, message);
    return true;
  });
}

describe("createSubscriptionCheckout", () => {
  it("asks Stripe for a subscription session on the platform account, keyed by the attempt", async () => {
    const s = setup();
    s.customers.add("user-1", { stripeCustomerId: "cus_1" });
    const out = await createSubscriptionCheckout(s.deps, as("customer"), { planId: "premium" });
    assert.deepEqual(s.gateway.checkouts, [
      {
        idempotencyKey: "checkout:co_1",
        mode: "subscription",
        customerId: "cus_1",
        priceId: "price_premium",
        clientReferenceId: "user-1",
        description: "Premium",
        successUrl:
          "http://web.test/customer/purchases?checkout=success&session={CHECKOUT_SESSION_ID}",
        cancelUrl: "http://web.test/customer?checkout=cancelled",
        metadata: {
          kassaKind: "subscription",
          kassaAttemptId: "co_1",
          planId: "premium",
          userId: "user-1",
        },
      },
    ]);
    assert.deepEqual(out, {
      sessionId: out.sessionId,
      url: `https://checkout.test/${out.sessionId}`,
    });
    assert.match(out.sessionId, /^cs_/);
    const recorded = s.attempts.byUser.get("user-1") ?? [];
    assert.deepEqual(
      recorded.map((a) => [a.id, a.kind, a.itemId, a.at]),
      [["co_1", "checkout", "premium", NOW]],
      "the attempt counts towards the card-testing quota",
    );
  });

  it("a customer without a Stripe customer gets one first", async () => {
    const s = setup();
    s.customers.add("user-1");
    await createSubscriptionCheckout(s.deps, as("customer"), { planId: "premium" });
    assert.equal(s.gateway.count("createCustomer"), 1);
    assert.equal(
      s.gateway.checkouts[0]?.customerId,
      s.customers.users.get("user-1")?.stripeCustomerId,
    );
  });

  it("a plan whose price changed gets a new monthly Stripe price, kept on the plan", async () => {
    const s = setup();
    s.customers.add("user-1", { stripeCustomerId: "cus_1" });
    s.catalogue.plans.set("premium", { ...s.catalogue.plans.get("premium")!, priceVersion: 2 });
    await createSubscriptionCheckout(s.deps, as("customer"), { planId: "premium" });
    assert.deepEqual(
      s.gateway.calls.find((c) => c.method === "createProductWithPrice"),
      { method: "createProductWithPrice", key: "plan:premium:v2" },
    );
    const plan = s.catalogue.plans.get("premium")!;
    assert.equal(plan.stripePriceVersion, 2);
    assert.equal(s.gateway.checkouts[0]?.priceId, plan.stripePriceId);
  });

  it("a user whose profile is not set up is told so, not given an internal error", async () => {
    const s = setup();
    await refusedWith(
      createSubscriptionCheckout(s.deps, as("customer"), { planId: "premium" }),
      "precondition",
      undefined,
      "Your profile is not set up yet; sign out and in again.",
    );
    assert.equal(s.gateway.checkouts.length, 0);
  });

  for (const role of ["customer", "coach", "admin", "accountant"] as const)
    it(`a signed-in ${role} may subscribe`, async () => {
      const s = setup();
      s.customers.add("user-1", { stripeCustomerId: "cus_1" });
      await createSubscriptionCheckout(s.deps, as(role), { planId: "premium" });
      assert.equal(s.gateway.checkouts.length, 1);
    });

  it("someone without a role is refused before anything is read or asked", async () => {
    const s = setup();
    await refusedWith(
      createSubscriptionCheckout(s.deps, as(null), { planId: "premium" }),
      "permission",
      undefined,
      "This needs the customer or coach or admin or accountant role.",
    );
    assert.deepEqual(s.gateway.calls, []);
  });

  it("refuses a plan that does not exist or is no longer offered, naming planId", async () => {
    const s = setup();
    s.customers.add("user-1", { stripeCustomerId: "cus_1" });
    await refusedWith(
      createSubscriptionCheckout(s.deps, as("customer"), { planId: "gold" }),
      "not_found",
      "planId",
      "planId: no plan gold",
    );
    s.catalogue.plans.set("premium", { ...s.catalogue.plans.get("premium")!, active: false });
    await refusedWith(
      createSubscriptionCheckout(s.deps, as("customer"), { planId: "premium" }),
      "precondition",
      "planId",
      "planId: this plan is not offered any more",
    );
    assert.deepEqual(s.gateway.calls, []);
    assert.equal(s.attempts.byUser.size, 0);
  });

  for (const status of ["active", "trialing", "past_due"])
    it(`refuses a second subscription while premium is ${status}`, async () => {
      const s = setup();
      s.customers.add("user-1", {
        stripeCustomerId: "cus_1",
        premium: { status, subscriptionId: "sub_1" },
      });
      await refusedWith(
        createSubscriptionCheckout(s.deps, as("customer"), { planId: "premium" }),
        "conflict",
        "planId",
        "You already have premium; manage it under Subscription.",
      );
      assert.deepEqual(s.gateway.calls, []);
    });

  for (const status of ["canceled", "incomplete_expired", "unpaid"])
    it(`premium that is ${status} may subscribe again`, async () => {
      const s = setup();
      s.customers.add("user-1", {
        stripeCustomerId: "cus_1",
        premium: { status, subscriptionId: "sub_1" },
      });
      await createSubscriptionCheckout(s.deps, as("customer"), { planId: "premium" });
      assert.equal(s.gateway.checkouts.length, 1);
    });

  it("over the attempt quota nothing is asked of Stripe", async () => {
    const s = setup();
    s.customers.add("user-1", { stripeCustomerId: "cus_1" });
    s.deps.attemptsPerHour = 1;
    await createSubscriptionCheckout(s.deps, as("customer"), { planId: "premium" });
    await assert.rejects(
      createSubscriptionCheckout(s.deps, as("customer"), { planId: "premium" }),
      (e: unknown) => e instanceof DomainError && e.kind === "rate_limited",
    );
    assert.equal(s.gateway.checkouts.length, 1);
  });
});
