/**
 * Dual control: a refund above the limit and a staff role grant wait for a second admin, who
 * is never the one who asked; approving carries the request out once, exactly as asked.
 */
import assert from "node:assert/strict";
import { APPROVAL_TTL_MS, approveRequest, rejectRequest } from "../../../src/app/approvals/approvals";
import type { Caller } from "../../../src/app/caller";
import type { PaymentDeps } from "../../../src/app/payments/payment-deps";
import { newPaymentRecord } from "../../../src/app/payments/payment-record";
import { refundPayment } from "../../../src/app/payments/refund-payment";
import { setUserRole } from "../../../src/app/set-user-role";
import { type DualControlPolicy, grantNeedsSecondAdmin, parseRefundLimits, refundNeedsSecondAdmin } from "../../../src/domain/dual-control";
import { DomainError } from "../../../src/domain/errors";
import { CURRENCIES } from "../../../src/domain/money";
import { FakePaymentsGateway } from "../../fakes/fake-payments-gateway";
import { FakeUserDirectory } from "../../fakes/fake-user-directory";
import { InMemoryApprovals } from "../../fakes/in-memory-approvals";
import { InMemoryAuditLog } from "../../fakes/in-memory-audit-log";
import { InMemoryMoneyStore } from "../../fakes/in-memory-money-store";
import { fixedSettings, InMemoryCustomers, InMemorySubscriptions } from "../../fakes/in-memory-payment-stores";

const T0 = Date.parse("2026-11-20T10:00:00Z");
const policy: DualControlPolicy = { refundAbove: { sek: 100000 }, roles: ["admin", "accountant"] };
const alice: Caller = { uid: "admin-alice", role: "admin", email: "alice@kassa.test" };
const bob: Caller = { uid: "admin-bob", role: "admin", email: "bob@kassa.test" };

function world() {
  let now = T0;
  const clock = { now: () => new Date(now) };
  const money = new InMemoryMoneyStore();
  const gateway = new FakePaymentsGateway();
  // The metadata of each refund Stripe is asked for (who asked, who approved).
  const refundsAsked: Record<string, string>[] = [];
  const stripeRefund = gateway.refund.bind(gateway);
  gateway.refund = async (input) => {
    refundsAsked.push({ ...input.metadata });
    return stripeRefund(input);
  };
  const audit = new InMemoryAuditLog();
  const approvals = new InMemoryApprovals();
  const payments: PaymentDeps = { money, gateway, settings: fixedSettings(), customers: new InMemoryCustomers(), subscriptions: new InMemorySubscriptions(), clock, audit };
  const users = new FakeUserDirectory();
  for (const c of [alice, bob]) users.addUser(c.uid, "admin");
  users.addUser("u-1", "customer");
  users.addUser("u-unverified", "customer", "squat@kassa.test", false);
  const sale = (id: string, amount: number, currency: "sek" | "eur" = "sek") => {
    const p = newPaymentRecord({ id, kind: "program", amount, currency, date: T0 - 86_400_000, stripePaymentId: `pi_${id}`, status: "succeeded" }, T0 - 86_400_000);
    money.payments.set(p.id, p);
  };
  const userDeps = { users, clock, audit };
  return {
    money, gateway, audit, approvals, users, sale, refundsAsked,
    tick: (ms: number) => (now += ms),
    refund: (caller: Caller, paymentId: string, amount?: number, requestId = "req-00000001") =>
      refundPayment({ ...payments, approvals, dualControl: policy }, caller, { paymentId, reason: "requested_by_customer", requestId, ...(amount !== undefined ? { amount } : {}) }),
    grant: (caller: Caller, uid: string, role: "admin" | "accountant" | "coach" | "customer") => setUserRole({ ...userDeps, approvals, dualControl: policy }, caller, { uid, role }),
    approve: (caller: Caller, approvalId: string) => approveRequest({ approvals, payments, users: userDeps }, caller, { approvalId }),
    reject: (caller: Caller, approvalId: string, reason = "not agreed") => rejectRequest({ approvals, payments, users: userDeps }, caller, { approvalId, reason }),
  };
}

