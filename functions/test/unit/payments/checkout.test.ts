import assert from "node:assert/strict";
import fc from "fast-check";
import {
  createProgramCheckout,
  createProgramPaymentIntent,
} from "../../../src/app/checkout/program-checkout";
import { createSubscriptionCheckout } from "../../../src/app/checkout/subscription-checkout";
import type { CheckoutDeps } from "../../../src/app/checkout/checkout-deps";
import { DomainError } from "../../../src/domain/errors";
import { FakePaymentsGateway } from "../../fakes/fake-payments-gateway";
import {
  fixedSettings,
  InMemoryCatalogue,
  InMemoryCustomers,
} from "../../fakes/in-memory-payment-stores";
import { InMemoryCheckoutAttempts } from "../../fakes/in-memory-checkout-attempts";

const customer = { uid: "user-1", role: "customer" as const, email: "user-1@kassa.test", emailVerified: true };

function setup() {
  const catalogue = new InMemoryCatalogue();
  catalogue.addProgram({ id: "p1", coachId: "coach-1" });
  catalogue.coaches.set("coach-1", { stripeAccountId: "acct_coach1", chargesEnabled: true });
  catalogue.plans.set("premium", {
    id: "premium",
    title: "Premium",
    price: { amount: 9900, currency: "sek" },
    interval: "month",
    active: true,
    priceVersion: 1,
    stripeProductId: null,
    stripePriceId: null,
    stripePriceVersion: null,
  });
  const customers = new InMemoryCustomers();
  customers.add("user-1");
  customers.add("coach-1");
  const gateway = new FakePaymentsGateway();
  let n = 0;
  let nowMs = Date.parse("2026-11-24T08:00:00Z");
  const deps: CheckoutDeps = {
    catalogue,
    customers,
    settings: fixedSettings(),
    gateway,
    ids: { next: (p) => `${p}_${++n}` },
    webAppUrl: "http://web.test",
    attempts: new InMemoryCheckoutAttempts(),
    clock: { now: () => new Date(nowMs) },
  };
  return { deps, catalogue, customers, gateway, tick: (ms: number) => (nowMs += ms) };
}

const kindOf = (kind: string, field?: string) => (e: unknown) => {
  assert.ok(e instanceof DomainError, String(e));
  assert.equal(e.kind, kind);
  if (field) assert.equal(e.field, field);
  return true;
};

