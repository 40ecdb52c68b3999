/**
 * Admin refunds and cancelling a subscription at period end, as the admin and Stripe see
 * them: which refund Stripe is asked for (amount, reversal flags, idempotency key), what the
 * payment document reserves, which errors come back (kind, field, message) and the audit trail.
 */
import assert from "node:assert/strict";
import type { Caller } from "../../../src/app/caller";
import type { PaymentDeps } from "../../../src/app/payments/payment-deps";
import { refundDeps } from "../../fakes/in-memory-approvals";
import { newPaymentRecord } from "../../../src/app/payments/payment-record";
import {
  cancelSubscriptionAtPeriodEnd,
  refundPayment,
  type RefundInput,
} from "../../../src/app/payments/refund-payment";
import { DomainError } from "../../../src/domain/errors";
import type { PaymentRecord } from "../../../src/ports/money-store";
import type { RefundRequest } from "../../../src/ports/payments-gateway";
import { FakePaymentsGateway } from "../../fakes/fake-payments-gateway";
import { InMemoryAuditLog } from "../../fakes/in-memory-audit-log";
import { InMemoryMoneyStore } from "../../fakes/in-memory-money-store";
import {
  fixedSettings,
  InMemoryCustomers,
  InMemorySubscriptions,
} from "../../fakes/in-memory-payment-stores";

/** The fake gateway, also keeping each request as Stripe received it. */
class RecordingGateway extends FakePaymentsGateway {
  readonly refundRequests: RefundRequest[] = [];
  readonly cancelRequests: { idempotencyKey: string; subscriptionId: string; cancel: boolean }[] =
    [];
  override async refund(input: RefundRequest) {
    this.refundRequests.push(structuredClone(input));
    return super.refund(input);
  }
  override async setCancelAtPeriodEnd(input: {
    idempotencyKey: string;
    subscriptionId: string;
    cancel: boolean;
  }) {
    this.cancelRequests.push({ ...input });
    return super.setCancelAtPeriodEnd(input);
  }
}

const NOW = Date.parse("2026-11-20T10:00:00Z");
const admin: Caller = { uid: "admin-1", role: "admin", email: null };

function setup(refundFeeReversal: "proportional" | "none" = "proportional") {
  const money = new InMemoryMoneyStore();
  const gateway = new RecordingGateway();
  const audit = new InMemoryAuditLog();
  const subscriptions = new InMemorySubscriptions();
  const deps: PaymentDeps = {
    audit,
    money,
    gateway,
    settings: fixedSettings({ refundFeeReversal }),
    customers: new InMemoryCustomers(),
    subscriptions,
    clock: { now: () => new Date(NOW) },
  };
  const pay = (fields: Partial<PaymentRecord> = {}) => {
    const p = newPaymentRecord(
      {
        id: "pay_1",
        kind: "program",
        amount: 49900,
        currency: "sek",
        date: NOW - 86_400_000,
        stripePaymentId: "pi_1",
        status: "succeeded",
        ...fields,
      },
      NOW - 86_400_000,
    );
    money.payments.set(p.id, p);
    return p;
  };
  const refund = (input: Partial<RefundInput> = {}, caller = admin) =>
    refundPayment(refundDeps(deps), caller, {
      paymentId: "pay_1",
      reason: "requested_by_customer",
      requestId: "req-1",
      ...input,
    });
  return { money, gateway, audit, subscriptions, deps, pay, refund };
}