/** Refunds Stripe made (its idempotency keys fold repeated requests into one). */
const made = (w: ReturnType<typeof world>) => w.gateway.refunds.get("pi_big")?.length ?? 0;

const refused = (kind: DomainError["kind"], message: RegExp) => (e: unknown) => e instanceof DomainError && e.kind === kind && message.test(e.message);

describe("dual control: the rules", () => {
  it("a refund waits above the limit of its currency, and always in a currency without one", () => {
    assert.equal(refundNeedsSecondAdmin(policy, { amount: 100000, currency: "sek" }), false, "at the limit: one admin");
    assert.equal(refundNeedsSecondAdmin(policy, { amount: 100001, currency: "sek" }), true);
    assert.equal(refundNeedsSecondAdmin(policy, { amount: 1, currency: "eur" }), true, "no EUR limit: fail closed");
  });

  it("granting a staff role waits; a demotion or a non-staff role does not", () => {
    assert.equal(grantNeedsSecondAdmin(policy, "customer", "admin"), true);
    assert.equal(grantNeedsSecondAdmin(policy, "coach", "accountant"), true);
    assert.equal(grantNeedsSecondAdmin(policy, "admin", "customer"), false);
    assert.equal(grantNeedsSecondAdmin(policy, "customer", "coach"), false);
    assert.equal(grantNeedsSecondAdmin(policy, "admin", "admin"), false);
  });

  it("reads DUAL_CONTROL_REFUND_ABOVE, refusing what it cannot read, naming the parameter", () => {
    assert.deepEqual(parseRefundLimits("sek:100000, EUR:10000", CURRENCIES), { sek: 100000, eur: 10000 });
    assert.deepEqual(parseRefundLimits("", CURRENCIES), {});
    for (const bad of ["sek", "sek:10.5", "xyz:100", "sek:-1"])
      assert.throws(() => parseRefundLimits(bad, CURRENCIES), (e: unknown) => e instanceof DomainError && e.field === "DUAL_CONTROL_REFUND_ABOVE");
  });
});