describe("program checkout", () => {
  it("charges the catalogue price with the 20 % fee as application fee to the coach's account", async () => {
    const { deps, gateway } = setup();
    const result = await createProgramCheckout(deps, customer, { programId: "p1" });
    assert.match(result.url, /^https:\/\/checkout\.test\/cs_/);
    const req = gateway.checkouts[0]!;
    assert.equal(req.mode, "payment");
    assert.deepEqual(req.destination, { accountId: "acct_coach1", applicationFeeAmount: 9980 });
    assert.equal(req.metadata["coachId"], "coach-1");
    assert.equal(req.metadata["userId"], "user-1");
    assert.match(req.idempotencyKey, /^checkout:co_\d+$/);
    assert.match(
      req.successUrl,
      /^http:\/\/web\.test\/customer\/purchases\?checkout=success&session=\{CHECKOUT_SESSION_ID\}$/,
    );
  });

  it("uses the fee from settings", async () => {
    const { deps, gateway } = setup();
    deps.settings = fixedSettings({ feeBps: 1500 });
    await createProgramCheckout(deps, customer, { programId: "p1" });
    assert.equal(gateway.checkouts[0]!.destination?.applicationFeeAmount, 7485);
  });

  it("mirrors the program to one Stripe price and reuses it", async () => {
    const { deps, gateway, catalogue } = setup();
    await createProgramCheckout(deps, customer, { programId: "p1" });
    await createProgramCheckout(deps, customer, { programId: "p1" });
    assert.equal(gateway.count("createProductWithPrice"), 1);
    assert.equal(catalogue.programs.get("p1")?.stripePriceVersion, 1);
  });

  it("creates one Stripe customer per user, even for racing calls", async () => {
    const { deps, gateway, customers } = setup();
    await Promise.all([
      createProgramCheckout(deps, customer, { programId: "p1" }),
      createProgramCheckout(deps, customer, { programId: "p1" }),
    ]);
    const ids = new Set(gateway.checkouts.map((c) => c.customerId));
    assert.equal(ids.size, 1);
    assert.equal(customers.users.get("user-1")?.stripeCustomerId, [...ids][0]);
  });

  const refusals: [
    string,
    (s: ReturnType<typeof setup>) => void,
    { programId: string },
    string,
    string,
  ][] = [
    ["an unknown program", () => undefined, { programId: "nope" }, "not_found", "programId"],
    [
      "an inactive program",
      (s) => void (s.catalogue.programs.get("p1")!.active = false),
      { programId: "p1" },
      "precondition",
      "programId",
    ],
    [
      "a coach who cannot take charges yet",
      (s) =>
        s.catalogue.coaches.set("coach-1", { stripeAccountId: "acct_x", chargesEnabled: false }),
      { programId: "p1" },
      "precondition",
      "programId",
    ],
    [
      "a coach with no Stripe account",
      (s) => s.catalogue.coaches.delete("coach-1"),
      { programId: "p1" },
      "precondition",
      "programId",
    ],
  ];
  for (const [what, arrange, input, kind, field] of refusals) {
    it(`refuses ${what} without calling Stripe`, async () => {
      const s = setup();
      arrange(s);
      await assert.rejects(createProgramCheckout(s.deps, customer, input), kindOf(kind, field));
      assert.equal(s.gateway.calls.length, 0);
    });
  }

  it("refuses a coach buying their own program", async () => {
    const s = setup();
    await assert.rejects(
      createProgramCheckout(
        s.deps,
        { uid: "coach-1", role: "coach", email: null, emailVerified: true },
        { programId: "p1" },
      ),
      kindOf("precondition", "programId"),
    );
    assert.equal(s.gateway.calls.length, 0);
  });

  it("refuses a caller without a role", async () => {
    const s = setup();
    await assert.rejects(
      createProgramCheckout(s.deps, { uid: "x", role: null, email: null }, { programId: "p1" }),
      kindOf("permission"),
    );
  });

  it("the application fee is the catalogue price's fee for any price and fee (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        async (amount, bps) => {
          const s = setup();
          s.catalogue.programs.get("p1")!.price = { amount, currency: "sek" };
          s.deps.settings = fixedSettings({ feeBps: bps });
          await createProgramCheckout(s.deps, customer, { programId: "p1" });
          const fee = s.gateway.checkouts[0]!.destination!.applicationFeeAmount;
          assert.ok(Number.isInteger(fee) && fee >= 0 && fee <= amount);
          assert.ok(Math.abs(fee - (amount * bps) / 10000) <= 0.5);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("in-app card form: a payment intent with the same pricing", async () => {
    const { deps } = setup();
    const r = await createProgramPaymentIntent(deps, customer, { programId: "p1" });
    assert.equal(r.amount, 49900);
    assert.equal(r.currency, "sek");
    assert.match(r.clientSecret, /_secret$/);
  });
});

describe("subscription checkout", () => {
  it("subscribes on the platform account with no destination", async () => {
    const { deps, gateway } = setup();
    await createSubscriptionCheckout(deps, customer, { planId: "premium" });
    const req = gateway.checkouts[0]!;
    assert.equal(req.mode, "subscription");
    assert.equal(req.destination, undefined);
    assert.equal(req.metadata["userId"], "user-1");
  });

  it("refuses a second premium subscription", async () => {
    const { deps, customers, gateway } = setup();
    customers.users.get("user-1")!.premium = { status: "active", subscriptionId: "sub_1" };
    await assert.rejects(
      createSubscriptionCheckout(deps, customer, { planId: "premium" }),
      kindOf("conflict"),
    );
    assert.equal(gateway.count("createCheckoutSession"), 0);
  });
});
