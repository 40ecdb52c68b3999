/**
 * A Stripe subscription event as the subscription document sees it: which user, plan,
 * status, renewal date and cancellation it records, and that an older event never undoes
 * a newer state (the outcome says which happened).
 */
import assert from "node:assert/strict";
import type { PaymentDeps } from "../../../src/app/payments/payment-deps";
import { applySubscription } from "../../../src/app/payments/subscriptions";
import type { StripeEventRecord } from "../../../src/ports/event-store";
import { FakePaymentsGateway } from "../../fakes/fake-payments-gateway";
import { InMemoryAuditLog } from "../../fakes/in-memory-audit-log";
import { InMemoryMoneyStore } from "../../fakes/in-memory-money-store";
import {
  fixedSettings,
  InMemoryCustomers,
  InMemorySubscriptions,
} from "../../fakes/in-memory-payment-stores";

function setup() {
  const customers = new InMemoryCustomers();
  customers.add("user-1", { stripeCustomerId: "cus_1" });
  const subscriptions = new InMemorySubscriptions();
  const deps: PaymentDeps = {
    audit: new InMemoryAuditLog(),
    money: new InMemoryMoneyStore(),
    gateway: new FakePaymentsGateway(),
    settings: fixedSettings(),
    customers,
    subscriptions,
    clock: { now: () => new Date("2026-11-20T10:00:00Z") },
  };
  const apply = (
    sub: Record<string, unknown>,
    type = "customer.subscription.updated",
    created = 1_795_000_000,
  ) => {
    const event: StripeEventRecord = {
      id: `evt_${created}`,
      type,
      account: null,
      created,
      livemode: false,
      data: { object: sub },
    };
    return applySubscription(deps, event);
  };
  return { subscriptions, apply };
}

describe("applySubscription: the subscription document follows Stripe", () => {
  it("records user, plan, status, period end (from the first item) and customer", async () => {
    const s = setup();
    const out = await s.apply({
      id: "sub_1",
      status: "active",
      customer: "cus_1",
      cancel_at_period_end: false,
      current_period_end: 1_700_000_000,
      items: { data: [{ current_period_end: 1_797_600_000 }, { current_period_end: 1 }] },
      metadata: { planId: "premium", userId: "user-7" },
    });
    assert.deepEqual(out, { result: "processed", note: "subscription sub_1 is active" });
    const { lastEventCreated, ...state } = s.subscriptions.subs.get("sub_1")!;
    assert.equal(lastEventCreated, 1_795_000_000);
    assert.deepEqual(state, {
      id: "sub_1",
      userId: "user-7",
      planId: "premium",
      status: "active",
      cancelAtPeriodEnd: false,
      currentPeriodEnd: 1_797_600_000_000,
      customerId: "cus_1",
    });
  });

  it("an older API shape: the period end on the subscription itself", async () => {
    const s = setup();
    await s.apply({
      id: "sub_1",
      status: "active",
      customer: "cus_1",
      current_period_end: 1_797_000_000,
    });
    assert.equal(s.subscriptions.subs.get("sub_1")?.currentPeriodEnd, 1_797_000_000_000);
    await s.apply(
      {
        id: "sub_1",
        status: "active",
        customer: "cus_1",
        items: { data: [{}] },
        current_period_end: 1_797_100_000,
      },
      "customer.subscription.updated",
      1_795_000_001,
    );
    assert.equal(s.subscriptions.subs.get("sub_1")?.currentPeriodEnd, 1_797_100_000_000);
    await s.apply(
      {
        id: "sub_1",
        status: "active",
        customer: "cus_1",
        items: { data: [] },
        current_period_end: 1_797_200_000,
      },
      "customer.subscription.updated",
      1_795_000_002,
    );
    assert.equal(s.subscriptions.subs.get("sub_1")?.currentPeriodEnd, 1_797_200_000_000);
  });

  it("no period end anywhere is recorded as unknown (null), not as 1970", async () => {
    const s = setup();
    await s.apply({ id: "sub_1", status: "active", customer: "cus_1", items: { data: "x" } });
    assert.equal(s.subscriptions.subs.get("sub_1")?.currentPeriodEnd, null);
  });

  it("finds the user by the Stripe customer (id or expanded) when metadata names none", async () => {
    const s = setup();
    await s.apply({
      id: "sub_1",
      status: "trialing",
      customer: { id: "cus_1" },
      metadata: { userId: 42, planId: 3 },
    });
    const sub = s.subscriptions.subs.get("sub_1")!;
    assert.equal(sub.userId, "user-1");
    assert.equal(sub.customerId, "cus_1");
    assert.equal(sub.planId, null, "a non-string plan id is not a plan");
    assert.equal(sub.status, "trialing");
  });

  it("cancel at period end is recorded only when Stripe says exactly true", async () => {
    const s = setup();
    await s.apply({ id: "sub_1", status: "active", customer: "cus_1", cancel_at_period_end: true });
    assert.equal(s.subscriptions.subs.get("sub_1")?.cancelAtPeriodEnd, true);
    await s.apply(
      { id: "sub_1", status: "active", customer: "cus_1", cancel_at_period_end: "true" },
      "customer.subscription.updated",
      1_795_000_001,
    );
    assert.equal(s.subscriptions.subs.get("sub_1")?.cancelAtPeriodEnd, false);
  });

  it("a deleted subscription is canceled whatever status it carries; a missing status is incomplete", async () => {
    const s = setup();
    await s.apply(
      { id: "sub_1", status: "active", customer: "cus_1" },
      "customer.subscription.deleted",
    );
    assert.equal(s.subscriptions.subs.get("sub_1")?.status, "canceled");
    await s.apply({ id: "sub_2", customer: "cus_1" }, "customer.subscription.created");
    assert.equal(s.subscriptions.subs.get("sub_2")?.status, "incomplete");
  });

  it("an older event than the one applied is ignored and says so", async () => {
    const s = setup();
    await s.apply(
      { id: "sub_1", status: "canceled", customer: "cus_1" },
      "customer.subscription.updated",
      1_795_000_100,
    );
    const out = await s.apply(
      { id: "sub_1", status: "active", customer: "cus_1" },
      "customer.subscription.updated",
      1_795_000_050,
    );
    assert.deepEqual(out, {
      result: "ignored",
      note: "a newer state of subscription sub_1 was already applied",
    });
    assert.equal(s.subscriptions.subs.get("sub_1")?.status, "canceled");
  });

  it("ignores a subscription without an id", async () => {
    const s = setup();
    assert.deepEqual(await s.apply({ status: "active", customer: "cus_1" }), {
      result: "ignored",
      note: "subscription without an id",
    });
    assert.equal(s.subscriptions.subs.size, 0);
  });

  it("fails (so the event is retried) when no Kassa user owns the customer", async () => {
    const s = setup();
    await assert.rejects(
      () => s.apply({ id: "sub_1", status: "active", customer: "cus_unknown" }),
      { message: "subscription sub_1: no Kassa user for customer cus_unknown" },
    );
    await assert.rejects(() => s.apply({ id: "sub_2", status: "active" }), {
      message: "subscription sub_2: no Kassa user for customer null",
    });
    assert.equal(s.subscriptions.subs.size, 0);
  });
});