describe("dual control: refunds", () => {
  it("a refund above the limit waits: no Stripe call; asking again finds the same request, audited once", async () => {
    const w = world();
    w.sale("big", 150000);
    const first = await w.refund(alice, "big");
    assert.deepEqual(first, { status: "pending_approval", approvalId: "refund:big:req-00000001", amount: 150000 });
    assert.deepEqual(await w.refund(alice, "big"), first);
    assert.equal(w.gateway.count("refund"), 0);
    assert.equal(w.money.payments.get("big")!.refundRequestLog, undefined, "nothing reserved on the payment");
    assert.deepEqual(w.audit.entries.map((e) => [e.action, e.by, e.details["amount"]]), [["approval_requested", alice.uid, 150000]]);
  });

  it("the admin who asked cannot approve it; another admin's approval makes the refund once, naming both", async () => {
    const w = world();
    w.sale("big", 150000);
    const { approvalId } = await w.refund(alice, "big", 120000);
    await assert.rejects(w.approve(alice, approvalId!), refused("precondition", /another admin must approve/));
    assert.equal(w.gateway.count("refund"), 0, "refused before Stripe");
    const approved = await w.approve(bob, approvalId!);
    assert.equal(approved.state, "approved");
    assert.equal(approved.decidedBy, bob.uid);
    assert.equal(made(w), 1);
    const [refund] = w.gateway.refunds.get("pi_big")!;
    assert.equal(refund!.amount, 120000, "exactly the amount asked");
    // Approved twice (a retry, or a third admin): the same refund, no second one.
    assert.deepEqual(await w.approve(bob, approvalId!), approved);
    assert.equal(made(w), 1);
    // The asker's retry now answers with the refund made (Stripe's idempotency key: the same one).
    assert.equal((await w.refund(alice, "big", 120000)).status, "succeeded");
    assert.equal(made(w), 1);
    assert.deepEqual(w.audit.entries.map((e) => e.action), ["approval_requested", "refund_requested", "approval_approved"]);
    assert.equal(w.audit.entries[1]!.details["requestedBy"], alice.uid);
    // Stripe's refund names both: who asked and who approved.
    assert.deepEqual([w.refundsAsked[0]!["requestedBy"], w.refundsAsked[0]!["approvedBy"]], [alice.uid, bob.uid]);
  });

  it("a crash after the refund, before the decision was recorded: approving again makes no second refund", async () => {
    const w = world();
    w.sale("big", 150000);
    const { approvalId } = await w.refund(alice, "big");
    const decide = w.approvals.decide.bind(w.approvals);
    w.approvals.decide = async () => {
      throw new Error("Firestore unavailable");
    };
    await assert.rejects(w.approve(bob, approvalId!), /Firestore unavailable/);
    w.approvals.decide = decide;
    assert.equal((await w.approve(bob, approvalId!)).state, "approved");
    assert.equal(made(w), 1, "Stripe's idempotency key is the request's");
  });

  it("a refund at or under the limit is made at once by one admin", async () => {
    const w = world();
    w.sale("small", 100000);
    const out = await w.refund(alice, "small");
    assert.equal(out.status, "succeeded");
    assert.equal(w.refundsAsked[0]!["approvedBy"], undefined, "one admin: nobody approved it");
    assert.equal(w.gateway.count("refund"), 1);
    assert.equal(w.approvals.items.size, 0);
  });

  it("refunds under the limit one by one cannot add up past it alone: the one that crosses it waits", async () => {
    const w = world();
    w.sale("big", 150000);
    assert.equal((await w.refund(alice, "big", 60000, "req-part-0001")).status, "succeeded");
    assert.equal((await w.refund(alice, "big", 40000, "req-part-0002")).status, "succeeded", "100 000 in all: at the limit");
    const third = await w.refund(alice, "big", 1, "req-part-0003");
    assert.equal(third.status, "pending_approval", "100 001 in all: above it");
    assert.equal(made(w), 2);
  });

  it("rejected: it cannot be approved, and the same request asked again stays rejected", async () => {
    const w = world();
    w.sale("big", 150000);
    const { approvalId } = await w.refund(alice, "big");
    const rejected = await w.reject(bob, approvalId!, "the customer already got a voucher");
    assert.equal(rejected.rejectReason, "the customer already got a voucher");
    await assert.rejects(w.approve(bob, approvalId!), refused("precondition", /rejected/));
    await assert.rejects(w.refund(alice, "big"), refused("precondition", /rejected by another admin: the customer already got a voucher/));
    assert.equal(w.gateway.count("refund"), 0);
  });

  it("what is decided stays decided, and says so: approved cannot be rejected; each decision audited with what it carried out", async () => {
    const w = world();
    w.sale("big", 150000);
    const { approvalId } = await w.refund(alice, "big");
    await assert.rejects(w.approve(alice, approvalId!), (e: unknown) => e instanceof DomainError && e.field === "approvalId" && e.details?.["reason"] === "approval_self");
    const approved = await w.approve(bob, approvalId!);
    assert.deepEqual(approved.result, { refundId: w.gateway.refunds.get("pi_big")![0]!.id, status: "succeeded", amount: 150000 });
    await assert.rejects(w.reject(bob, approvalId!), (e: unknown) => e instanceof DomainError && e.kind === "precondition" && e.field === "approvalId" && /already approved/.test(e.message));
    assert.equal((await w.approvals.get(approvalId!))!.state, "approved");
    const decided = w.audit.entries.find((e) => e.action === "approval_approved")!;
    assert.deepEqual(decided.details, { kind: "refund", requestedBy: alice.uid, refundId: approved.result!["refundId"]!, status: "succeeded", amount: 150000 });

    w.sale("big2", 150000);
    const second = await w.refund(alice, "big2", undefined, "req-00000002");
    const rejected = await w.reject(bob, second.approvalId!, "duplicate ask");
    assert.deepEqual(await w.reject(bob, second.approvalId!, "again"), rejected, "rejecting again changes nothing");
    assert.deepEqual(w.audit.entries.filter((e) => e.action === "approval_rejected").map((e) => e.details), [{ kind: "refund", requestedBy: alice.uid, reason: "duplicate ask" }]);
    await assert.rejects(w.approve(bob, second.approvalId!), (e: unknown) => e instanceof DomainError && e.field === "approvalId");
  });

  it("can still be approved at exactly three days, not a millisecond later", async () => {
    const w = world();
    w.sale("big", 150000);
    w.sale("big2", 150000);
    const a = await w.refund(alice, "big");
    const b = await w.refund(alice, "big2", undefined, "req-00000002");
    w.tick(APPROVAL_TTL_MS);
    assert.equal((await w.approve(bob, a.approvalId!)).state, "approved");
    w.tick(1);
    await assert.rejects(w.approve(bob, b.approvalId!), (e: unknown) => e instanceof DomainError && e.field === "approvalId" && /expired/.test(e.message));
  });

  it("a role grant's approval records the role it gave", async () => {
    const w = world();
    await w.grant(alice, "u-1", "accountant");
    assert.deepEqual((await w.approve(bob, "role:u-1:accountant")).result, { role: "accountant" });
  });

  it("expires after three days", async () => {
    const w = world();
    w.sale("big", 150000);
    const { approvalId } = await w.refund(alice, "big");
    w.tick(APPROVAL_TTL_MS + 1);
    await assert.rejects(w.approve(bob, approvalId!), refused("precondition", /expired/));
    assert.equal(w.gateway.count("refund"), 0);
  });

  it("only admins approve or reject; an unknown request is named", async () => {
    const w = world();
    w.sale("big", 150000);
    const { approvalId } = await w.refund(alice, "big");
    for (const role of ["customer", "coach", "accountant", null] as const) {
      const someone: Caller = { uid: "x", role, email: null };
      await assert.rejects(w.approve(someone, approvalId!), refused("permission", /admin/));
      await assert.rejects(w.reject(someone, approvalId!), refused("permission", /admin/));
    }
    await assert.rejects(w.approve(bob, "refund:nope:req-1"), (e: unknown) => e instanceof DomainError && e.kind === "not_found" && e.field === "approvalId");
  });
});

