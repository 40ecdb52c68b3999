import { strict as assert } from "node:assert";
import {
  assertPayoutTransition,
  canTransitionPayout,
  isOpenPayout,
  mergePayoutStatus,
} from "../../../src/domain/payout-status";
import { DomainError } from "../../../src/domain/errors";

describe("payout status", () => {
  it("allows the documented edges only", () => {
    assert.ok(canTransitionPayout("requested", "approved"));
    assert.ok(canTransitionPayout("requested", "cancelled"));
    assert.ok(canTransitionPayout("approved", "processing"));
    assert.ok(canTransitionPayout("processing", "paid"));
    assert.ok(canTransitionPayout("processing", "failed"));
    assert.ok(canTransitionPayout("paid", "failed"));
    assert.ok(canTransitionPayout("failed", "approved"));
    assert.ok(
      !canTransitionPayout("processing", "cancelled"),
      "cannot cancel once Stripe was called",
    );
    assert.ok(!canTransitionPayout("paid", "processing"));
    assert.ok(!canTransitionPayout("cancelled", "approved"));
  });

  it("merging provider events only moves forward", () => {
    assert.equal(mergePayoutStatus("processing", "paid"), "paid");
    assert.equal(
      mergePayoutStatus("failed", "paid"),
      "failed",
      "a late payout.paid after payout.failed",
    );
    assert.equal(mergePayoutStatus("paid", "processing"), "paid");
    assert.equal(mergePayoutStatus("paid", "failed"), "failed", "a bounced payout");
    assert.equal(
      mergePayoutStatus("failed", "approved"),
      "failed",
      "retry is an admin command, not an event",
    );
  });

  it("commands refuse illegal moves with a precondition error", () => {
    assert.doesNotThrow(() => assertPayoutTransition("failed", "approved"));
    assert.throws(
      () => assertPayoutTransition("paid", "cancelled"),
      (e: unknown) => e instanceof DomainError && e.kind === "precondition" && e.field === "status",
    );
  });

  it("knows which payouts are open", () => {
    assert.deepEqual(
      (["requested", "approved", "processing", "paid", "failed", "cancelled"] as const).filter(
        isOpenPayout,
      ),
      ["requested", "approved", "processing"],
    );
  });
});
