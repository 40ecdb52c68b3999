/**
 * Payout and coach documents written before the lifecycle's fields existed (no approvals,
 * attempts, audit count, line kinds, carried lines) still read, decide and settle.
 */
import assert from "node:assert/strict";
import { connectEventHandlers } from "../../../src/app/connect/connect-event-handlers";
import { approvePayout, cancelPayoutRequest } from "../../../src/app/payouts/payout-requests";
import { sendPayout } from "../../../src/app/payouts/send-payout";
import { bookEntries } from "../../../src/app/ledger/book-entries";
import { payoutReserveEntry } from "../../../src/domain/ledger";
import type { PayoutRecord } from "../../../src/ports/payout-store";
import { T0, onboard, sale, world } from "./world";

const admin = { uid: "a1", role: "admin" as const, email: null };

async function withOldPayout(status: "requested" | "processing") {
  const w = world();
  onboard(w, "c1");
  await sale(w, { coachId: "c1", id: "pi_1", gross: 49900, availableOn: T0 - 1000, released: true });
  await w.store.transact(async (tx) => {
    const balance = await tx.getBalance("c1", "sek");
    await bookEntries(tx, [payoutReserveEntry({ payoutId: "old-1", coachId: "c1", amount: { amount: 39920, currency: "sek" }, balance, occurredAt: T0 })]);
  });
  const old = {
    id: "old-1", coachId: "c1", amount: 39920, currency: "sek", date: T0, status, trigger: "request", runId: null, stripeAccountId: "acct_c1",
    stripePayoutId: status === "processing" ? "po_old" : null, attempt: 1, sendStartedAt: status === "processing" ? T0 : null,
    relatedPaymentIds: ["pi_1"], lineItems: [{ programId: "prog-1", description: "Mindful Mornings", payments: 1, coachAmount: 39920 }],
    paidThroughBefore: null, paidThrough: T0 - 1000, failureCode: null, failureReason: null, requestedBy: "c1", decidedBy: null, updatedAt: T0,
  } as unknown as PayoutRecord;
  w.store.payouts.set("old-1", old);
  const c = w.store.coaches.get("c1")!;
  delete (c as Partial<typeof c>).carriedLines;
  c.openPayouts = { sek: "old-1" };
  c.paidThrough = { sek: T0 - 1000 };
  return w;
}

describe("payouts written before the lifecycle", () => {
  it("an old request is approved and sent, with one approval required and its audit trail started", async () => {
    const w = await withOldPayout("requested");
    assert.deepEqual(await approvePayout(w.deps, admin, { payoutId: "old-1" }), { status: "approved", approvals: 1, requiredApprovals: 1 });
    assert.equal((await sendPayout(w.deps, "old-1")).result, "sent");
    const p = w.store.payouts.get("old-1")!;
    assert.deepEqual([p.status, p.auditCount, p.pastAttempts, p.lineItems[0]!.kind], ["processing", 1, [], "sales"]);
    assert.deepEqual(w.store.auditOf("old-1").map((a) => a.id), ["old-1:0001"]);
  });

  it("an old request cancelled carries its sales to the coach's next payout", async () => {
    const w = await withOldPayout("requested");
    await cancelPayoutRequest(w.deps, { uid: "c1", role: "coach", email: null }, { payoutId: "old-1" });
    assert.deepEqual(w.store.coaches.get("c1")!.carriedLines?.sek?.paymentIds, ["pi_1"]);
    assert.equal(w.store.balance("c1").available, 39920);
  });

  it("an old processing payout is paid by its event", async () => {
    const w = await withOldPayout("processing");
    const handlers = connectEventHandlers({ store: w.store, clock: w.clock });
    const r = await handlers["payout.paid"]!({ id: "evt_1", type: "payout.paid", account: "acct_c1", created: 1, livemode: false, data: { object: { id: "po_old", object: "payout", amount: 39920, currency: "sek", metadata: {} } } });
    assert.equal(r.result, "processed");
    assert.equal(w.store.payouts.get("old-1")!.status, "paid");
    assert.equal(w.store.balance("c1").paid, 39920);
  });
});