describe("dual control: staff roles", () => {
  it("making someone admin waits for a second admin; the asker cannot approve; the approval sets it and ends their sessions", async () => {
    const w = world();
    const asked = await w.grant(alice, "u-1", "admin");
    assert.deepEqual(asked, { uid: "u-1", role: "admin", status: "pending_approval", approvalId: "role:u-1:admin" });
    assert.equal(w.users.claims.get("u-1"), "customer", "nothing changed yet");
    await assert.rejects(w.approve(alice, "role:u-1:admin"), refused("precondition", /another admin must approve/));
    await w.approve(bob, "role:u-1:admin");
    assert.equal(w.users.claims.get("u-1"), "admin");
    assert.ok(w.users.writes.includes("endSessions:u-1"));
    const changed = w.audit.entries.find((e) => e.action === "role_changed")!;
    assert.deepEqual([changed.by, changed.details["requestedBy"], changed.details["to"]], [bob.uid, alice.uid, "admin"]);
  });

  it("a demotion happens at once; a rejected grant can be asked for again", async () => {
    const w = world();
    assert.equal((await w.grant(alice, "admin-bob", "customer")).status, "changed");
    assert.equal(w.users.claims.get("admin-bob"), "customer");
    const w2 = world();
    await w2.grant(alice, "u-1", "accountant");
    await w2.reject(bob, "role:u-1:accountant");
    assert.equal((await w2.grant(alice, "u-1", "accountant")).status, "pending_approval", "a new request replaces the decided one");
    assert.equal((await w2.approvals.get("role:u-1:accountant"))!.state, "pending");
  });

  it("an unverified address is refused when asked, and again at approval if it was asked before", async () => {
    const w = world();
    await assert.rejects(w.grant(alice, "u-unverified", "admin"), refused("precondition", /has not verified their email address/));
    assert.equal(w.approvals.items.size, 0);
  });
});
