import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  canTransitionPayment,
  nextPaymentStatus,
  PAYMENT_STATUSES,
  paymentStatusRank,
  type PaymentEvent,
} from "../../../src/domain/payment-status";

describe("payment status", () => {
  it("follows the lifecycle forward", () => {
    assert.equal(nextPaymentStatus("pending", { type: "succeeded" }), "succeeded");
    assert.equal(nextPaymentStatus("pending", { type: "failed" }), "failed");
    assert.equal(
      nextPaymentStatus("failed", { type: "succeeded" }),
      "succeeded",
      "customer retried the same intent",
    );
    assert.equal(
      nextPaymentStatus("succeeded", { type: "refunded", refundedTotal: 100, gross: 49900 }),
      "partially_refunded",
    );
    assert.equal(
      nextPaymentStatus("partially_refunded", {
        type: "refunded",
        refundedTotal: 49900,
        gross: 49900,
      }),
      "refunded",
    );
    assert.equal(nextPaymentStatus("succeeded", { type: "dispute_opened" }), "disputed");
  });

  it("never moves backwards on late or repeated events", () => {
    assert.equal(nextPaymentStatus("succeeded", { type: "created" }), "succeeded");
    assert.equal(nextPaymentStatus("succeeded", { type: "failed" }), "succeeded");
    assert.equal(nextPaymentStatus("refunded", { type: "succeeded" }), "refunded");
    assert.equal(
      nextPaymentStatus("refunded", { type: "refunded", refundedTotal: 100, gross: 49900 }),
      "refunded",
    );
    assert.equal(nextPaymentStatus("disputed", { type: "succeeded" }), "disputed");
    assert.equal(
      nextPaymentStatus("disputed", { type: "refunded", refundedTotal: 100, gross: 49900 }),
      "disputed",
    );
  });

  it("a won dispute returns to what the refunds say; a lost one stays disputed", () => {
    assert.equal(
      nextPaymentStatus("disputed", {
        type: "dispute_closed",
        won: true,
        refundedTotal: 0,
        gross: 100,
      }),
      "succeeded",
    );
    assert.equal(
      nextPaymentStatus("disputed", {
        type: "dispute_closed",
        won: true,
        refundedTotal: 10,
        gross: 100,
      }),
      "partially_refunded",
    );
    assert.equal(
      nextPaymentStatus("disputed", {
        type: "dispute_closed",
        won: false,
        refundedTotal: 0,
        gross: 100,
      }),
      "disputed",
    );
    assert.equal(
      nextPaymentStatus("succeeded", {
        type: "dispute_closed",
        won: true,
        refundedTotal: 0,
        gross: 100,
      }),
      "succeeded",
    );
  });

  it("canTransition matches the documented edges", () => {
    assert.ok(canTransitionPayment("pending", "succeeded"));
    assert.ok(!canTransitionPayment("succeeded", "pending"));
    assert.ok(!canTransitionPayment("refunded", "succeeded"));
    assert.ok(canTransitionPayment("disputed", "succeeded"));
  });

  it("property: events other than a dispute's closing never lower the rank, in any order", () => {
    const event: fc.Arbitrary<PaymentEvent> = fc.oneof(
      fc.constant({ type: "created" as const }),
      fc.constant({ type: "succeeded" as const }),
      fc.constant({ type: "failed" as const }),
      fc.constant({ type: "dispute_opened" as const }),
      fc
        .integer({ min: 0, max: 100 })
        .map((r) => ({ type: "refunded" as const, refundedTotal: r, gross: 100 })),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...PAYMENT_STATUSES),
        fc.array(event, { maxLength: 20 }),
        (start, events) => {
          let s = start;
          for (const e of events) {
            const next = nextPaymentStatus(s, e);
            assert.ok(paymentStatusRank(next) >= paymentStatusRank(s));
            assert.ok(next === s || canTransitionPayment(s, next));
            s = next;
          }
        },
      ),
    );
  });
});
