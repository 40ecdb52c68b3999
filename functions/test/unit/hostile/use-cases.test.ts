/**
 * Hostile input that gets past the schemas (well-typed but wrong: other people's ids, ids
 * that do not exist, amounts beyond what is there, roles that may not act) runs through the
 * real use cases with in-memory fakes. Each must be refused with a DomainError naming the
 * field, write nothing and make no Stripe call that changes anything.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { saveProgram } from "../../../src/app/catalogue/save-program";
import { createProgramCheckout, createProgramPaymentIntent } from "../../../src/app/checkout/program-checkout";
import { InMemoryAuditLog } from "../../fakes/in-memory-audit-log";
import { InMemoryApprovals, noDualControl } from "../../fakes/in-memory-approvals";
import { InMemoryCheckoutAttempts } from "../../fakes/in-memory-checkout-attempts";
import type { CheckoutDeps } from "../../../src/app/checkout/checkout-deps";
import { cancelSubscriptionAtPeriodEnd, refundPayment, type RefundDeps } from "../../../src/app/payments/refund-payment";
import { approvePayout, cancelPayoutRequest, rejectPayout, requestPayout, retryPayout } from "../../../src/app/payouts/payout-requests";
import { setUserRole } from "../../../src/app/set-user-role";
import type { Caller } from "../../../src/app/caller";
import { DomainError } from "../../../src/domain/errors";
import type { Role } from "../../../src/domain/roles";
import { FakePaymentsGateway } from "../../fakes/fake-payments-gateway";
import { FakeUserDirectory, fixedClock } from "../../fakes/fake-user-directory";
import { InMemoryMoneyStore } from "../../fakes/in-memory-money-store";
import { fixedSettings, InMemoryCatalogue, InMemoryCustomers, InMemorySubscriptions } from "../../fakes/in-memory-payment-stores";
import { DAY, T0, onboard, sale, world } from "../payouts/world";

const RUNS = 60;
let tried = 0;

const callerArb = (roles: readonly (Role | null)[], uids = ["user-1", "coach-1", "coach-2", "intruder", "admin-1"]) =>
  fc.record({ uid: fc.constantFrom(...uids), role: fc.constantFrom(...roles), email: fc.constant(null), emailVerified: fc.constant(true) }) as fc.Arbitrary<Caller>;
const anyId = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/), fc.constantFrom("pi_1", "coach-2", "rq-coach-2-1"));

/** Asserts a DomainError of one of `kinds` that names `field` (when given). */
async function refused(p: Promise<unknown>, kinds: string[], field?: string | string[]): Promise<DomainError> {
  tried++;
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof DomainError, `expected a DomainError, got ${String(e)}`);
    assert.ok(kinds.includes(e.kind), `${e.kind}: ${e.message}`);
    if (field) assert.ok((Array.isArray(field) ? field : [field]).includes(e.field ?? ""), `field ${e.field} (${e.message})`);
    return e;
  }
  assert.fail("a hostile call was accepted");
}

function payments() {
  const money = new InMemoryMoneyStore();
  const gateway = new FakePaymentsGateway();
  const subscriptions = new InMemorySubscriptions();
  const customers = new InMemoryCustomers();
  customers.add("user-1", { stripeCustomerId: "cus_1" });
  const deps: RefundDeps = { money, gateway, settings: fixedSettings(), customers, subscriptions, clock: { now: () => new Date(T0) }, audit: new InMemoryAuditLog(), approvals: new InMemoryApprovals(), dualControl: noDualControl };
  return { money, gateway, subscriptions, deps };
}

async function withPayment(s: ReturnType<typeof payments>) {
  await s.money.transact(async (tx) => {
    tx.setPayment({
      id: "pi_1",
      kind: "program",
      userId: "user-1",
      coachId: "coach-1",
      programId: "p1",
      subscriptionId: null,
      invoiceId: null,
      description: "Mindful Mornings",
      amount: 49900,
      currency: "sek",
      date: T0,
      status: "succeeded",
      stripePaymentId: "pi_1",
      stripeChargeId: null,
      feeAmount: 9980,
      coachAmount: 39920,
      stripeFee: 0,
      refundedAmount: 0,
      availableOn: T0 + 7 * DAY,
      entryIds: [],
      refundRequests: 0,
      holdReleased: false,
      day: "2026-01-12",
      updatedAt: T0,
    });
  });
  return { writes: s.money.writes, before: structuredClone([...s.money.payments]) };
}

