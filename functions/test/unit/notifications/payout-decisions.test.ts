import assert from "node:assert/strict";
import { payoutDecisionNotification } from "../../../src/app/notifications/payout-decisions";
import type { PayoutView } from "../../../src/app/notifications/notify";

const requested: PayoutView = { id: "rq-c1-1", coachId: "c1", status: "requested", amount: 100_000, currency: "sek" };

describe("payout decision notifications", () => {
  it("tells the coach a request was approved, in Swedish with English beside it", () => {
    const n = payoutDecisionNotification(requested, { ...requested, status: "approved" }, 5);
    assert.ok(n);
    assert.equal(n.id, "rq-c1-1:approved");
    assert.equal(n.uid, "c1");
    assert.equal(n.kind, "payout_approved");
    assert.equal(n.title, "Din utbetalning på 1 000,00 kr är godkänd");
    assert.equal((n as typeof n & { en: { title: string } }).en.title, "Your payout of SEK 1,000.00 is approved");
    assert.equal(n.createdAt, 5);
    assert.equal(n.read, false);
  });

  it("counts a second approval that sends at once as approved", () => {
    assert.equal(payoutDecisionNotification(requested, { ...requested, status: "sending" }, 0)?.kind, "payout_approved");
  });

  it("tells the coach a request was rejected, with the admin's reason", () => {
    const n = payoutDecisionNotification(requested, { ...requested, status: "rejected", failureReason: "Fel belopp" }, 0);
    assert.ok(n);
    assert.equal(n.id, "rq-c1-1:rejected");
    assert.equal(n.kind, "payout_rejected");
    assert.equal(n.title, "Din begäran om 1 000,00 kr avslogs");
    assert.match(n.body, /^Skäl: Fel belopp\. Pengarna finns kvar i ditt tillgängliga saldo/);
    assert.match((n as typeof n & { en: { body: string } }).en.body, /^Reason: Fel belopp\./);
  });

  it("says nothing for other changes: a first of two approvals, a coach's own cancel, a weekly payout", () => {
    assert.equal(payoutDecisionNotification(requested, { ...requested }, 0), null);
    assert.equal(payoutDecisionNotification(requested, { ...requested, status: "cancelled" }, 0), null);
    assert.equal(payoutDecisionNotification(null, { ...requested, status: "approved" }, 0), null);
    assert.equal(payoutDecisionNotification({ ...requested, status: "approved" }, { ...requested, status: "sending" }, 0), null);
  });
});
