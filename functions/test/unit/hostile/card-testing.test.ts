import assert from "node:assert/strict";
import type { CheckoutDeps } from "../../../src/app/checkout/checkout-deps";
import { ATTEMPTS_PER_HOUR } from "../../../src/app/checkout/attempt-quota";
import { createProgramCheckout, createProgramPaymentIntent } from "../../../src/app/checkout/program-checkout";
import { createSubscriptionCheckout } from "../../../src/app/checkout/subscription-checkout";
import { DomainError } from "../../../src/domain/errors";
import { clientIpOf } from "../../../src/triggers/callable";
import { FakePaymentsGateway } from "../../fakes/fake-payments-gateway";
import { InMemoryCheckoutAttempts } from "../../fakes/in-memory-checkout-attempts";
import { fixedSettings, InMemoryCatalogue, InMemoryCustomers } from "../../fakes/in-memory-payment-stores";

/**
 * Issue 14, card testing: anyone can sign up, so one account must not be able to mint
 * PaymentIntents (and client secrets) without limit. Counted for the attacks summary.
 */
export const cardTesting = { tried: 0, refused: 0 };

const attacker = { uid: "attacker", role: "customer" as const, email: "a@x.se", emailVerified: true };

function world() {
  const catalogue = new InMemoryCatalogue();
  for (const id of ["p1", "p2", "p3"]) catalogue.addProgram({ id, coachId: "coach-1" });
  catalogue.coaches.set("coach-1", { stripeAccountId: "acct_coach1", chargesEnabled: true });
  catalogue.plans.set("premium", { id: "premium", title: "Premium", price: { amount: 9900, currency: "sek" }, interval: "month", active: true, priceVersion: 1, stripeProductId: null, stripePriceId: null, stripePriceVersion: null });
  const customers = new InMemoryCustomers();
  for (const uid of ["attacker", "someone-else", "signup-0", "signup-1", "signup-2", "signup-3", "signup-4", "signup-x"]) customers.add(uid);
  const gateway = new FakePaymentsGateway();
  let n = 0;
  let nowMs = Date.parse("2026-11-24T08:00:00Z");
  const deps: CheckoutDeps = { catalogue, customers, settings: fixedSettings(), gateway, ids: { next: (p) => `${p}_${++n}` }, webAppUrl: "http://web.test", attempts: new InMemoryCheckoutAttempts(), clock: { now: () => new Date(nowMs) } };
  return { deps, gateway, tick: (ms: number) => (nowMs += ms) };
}

const limited = (e: unknown) => e instanceof DomainError && e.kind === "rate_limited" && /Too many payment attempts: 10 in the last hour\. You can try again at \d\d:\d\d/.test(e.message);

