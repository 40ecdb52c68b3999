import { strict as assert } from "node:assert";
import {
  assertPayoutTransition,
  canTransitionPayout,
  isOpenPayout,
  PAYOUT_STATUSES,
} from "../../../src/domain/payout-status";
import { DomainError } from "../../../src/domain/errors";

describe("payout status", () => {
  it("allows the documented edges only", () => {
    assert.ok(canTransitionPayout("requested", "approved"));
    assert.ok(canTransitionPayout("requested", "cancelled"));
    assert.ok(canTransitionPayout("requested", "rejected"));
    assert.ok(canTransitionPayout("approved", "sending"));
    assert.ok(canTransitionPayout("sending", "processing"));
    assert.ok(canTransitionPayout("processing", "paid"));
    assert.ok(canTransitionPayout("processing", "failed"));
    assert.ok(canTransitionPayout("paid", "returned"));
    assert.ok(canTransitionPayout("failed", "approved"));
    assert.ok(!canTransitionPayout("sending", "cancelled"), "cannot cancel once Stripe was called");
    assert.ok(!canTransitionPayout("paid", "processing"));
    assert.ok(!canTransitionPayout("cancelled", "approved"));
    assert.ok(!canTransitionPayout("rejected", "approved"));
    assert.ok(!canTransitionPayout("returned", "approved"));
  });

  it("commands refuse illegal moves with a precondition error naming the state", () => {
    assert.doesNotThrow(() => assertPayoutTransition("retry", "failed", "approved"));
    assert.throws(
      () => assertPayoutTransition("cancel", "paid", "cancelled", { payoutId: "p1", verb: "be cancelled" }),
      (e: unknown) =>
        e instanceof DomainError && e.kind === "precondition" && e.field === "status" && e.message === "Payout p1 has been paid out; it cannot be cancelled.",
    );
  });

  it("knows which payouts are open", () => {
    assert.deepEqual(PAYOUT_STATUSES.filter(isOpenPayout), ["requested", "approved", "sending", "processing"]);
  });
});