async function refusedWith(
  p: Promise<unknown>,
  kind: DomainError["kind"],
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

describe("refundPayment", () => {
  it("refunds a program sale on Stripe: transfer reversed, fee refunded in proportion, key per request", async () => {
    const s = setup();
    s.pay();
    const out = await s.refund({ amount: 10000, reason: "duplicate" });
    assert.deepEqual(s.gateway.refundRequests, [
      {
        idempotencyKey: "refund:pay_1:1",
        paymentIntentId: "pi_1",
        amount: 10000,
        reason: "duplicate",
        reverseTransfer: true,
        refundApplicationFee: true,
        metadata: { kassaPaymentId: "pay_1", requestedBy: "admin-1", kassaRefundRequest: "1" },
      },
    ]);
    assert.equal(out.amount, 10000);
    assert.equal(out.status, "succeeded");
    assert.match(out.refundId ?? "", /^re_/);
    const p = s.money.payments.get("pay_1")!;
    assert.equal(p.refundRequests, 1);
    assert.deepEqual(p.refundRequestLog, [{ requestId: "req-1", amount: 10000 }]);
    assert.equal(p.updatedAt, NOW);
    assert.equal(p.refundedAmount, 0, "booked only when Stripe's event arrives");
    assert.deepEqual(s.audit.entries, [
      {
        action: "refund_requested",
        by: "admin-1",
        byRole: "admin",
        target: "pay_1",
        at: NOW,
        details: {
          amount: 10000,
          currency: "sek",
          reason: "duplicate",
          refundId: out.refundId,
          requestId: "req-1",
          requestedBy: "admin-1",
        },
      },
    ]);
  });

  it("with the fee policy 'none' the platform keeps its fee; a subscription reverses nothing", async () => {
    const s = setup("none");
    s.pay();
    await s.refund({ amount: 100 });
    assert.equal(s.gateway.refundRequests[0]?.reverseTransfer, true);
    assert.equal(s.gateway.refundRequests[0]?.refundApplicationFee, false);

    const t = setup();
    t.pay({ kind: "subscription" });
    await t.refund({ amount: 100 });
    assert.equal(t.gateway.refundRequests[0]?.reverseTransfer, false);
    assert.equal(t.gateway.refundRequests[0]?.refundApplicationFee, false);
  });

  it("without an amount refunds what is left after refunds booked or already requested", async () => {
    const s = setup();
    s.pay({ refundedAmount: 5000 });
    assert.equal((await s.refund({ requestId: "req-1" })).amount, 44900);
    const t = setup();
    t.pay({
      status: "partially_refunded",
      refundedAmount: 5000,
      refundRequests: 2,
      refundRequestLog: [
        { requestId: "a", amount: 6000 },
        { requestId: "b", amount: 4000 },
      ],
    });
    const out = await t.refund({ requestId: "req-3" });
    assert.equal(out.amount, 39900, "the requested 10000 counts though only 5000 is booked");
    assert.equal(t.gateway.refundRequests[0]?.idempotencyKey, "refund:pay_1:3");
    assert.equal(t.gateway.refundRequests[0]?.metadata["kassaRefundRequest"], "3");
    assert.equal(t.money.payments.get("pay_1")?.refundRequests, 3);
  });

  it("a retried request returns the same refund, reserves nothing more and is audited once", async () => {
    const s = setup();
    s.pay();
    const a = await s.refund({ amount: 10000, requestId: "req-1" });
    await s.refund({ amount: 2000, requestId: "req-2" });
    const again = await s.refund({ amount: 99999, requestId: "req-1" });
    assert.deepEqual(again, a, "the first request's amount, not the retry's");
    assert.deepEqual(
      s.gateway.refundRequests.map((r) => [r.idempotencyKey, r.amount]),
      [
        ["refund:pay_1:1", 10000],
        ["refund:pay_1:2", 2000],
        ["refund:pay_1:1", 10000],
      ],
    );
    assert.equal(s.gateway.refunds.get("pi_1")?.length, 2);
    assert.equal(s.money.payments.get("pay_1")?.refundRequests, 2);
    assert.deepEqual(
      s.audit.entries.map((e) => e.details["requestId"]),
      ["req-1", "req-2"],
    );
  });

  it("a retried request is honoured even once the payment cannot be refunded any more", async () => {
    const s = setup();
    s.pay();
    const a = await s.refund({ requestId: "req-1" });
    s.money.payments.set("pay_1", { ...s.money.payments.get("pay_1")!, status: "refunded" });
    assert.deepEqual(await s.refund({ requestId: "req-1" }), a);
  });

  it("refuses what cannot be refunded, naming the field, without asking Stripe", async () => {
    const s = setup();
    await refusedWith(s.refund(), "not_found", "paymentId", "paymentId: no payment pay_1");
    for (const status of ["pending", "failed", "refunded", "disputed"] as const) {
      s.pay({ status });
      await refusedWith(
        s.refund(),
        "precondition",
        "paymentId",
        `paymentId: a ${status} payment cannot be refunded`,
      );
    }
    s.pay({ refundedAmount: 49900, status: "partially_refunded" });
    await refusedWith(
      s.refund(),
      "precondition",
      "paymentId",
      "paymentId: nothing is left to refund",
    );
    s.pay({ refundedAmount: 100 });
    await refusedWith(
      s.refund({ amount: 0 }),
      "precondition",
      "paymentId",
      "paymentId: nothing is left to refund",
    );
    await refusedWith(
      s.refund({ amount: 49801 }),
      "invalid_input",
      "amount",
      "amount: at most 49800 can still be refunded",
    );
    // The refusal carries what the web app needs to say it in kronor, in the admin's language.
    await assert.rejects(s.refund({ amount: 49801 }), (e: unknown) => {
      assert.ok(e instanceof DomainError);
      assert.deepEqual(e.details, { reason: "refund_exceeds_remaining", remaining: 49800, currency: "sek" });
      return true;
    });
    assert.equal((await s.refund({ amount: 49800 })).amount, 49800, "exactly what is left is fine");
    assert.equal(s.gateway.refundRequests.length, 1);
  });

  it("a requested refund counts when it exceeds what is booked", async () => {
    const s = setup();
    s.pay({
      refundedAmount: 1000,
      refundRequestLog: [{ requestId: "a", amount: 3000 }],
      refundRequests: 1,
    });
    await refusedWith(
      s.refund({ amount: 46901 }),
      "invalid_input",
      "amount",
      "amount: at most 46900 can still be refunded",
    );
    const t = setup();
    t.pay({
      refundedAmount: 3000,
      refundRequestLog: [{ requestId: "a", amount: 1000 }],
      refundRequests: 1,
    });
    await refusedWith(
      t.refund({ amount: 46901 }),
      "invalid_input",
      "amount",
      "amount: at most 46900 can still be refunded",
    );
  });

  it("only an admin may refund", async () => {
    const s = setup();
    s.pay();
    await refusedWith(
      s.refund({}, { uid: "c", role: "accountant", email: null }),
      "permission",
      undefined,
      "This needs the admin role.",
    );
    assert.equal(s.money.payments.get("pay_1")?.refundRequests, 0);
  });
});

describe("cancelSubscriptionAtPeriodEnd", () => {
  const sub = {
    id: "sub_1",
    userId: "user-1",
    planId: "premium",
    status: "active",
    cancelAtPeriodEnd: false,
    currentPeriodEnd: 1_797_600_000_000,
    customerId: "cus_1",
    lastEventCreated: 1,
  };
  const customer: Caller = { uid: "user-1", role: "customer", email: null };

  it("the owner cancels (and resumes) on Stripe, one key per choice and period", async () => {
    const s = setup();
    s.subscriptions.subs.set("sub_1", sub);
    assert.deepEqual(
      await cancelSubscriptionAtPeriodEnd(s.deps, customer, {
        subscriptionId: "sub_1",
        cancel: true,
      }),
      { subscriptionId: "sub_1", cancelAtPeriodEnd: true },
    );
    assert.deepEqual(
      await cancelSubscriptionAtPeriodEnd(s.deps, customer, {
        subscriptionId: "sub_1",
        cancel: false,
      }),
      { subscriptionId: "sub_1", cancelAtPeriodEnd: false },
    );
    assert.deepEqual(s.gateway.cancelRequests, [
      {
        idempotencyKey: "subscription:sub_1:cancel-at-period-end:true:1797600000000",
        subscriptionId: "sub_1",
        cancel: true,
      },
      {
        idempotencyKey: "subscription:sub_1:cancel-at-period-end:false:1797600000000",
        subscriptionId: "sub_1",
        cancel: false,
      },
    ]);
  });

  it("an admin may cancel anyone's; a period end Stripe never gave keys as 0", async () => {
    const s = setup();
    s.subscriptions.subs.set("sub_1", { ...sub, currentPeriodEnd: null });
    await cancelSubscriptionAtPeriodEnd(s.deps, admin, { subscriptionId: "sub_1", cancel: true });
    assert.equal(
      s.gateway.cancelRequests[0]?.idempotencyKey,
      "subscription:sub_1:cancel-at-period-end:true:0",
    );
  });

  it("refuses a missing subscription and someone else's, naming the field", async () => {
    const s = setup();
    await refusedWith(
      cancelSubscriptionAtPeriodEnd(s.deps, customer, { subscriptionId: "sub_9", cancel: true }),
      "not_found",
      "subscriptionId",
      "subscriptionId: no subscription sub_9",
    );
    s.subscriptions.subs.set("sub_1", sub);
    await refusedWith(
      cancelSubscriptionAtPeriodEnd(
        s.deps,
        { uid: "user-2", role: "customer", email: null },
        { subscriptionId: "sub_1", cancel: true },
      ),
      "permission",
      "subscriptionId",
      "subscriptionId: this subscription is not yours",
    );
    assert.equal(s.gateway.cancelRequests.length, 0);
  });
});