describe("attacks: card testing through createPaymentIntent / createCheckoutSession", () => {
  after(() => process.stdout.write(`      card-testing calls tried: ${cardTesting.tried}, refused or reused: ${cardTesting.refused}\n`));

  it("an account whose email nobody verified starts no payment of any kind: no Stripe call, no attempt counted", async () => {
    const { deps, gateway } = world();
    const fresh = { uid: "signup-0", role: "customer" as const, email: "throwaway@x.se", emailVerified: false };
    const starts = [
      () => createProgramPaymentIntent(deps, fresh, { programId: "p1" }),
      () => createProgramCheckout(deps, fresh, { programId: "p1" }),
      () => createSubscriptionCheckout(deps, fresh, { planId: "premium" }),
      () => createProgramCheckout(deps, { uid: "signup-1", role: "customer", email: null }, { programId: "p1" }),
    ];
    for (const start of starts) {
      cardTesting.tried++;
      await assert.rejects(start(), (e: unknown) => e instanceof DomainError && e.kind === "precondition" && e.field === "email" && /Confirm your email address/.test(e.message));
      cardTesting.refused++;
    }
    assert.deepEqual(gateway.calls, []);
    assert.equal((await deps.attempts.admit("signup-0", { id: "probe", kind: "checkout", itemId: "p1", at: deps.clock.now().getTime(), stripeId: null, clientSecret: null }, 0, 1)).recent.length, 0, "no attempt was recorded for the unverified account");
  });

  it("500 PaymentIntent calls by one user make at most the hourly quota of PaymentIntents; the rest are refused before Stripe", async () => {
    const { deps, gateway } = world();
    const secrets = new Set<string>();
    let refused = 0;
    for (let i = 0; i < 500; i++) {
      cardTesting.tried++;
      // Each PaymentIntent paid with a test card would leave the open-intent reuse; simulate
      // the attacker's cards being tried so every attempt needs a new intent.
      try {
        const pi = await createProgramPaymentIntent(deps, attacker, { programId: ["p1", "p2", "p3"][i % 3]! });
        secrets.add(pi.clientSecret);
        const p = gateway.payments.get(pi.paymentIntentId)!;
        gateway.payments.set(pi.paymentIntentId, { ...p, status: "canceled" });
      } catch (e) {
        assert.ok(limited(e), String(e));
        refused++;
        cardTesting.refused++;
      }
    }
    assert.equal(gateway.count("createPaymentIntent"), ATTEMPTS_PER_HOUR);
    assert.equal(secrets.size, ATTEMPTS_PER_HOUR, "client secrets handed out");
    assert.equal(refused, 500 - ATTEMPTS_PER_HOUR);
  });

  it("the same form opened again gives back the open PaymentIntent instead of a new one", async () => {
    const { deps, gateway } = world();
    const first = await createProgramPaymentIntent(deps, attacker, { programId: "p1" });
    for (let i = 0; i < 50; i++) {
      cardTesting.tried++;
      const again = await createProgramPaymentIntent(deps, attacker, { programId: "p1" });
      assert.equal(again.paymentIntentId, first.paymentIntentId);
      assert.equal(again.clientSecret, first.clientSecret);
      cardTesting.refused++;
    }
    assert.equal(gateway.count("createPaymentIntent"), 1);
  });

  it("a price changed since the open intent was made gets a new intent at the new price, not the old one", async () => {
    const { deps, gateway } = world();
    const first = await createProgramPaymentIntent(deps, attacker, { programId: "p1" });
    const program = (await deps.catalogue.getProgram("p1"))!;
    (deps.catalogue as InMemoryCatalogue).addProgram({ ...program, price: { amount: 59900, currency: "sek" }, priceVersion: 2 });
    const second = await createProgramPaymentIntent(deps, attacker, { programId: "p1" });
    assert.notEqual(second.paymentIntentId, first.paymentIntentId);
    assert.deepEqual([second.amount, gateway.payments.get(second.paymentIntentId)?.amount.amount], [59900, 59900]);
  });

  it("an open intent is handed back only for its own program", async () => {
    const { deps, gateway } = world();
    const p1 = await createProgramPaymentIntent(deps, attacker, { programId: "p1" });
    const p2 = await createProgramPaymentIntent(deps, attacker, { programId: "p2" });
    assert.notEqual(p2.paymentIntentId, p1.paymentIntentId, "another program is another intent");
    assert.equal((await createProgramPaymentIntent(deps, attacker, { programId: "p1" })).paymentIntentId, p1.paymentIntentId);
    assert.equal((await createProgramPaymentIntent(deps, attacker, { programId: "p2" })).paymentIntentId, p2.paymentIntentId);
    assert.equal(gateway.count("createPaymentIntent"), 2);
  });

  it("callers whose address is unknown do not share one address quota", async () => {
    const { deps, gateway } = world();
    for (let a = 0; a < 5; a++) {
      for (let i = 0; i < ATTEMPTS_PER_HOUR; i++) await createProgramCheckout(deps, { uid: `signup-${a}`, role: "customer", email: null, emailVerified: true, ip: null }, { programId: "p1" });
    }
    assert.equal(gateway.count("createCheckoutSession"), 5 * ATTEMPTS_PER_HOUR, "50 attempts by 5 users, beyond the 30 one address may make");
  });

  it("the refusal says when the oldest attempt of the hour leaves the window, in Stockholm time", async () => {
    const { deps, tick } = world(); // 2026-11-24 08:00 UTC = 09:00 in Stockholm
    await createProgramCheckout(deps, attacker, { programId: "p1" });
    tick(10 * 60_000);
    for (let i = 1; i < ATTEMPTS_PER_HOUR; i++) await createProgramCheckout(deps, attacker, { programId: "p1" });
    await assert.rejects(createProgramCheckout(deps, attacker, { programId: "p1" }), (e: unknown) => {
      assert.ok(e instanceof DomainError);
      assert.match(e.message, /try again at 10:00 \(Stockholm time\)/);
      assert.equal(e.details?.["retryAfterMs"], Date.parse("2026-11-24T09:00:00Z"));
      return true;
    });
  });

  it("a paid intent is not handed out again: the next purchase of the item gets a new one", async () => {
    const { deps, gateway } = world();
    const first = await createProgramPaymentIntent(deps, attacker, { programId: "p1" });
    gateway.payments.set(first.paymentIntentId, { ...gateway.payments.get(first.paymentIntentId)!, status: "succeeded" });
    const second = await createProgramPaymentIntent(deps, attacker, { programId: "p1" });
    assert.notEqual(second.paymentIntentId, first.paymentIntentId);
  });

  it("Checkout Sessions (programs and premium) share the quota, and an hour later the user may buy again", async () => {
    const { deps, gateway, tick } = world();
    for (let i = 0; i < ATTEMPTS_PER_HOUR; i++) await createProgramCheckout(deps, attacker, { programId: "p1" });
    for (const attempt of [() => createProgramCheckout(deps, attacker, { programId: "p2" }), () => createSubscriptionCheckout(deps, attacker, { planId: "premium" }), () => createProgramPaymentIntent(deps, attacker, { programId: "p3" })]) {
      cardTesting.tried++;
      await assert.rejects(attempt(), limited);
      cardTesting.refused++;
    }
    assert.equal(gateway.count("createCheckoutSession"), ATTEMPTS_PER_HOUR);
    assert.equal(gateway.count("createPaymentIntent"), 0);
    const other = await createProgramCheckout(deps, { uid: "someone-else", role: "customer", email: null, emailVerified: true }, { programId: "p1" });
    assert.ok(other.sessionId, "another customer is not held back by the attacker");
    tick(60 * 60_000 + 1);
    assert.ok((await createProgramCheckout(deps, attacker, { programId: "p2" })).sessionId);
  });

  it("bad input is refused before it uses up the quota", async () => {
    const { deps } = world();
    for (let i = 0; i < 30; i++) await assert.rejects(createProgramCheckout(deps, attacker, { programId: "no-such-program" }), (e: unknown) => e instanceof DomainError && e.kind === "not_found");
    assert.ok((await createProgramCheckout(deps, attacker, { programId: "p1" })).sessionId);
  });
  it("many accounts from one address share that address's allowance (30 an hour), kept as a hash", async () => {
    const { deps, gateway } = world();
    let admitted = 0;
    for (let a = 0; a < 5; a++) {
      const account = { uid: `signup-${a}`, role: "customer" as const, email: null, emailVerified: true, ip: "203.0.113.9" };
      for (let i = 0; i < 10; i++) {
        cardTesting.tried++;
        try {
          await createProgramCheckout(deps, account, { programId: "p1" });
          admitted++;
        } catch (e) {
          assert.ok(e instanceof DomainError && e.kind === "rate_limited" && /from your network/.test(e.message), String(e));
          cardTesting.refused++;
        }
      }
    }
    assert.equal(admitted, 30);
    assert.equal(gateway.count("createCheckoutSession"), 30);
    const keys = [...(deps.attempts as InMemoryCheckoutAttempts).byUser.keys()];
    assert.ok(keys.some((k) => /^ip_[0-9a-f]{32}$/.test(k)) && !keys.some((k) => k.includes("203.0.113.9")), "the address itself is not stored");
    const elsewhere = { uid: "signup-x", role: "customer" as const, email: null, emailVerified: true, ip: "198.51.100.7" };
    assert.ok((await createProgramCheckout(deps, elsewhere, { programId: "p1" })).sessionId, "another address is not held back");
  });
});

describe("the client address a per-address quota counts", () => {
  it("is the entry Google's front end added (second from the right), never what the client wrote before it", () => {
    assert.equal(clientIpOf({ "x-forwarded-for": "77.234.44.175, 66.102.8.142" }), "77.234.44.175");
    assert.equal(clientIpOf({ "x-forwarded-for": "1.2.3.4, 77.234.44.175, 66.102.8.142" }), "77.234.44.175", "a spoofed first entry is ignored");
  });

  it("is unknown without a proxy entry (the emulator, a direct call): then only the per-user quota applies", () => {
    assert.equal(clientIpOf({}), null);
    assert.equal(clientIpOf({ "x-forwarded-for": "9.9.9.9" }), null);
    assert.equal(clientIpOf(undefined), null);
  });
});
