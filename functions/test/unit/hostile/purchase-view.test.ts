/**
 * The buyer's view of a payment carries what they paid and its status, never the
 * marketplace's split (platform fee, coach's share, Stripe's fee, settlement, transfers).
 */
import assert from "node:assert/strict";
import { purchaseOf } from "../../../src/adapters/firebase/purchase-view";
import { newPaymentRecord } from "../../../src/app/payments/payment-record";

describe("purchases/{id}: what a customer reads of their payment", () => {
  const payment = {
    ...newPaymentRecord({ id: "pi_1", kind: "program", amount: 49900, currency: "sek", date: 1, stripePaymentId: "pi_1", status: "partially_refunded" }, 1),
    userId: "cust",
    coachId: "bob",
    programId: "p1",
    description: "Sleep Reset",
    feeAmount: 9980,
    coachAmount: 39920,
    stripeFee: 1023,
    refundedAmount: 10000,
    stripeTransferId: "tr_1",
    settlement: { currency: "sek" as const, gross: 49900, fee: 9980, coach: 39920, exchangeRate: null },
    card: { brand: "visa", last4: "4242" },
  };

  it("keeps what they bought, paid and got back, and nothing of the split", () => {
    const view = purchaseOf(payment as never)!;
    assert.deepEqual(view, { id: "pi_1", userId: "cust", kind: "program", programId: "p1", subscriptionId: null, description: "Sleep Reset", amount: 49900, currency: "sek", date: 1, status: "partially_refunded", refundedAmount: 10000, failureReason: null, card: { brand: "visa", last4: "4242" } });
    const text = JSON.stringify(view);
    for (const secret of ["9980", "39920", "1023", "tr_1", "bob", "fee", "coach", "settlement"]) assert.ok(!text.includes(secret), `no ${secret}`);
  });

  it("writes none for a payment with no customer of Kassa's", () => {
    assert.equal(purchaseOf({ ...payment, userId: null } as never), null);
  });
});