describe("hostile input: use cases with fakes", function () {
  this.timeout(60_000);

  it("refundPayment: anyone but an admin is refused, whatever the payment", async () => {
    const s = payments();
    const { writes, before } = await withPayment(s);
    await fc.assert(
      fc.asyncProperty(callerArb(["customer", "coach", "accountant", null]), anyId, fc.option(fc.integer({ min: 1, max: 49900 }), { nil: undefined }), async (caller, paymentId, amount) => {
        await refused(refundPayment(s.deps, caller, { paymentId, amount, reason: "requested_by_customer", requestId: "req-12345678" }), ["permission"]);
      }),
      { numRuns: RUNS },
    );
    assert.equal(s.money.writes, writes);
    assert.deepEqual([...s.money.payments], before);
    assert.deepEqual(s.gateway.calls, []);
  });

  it("refundPayment: an admin naming a missing payment or more than is left gets the field named", async () => {
    const s = payments();
    const { writes, before } = await withPayment(s);
    const admin: Caller = { uid: "admin-1", role: "admin", email: null };
    await fc.assert(
      fc.asyncProperty(anyId.filter((id) => id !== "pi_1"), async (paymentId) => {
        await refused(refundPayment(s.deps, admin, { paymentId, reason: "duplicate", requestId: "req-12345678" }), ["not_found"], "paymentId");
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 49901, max: 100_000_000 }), fc.string({ minLength: 8, maxLength: 64 }), async (amount, requestId) => {
        await refused(refundPayment(s.deps, admin, { paymentId: "pi_1", amount, reason: "fraudulent", requestId }), ["invalid_input"], "amount");
      }),
      { numRuns: RUNS },
    );
    assert.equal(s.money.writes, writes);
    assert.deepEqual([...s.money.payments], before);
    assert.deepEqual(s.gateway.calls, []);
  });

  it("cancelSubscription: another user's or a missing subscription is refused, Stripe untouched", async () => {
    const s = payments();
    s.subscriptions.subs.set("sub_1", { id: "sub_1", userId: "user-1", planId: "premium", status: "active", cancelAtPeriodEnd: false, currentPeriodEnd: null, customerId: "cus_1", lastEventCreated: 1 });
    await fc.assert(
      fc.asyncProperty(callerArb(["customer", "coach", "accountant", null], ["coach-1", "intruder", "user-2"]), fc.boolean(), async (caller, cancel) => {
        await refused(cancelSubscriptionAtPeriodEnd(s.deps, caller, { subscriptionId: "sub_1", cancel }), ["permission"], "subscriptionId");
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(callerArb(["customer", "admin"]), anyId.filter((id) => id !== "sub_1"), async (caller, subscriptionId) => {
        await refused(cancelSubscriptionAtPeriodEnd(s.deps, caller, { subscriptionId, cancel: true }), ["not_found"], "subscriptionId");
      }),
      { numRuns: RUNS },
    );
    assert.equal(s.subscriptions.subs.get("sub_1")!.cancelAtPeriodEnd, false);
    assert.deepEqual(s.gateway.calls, []);
  });

  it("checkout: a program that does not exist (or any id at all) never reaches Stripe", async () => {
    const catalogue = new InMemoryCatalogue();
    catalogue.addProgram({ id: "p1", coachId: "coach-1" });
    catalogue.coaches.set("coach-1", { stripeAccountId: "acct_coach1", chargesEnabled: true });
    const customers = new InMemoryCustomers();
    customers.add("user-1");
    const gateway = new FakePaymentsGateway();
    const deps: CheckoutDeps = { catalogue, customers, settings: fixedSettings(), gateway, ids: { next: (p) => `${p}_x` }, webAppUrl: "http://web.test", attempts: new InMemoryCheckoutAttempts(), clock: { now: () => new Date("2026-11-24T08:00:00Z") } };
    await fc.assert(
      fc.asyncProperty(callerArb(["customer"]), anyId.filter((id) => id !== "p1"), fc.boolean(), async (caller, programId, intent) => {
        const call = intent ? createProgramPaymentIntent(deps, caller, { programId }) : createProgramCheckout(deps, caller, { programId });
        await refused(call, ["not_found"], "programId");
      }),
      { numRuns: RUNS },
    );
    assert.deepEqual(gateway.calls, []);
    assert.equal(customers.users.get("user-1")!.stripeCustomerId, null);
  });

  it("saveProgram: coaches cannot touch another coach's programs; customers none; bad prices refused", async () => {
    const catalogue = new InMemoryCatalogue();
    catalogue.addProgram({ id: "p2", coachId: "coach-2" });
    const before = structuredClone([...catalogue.programs]);
    const gateway = new FakePaymentsGateway();
    const deps = { catalogue, gateway, ids: { next: (p: string) => `${p}_x` }, coachName: async () => "X" };
    const price = { amount: 49900, currency: "sek" as const };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("coach-1", "coach-3"), fc.string({ minLength: 3, maxLength: 40 }), async (uid, title) => {
        const coach: Caller = { uid, role: "coach", email: null };
        await refused(saveProgram(deps, coach, { title, description: "", price, active: true, coachId: "coach-2" }), ["permission"], "coachId");
        await refused(saveProgram(deps, coach, { programId: "p2", title, description: "", price, active: true }), ["permission"], "programId");
        await refused(saveProgram(deps, coach, { programId: `${uid}-missing`, title, description: "", price, active: true }), ["not_found"], "programId");
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(callerArb(["customer", "accountant", null]), async (caller) => {
        await refused(saveProgram(deps, caller, { programId: "p2", title: "Taken over", description: "", price, active: true }), ["permission"]);
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ max: 299 }), fc.double({ noNaN: true }).filter((d) => !Number.isInteger(d)), fc.constant(NaN), fc.constant(Infinity)), async (amount) => {
        await refused(saveProgram(deps, { uid: "coach-1", role: "coach", email: null }, { title: "Cheap", description: "", price: { amount, currency: "sek" }, active: true }), ["invalid_input"], "price.amount");
      }),
      { numRuns: RUNS },
    );
    assert.deepEqual([...catalogue.programs], before);
    assert.deepEqual(gateway.calls, []);
  });

  it("setUserRole: only admins; anyone else writes nothing", async () => {
    const users = new FakeUserDirectory();
    users.addUser("u-1", "customer");
    await fc.assert(
      fc.asyncProperty(callerArb(["customer", "coach", "accountant", null]), fc.constantFrom("admin", "coach", "accountant", "customer"), async (caller, role) => {
        await refused(setUserRole({ users, clock: fixedClock(), audit: new InMemoryAuditLog(), approvals: new InMemoryApprovals(), dualControl: noDualControl }, caller, { uid: "u-1", role: role as Role }), ["permission"]);
      }),
      { numRuns: RUNS },
    );
    assert.deepEqual(users.writes, []);
  });

  it("requestPayout: negative, fractional, overflowing, NaN, string amounts and unknown currencies reserve nothing", async () => {
    const w = world();
    onboard(w, "coach-1");
    await sale(w, { coachId: "coach-1", id: "pi_1", gross: 49900, availableOn: T0 - DAY, released: true });
    const balances = structuredClone([...w.store.balances]);
    const entries = w.store.entries.size;
    const coach: Caller = { uid: "coach-1", role: "coach", email: null };
    const amount = fc.oneof(
      fc.integer({ max: 0 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)),
      fc.integer({ min: 39921 }),
      fc.constantFrom(NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 2, 1e21, "20000", null, true, -0),
    );
    await fc.assert(
      fc.asyncProperty(amount, async (a) => {
        await refused(requestPayout(w.deps, coach, { amount: a, currency: "sek" }), ["invalid_input", "precondition"], ["amount"]);
      }),
      { numRuns: RUNS * 2 },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string().filter((c) => !["sek", "eur", "usd", "nok", "dkk"].includes(c)), fc.constantFrom(null, 1, "SEK ", "xxx")), async (currency) => {
        await refused(requestPayout(w.deps, coach, { amount: 20000, currency }), ["invalid_input"], "currency");
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(callerArb(["customer", "admin", "accountant", null]), async (caller) => {
        await refused(requestPayout(w.deps, caller, { amount: 20000, currency: "sek" }), ["permission"]);
      }),
      { numRuns: 20 },
    );
    assert.deepEqual([...w.store.balances], balances);
    assert.equal(w.store.entries.size, entries);
    assert.equal(w.store.payouts.size, 0);
    assert.equal(w.gateway.payouts.length, 0);
  });

  it("payout decisions: another coach's payout, missing payouts and non-admins are refused", async () => {
    const w = world();
    onboard(w, "coach-2");
    await sale(w, { coachId: "coach-2", id: "pi_2", gross: 49900, availableOn: T0 - DAY, released: true });
    const { payoutId } = await requestPayout(w.deps, { uid: "coach-2", role: "coach", email: null }, { amount: 20000, currency: "sek" });
    const snapshot = () => JSON.stringify([[...w.store.payouts], [...w.store.balances], w.store.entries.size, w.gateway.payouts.length, w.tasks.length]);
    const before = snapshot();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("coach-1", "intruder"), async (uid) => {
        await refused(cancelPayoutRequest(w.deps, { uid, role: "coach", email: null }, { payoutId }), ["permission"], "payoutId");
      }),
      { numRuns: 20 },
    );
    await fc.assert(
      fc.asyncProperty(callerArb(["customer", "coach", "accountant", null], ["coach-2", "coach-1", "user-1"]), fc.constantFrom("approve", "reject", "retry"), async (caller, what) => {
        const call = what === "approve" ? approvePayout(w.deps, caller, { payoutId }) : what === "reject" ? rejectPayout(w.deps, caller, { payoutId, reason: "x" }) : retryPayout(w.deps, caller, { payoutId });
        await refused(call, ["permission"]);
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(anyId.filter((id) => id !== payoutId), fc.constantFrom("approve", "reject", "retry", "cancel"), async (id, what) => {
        const admin: Caller = { uid: "admin-1", role: "admin", email: null };
        const call =
          what === "approve" ? approvePayout(w.deps, admin, { payoutId: id }) : what === "reject" ? rejectPayout(w.deps, admin, { payoutId: id }) : what === "retry" ? retryPayout(w.deps, admin, { payoutId: id }) : cancelPayoutRequest(w.deps, admin, { payoutId: id });
        await refused(call, ["not_found"], "payoutId");
      }),
      { numRuns: RUNS },
    );
    assert.equal(snapshot(), before);
  });

  after(() => console.log(`      hostile use-case calls tried: ${tried}`));
});
