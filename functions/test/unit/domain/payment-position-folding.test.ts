import { strict as assert } from "node:assert";
import { programSaleEntry, refundEntry, settledRefundEntry, subscriptionPaymentEntry } from "../../../src/domain/ledger";
import { paymentPosition } from "../../../src/domain/payment-position";
import { money } from "../../../src/domain/money";
import { DomainError } from "../../../src/domain/errors";

// What one payment still holds, folded from its entries: the figures a refund or dispute is
// checked and split against.

const T = Date.UTC(2026, 10, 22, 10);
const sek = (n: number) => money(n, "sek");
const sale = programSaleEntry({ paymentId: "pi_1", coachId: "c1", gross: sek(10000), fee: sek(2000), occurredAt: T });

describe("payment position folding", () => {
  it("values a converted refund at the sale's rate: its exchange difference is not part of the payment", () => {
    // 31.00 left the balance for 30.00 of the sale: 1.00 is an exchange loss.
    const refund = settledRefundEntry({ refundId: "re_1", position: paymentPosition([sale]), settled: sek(3100), coach: 2400, platform: 600, occurredAt: T });
    const p = paymentPosition([sale, refund]);
    assert.deepEqual([p.reversedGross, p.reversedPlatform, p.reversedCoach, p.heldCoach], [3000, 600, 2400, 5600]);
  });

  it("finds the sale wherever it is in the list and ignores other payments' entries", () => {
    const other = programSaleEntry({ paymentId: "pi_2", coachId: "c1", gross: sek(5000), fee: sek(1000), occurredAt: T });
    const otherRefund = refundEntry({ refundId: "re_2", position: paymentPosition([other]), amount: sek(5000), occurredAt: T });
    const refund = refundEntry({ refundId: "re_1", position: paymentPosition([sale]), amount: sek(1000), occurredAt: T });
    const p = paymentPosition([otherRefund, refund, sale, other]);
    assert.equal(p.paymentId, "pi_1");
    assert.deepEqual([p.gross, p.reversedGross, p.reversedCoach], [10000, 1000, 800]);
  });

  it("a subscription is the platform's alone", () => {
    const p = paymentPosition([subscriptionPaymentEntry({ paymentId: "in_1", gross: sek(9900), occurredAt: T })]);
    // The coach figures come out as -0 (negated empty sums); they compare equal to 0.
    assert.ok(p.coachShare === 0 && p.heldCoach === 0);
    assert.deepEqual({ ...p, coachShare: 0, heldCoach: 0 }, {
      paymentId: "in_1",
      kind: "subscription",
      currency: "sek",
      gross: 9900,
      platformPart: 9900,
      coachShare: 0,
      reversedGross: 0,
      reversedPlatform: 0,
      reversedCoach: 0,
      heldCoach: 0,
    });
  });

  it("without the sale there is nothing to reverse yet", () => {
    const refund = refundEntry({ refundId: "re_1", position: paymentPosition([sale]), amount: sek(1000), occurredAt: T });
    for (const entries of [[refund], [{ ...sale, refs: { coachId: "c1" } }]]) {
      assert.throws(
        () => paymentPosition(entries),
        (e: unknown) =>
          e instanceof DomainError && e.kind === "not_found" && e.field === "paymentId" && /no sale entry in the ledger yet/.test(e.message),
      );
    }
  });
});
