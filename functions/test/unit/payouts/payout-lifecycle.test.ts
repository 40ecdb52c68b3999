/**
 * The payout lifecycle, state by state: every command in every state, what it does (the next
 * state, the money effect, the note) or the refusal it gives (the kind and the state in
 * words). This is the machine's specification as a table; the model test checks that the use
 * cases never take any other edge.
 */
import assert from "node:assert/strict";
import { DomainError } from "../../../src/domain/errors";
import { RESEND_WINDOW_MS, transitionPayout, type PayoutCommand, type PayoutLife } from "../../../src/domain/payout-lifecycle";
import { assertPayoutTransition, canTakePayoutEdge, canTransitionPayout, isPayoutStatus, PAYOUT_EDGES, PAYOUT_STATUSES, type PayoutStatus } from "../../../src/domain/payout-status";

const AT = 1_000_000;
const sent = (s: PayoutStatus) => !["requested", "approved", "cancelled", "rejected"].includes(s);

function payout(status: PayoutStatus, patch: Partial<PayoutLife> = {}): PayoutLife {
  return {
    id: "p1",
    coachId: "c1",
    requestedBy: "c1",
    amount: 50_000,
    status,
    attempt: 1,
    stripePayoutId: sent(status) && status !== "sending" ? "po_1" : null,
    sendStartedAt: sent(status) ? AT : null,
    approvals: [],
    requiredApprovals: 1,
    pastAttempts: [],
    ...patch,
  };
}

const WORDS: Record<PayoutStatus, string> = {
  requested: "is waiting for an admin's approval",
  approved: "is approved and waiting to be sent to Stripe",
  sending: "is being sent to Stripe",
  processing: "is on its way to the coach's bank",
  paid: "has been paid out",
  failed: "failed and its money is back in the available balance",
  returned: "was paid and then returned by the bank; its money is back in the available balance",
  cancelled: "was cancelled",
  rejected: "was rejected by an admin",
};

const refusal = (kind: string, message: string) => (e: unknown) => {
  assert.ok(e instanceof DomainError, String(e));
  assert.equal(e.kind, kind);
  assert.equal(e.message, message);
  return true;
};

type Expect = { kind: "moved" | "unchanged" | "stale"; to: PayoutStatus; effect: string; note?: string } | { refused: string };

/** command -> state -> expected; a state left out is refused by a command, "unchanged" for events. */
const TABLE: { name: string; cmd: PayoutCommand; verb?: string; expect: Partial<Record<PayoutStatus, Expect>>; otherwise: Expect | "refused" }[] = [
  { name: "approve", verb: "be approved", cmd: { type: "approve", by: "a1", at: AT }, expect: { requested: { kind: "moved", to: "approved", effect: "send", note: "approved" } }, otherwise: "refused" },
  { name: "reject", verb: "be rejected", cmd: { type: "reject", by: "a1", at: AT }, expect: { requested: { kind: "moved", to: "rejected", effect: "void", note: "rejected" } }, otherwise: "refused" },
  {
    name: "cancel",
    verb: "be cancelled",
    cmd: { type: "cancel", by: "c1", at: AT },
    expect: { requested: { kind: "moved", to: "cancelled", effect: "void", note: "cancelled" }, approved: { kind: "moved", to: "cancelled", effect: "void", note: "cancelled" } },
    otherwise: "refused",
  },
  {
    name: "retry",
    verb: "be retried",
    cmd: { type: "retry", by: "a1", at: AT },
    expect: { failed: { kind: "moved", to: "approved", effect: "reserve", note: "attempt 2" }, approved: { kind: "unchanged", to: "approved", effect: "send", note: "sent again under the same attempt" } },
    otherwise: "refused",
  },
  {
    name: "send",
    cmd: { type: "send", at: AT + 1 },
    expect: {
      approved: { kind: "moved", to: "sending", effect: "call_stripe", note: "Stripe call started" },
      sending: { kind: "unchanged", to: "sending", effect: "call_stripe", note: "Stripe call repeated under the same key" },
    },
    otherwise: { kind: "unchanged", to: "requested", effect: "none" },
  },
  {
    name: "stripe_accepted",
    cmd: { type: "stripe_accepted", attempt: 1, stripePayoutId: "po_1", at: AT },
    expect: {
      sending: { kind: "moved", to: "processing", effect: "none", note: "Stripe accepted" },
      processing: { kind: "unchanged", to: "processing", effect: "none", note: "already recorded" },
      paid: { kind: "unchanged", to: "paid", effect: "none", note: "already recorded" },
      failed: { kind: "unchanged", to: "failed", effect: "none", note: "already recorded" },
      returned: { kind: "unchanged", to: "returned", effect: "none", note: "already recorded" },
    },
    otherwise: { kind: "stale", to: "requested", effect: "none" },
  },
  {
    name: "stripe_refused",
    cmd: { type: "stripe_refused", attempt: 1, at: AT },
    expect: { sending: { kind: "moved", to: "failed", effect: "void", note: "Stripe refused" } },
    otherwise: { kind: "stale", to: "requested", effect: "none" },
  },
  {
    name: "stripe_paid",
    cmd: { type: "stripe_paid", stripePayoutId: "po_1", attempt: 1, at: AT },
    expect: {
      sending: { kind: "moved", to: "paid", effect: "post", note: "paid" },
      processing: { kind: "moved", to: "paid", effect: "post", note: "paid" },
      paid: { kind: "unchanged", to: "paid", effect: "none", note: "payout p1 has been paid out" },
      failed: { kind: "unchanged", to: "failed", effect: "none", note: `payout p1 ${WORDS.failed}` },
      returned: { kind: "unchanged", to: "returned", effect: "none", note: `payout p1 ${WORDS.returned}` },
    },
    otherwise: { kind: "stale", to: "requested", effect: "none", note: "Stripe payout po_1 is not the current attempt of payout p1" },
  },
  {
    name: "stripe_failed",
    cmd: { type: "stripe_failed", stripePayoutId: "po_1", attempt: 1, at: AT },
    expect: {
      sending: { kind: "moved", to: "failed", effect: "void", note: "failed at Stripe" },
      processing: { kind: "moved", to: "failed", effect: "void", note: "failed at Stripe" },
      paid: { kind: "moved", to: "returned", effect: "return", note: "returned by the bank" },
      failed: { kind: "unchanged", to: "failed", effect: "none", note: `payout p1 ${WORDS.failed}` },
      returned: { kind: "unchanged", to: "returned", effect: "none", note: `payout p1 ${WORDS.returned}` },
    },
    otherwise: { kind: "stale", to: "requested", effect: "none", note: "Stripe payout po_1 is not the current attempt of payout p1" },
  },
];

describe("payout lifecycle: every command in every state", () => {
  for (const row of TABLE) {
    for (const status of PAYOUT_STATUSES) {
      const expected = row.expect[status] ?? row.otherwise;
      it(`${row.name} on a ${status} payout: ${expected === "refused" ? "refused" : "kind" in expected ? `${expected.kind}${expected.kind === "moved" ? ` to ${expected.to}` : ""}` : ""}`, () => {
        const p = payout(status);
        if (expected === "refused" || "refused" in expected) {
          assert.throws(() => transitionPayout(p, row.cmd), refusal("precondition", `Payout p1 ${WORDS[status]}; it cannot ${row.verb}.`));
          return;
        }
        const step = transitionPayout(p, row.cmd);
        const to = expected.kind === "moved" ? expected.to : status;
        assert.deepEqual([step.kind, step.from, step.to, step.effect, step.payout.status], [expected.kind, status, to, expected.effect, to]);
        if (expected.note) assert.equal(step.note, expected.note);
        if (expected.kind === "moved") assert.ok(canTransitionPayout(status, to), "a move the table allows is an edge of the graph");
        if (expected.kind !== "moved") assert.equal(step.payout, p, "nothing changed: the same object back, so the caller writes nothing");
      });
    }
  }
});

describe("payout lifecycle: the details of each edge", () => {
  it("approve records who and when; the payee (also when an admin) is refused before anything else", () => {
    const step = transitionPayout(payout("requested"), { type: "approve", by: "a1", at: AT });
    assert.deepEqual(step.payout.approvals, [{ by: "a1", at: AT }]);
    for (const by of ["c1", "someone-who-requested"]) {
      const p = payout("rejected", { requestedBy: "someone-who-requested" });
      assert.throws(() => transitionPayout(p, { type: "approve", by, at: AT }), refusal("permission", "You cannot approve your own payout p1; another admin must."));
    }
  });

  it("above the second-approval amount: the first approval is recorded and keeps it requested, the same admin twice is refused, a second admin approves", () => {
    const p = payout("requested", { requiredApprovals: 2 });
    const first = transitionPayout(p, { type: "approve", by: "a1", at: AT });
    assert.deepEqual([first.kind, first.to, first.effect, first.note], ["unchanged", "requested", "none", "approval 1 of 2 recorded; a second admin must approve"]);
    assert.deepEqual(first.payout.approvals, [{ by: "a1", at: AT }]);
    assert.deepEqual(p.approvals, [], "the input is not changed");
    assert.throws(() => transitionPayout(first.payout, { type: "approve", by: "a1", at: AT + 1 }), refusal("conflict", "You already approved payout p1; it needs the approval of a second admin."));
    const second = transitionPayout(first.payout, { type: "approve", by: "a2", at: AT + 2 });
    assert.deepEqual([second.kind, second.to, second.effect], ["moved", "approved", "send"]);
    assert.deepEqual(second.payout.approvals, [{ by: "a1", at: AT }, { by: "a2", at: AT + 2 }]);
  });

  it("retry: a new attempt, Stripe's id cleared, the old attempt kept; the payee may not retry, the system may, for at most the amount", () => {
    const p = payout("failed");
    const step = transitionPayout(p, { type: "retry", by: "a1", at: AT });
    assert.deepEqual(
      [step.payout.attempt, step.payout.amount, step.payout.stripePayoutId, step.payout.sendStartedAt, step.payout.pastAttempts],
      [2, 50_000, null, null, [{ attempt: 1, amount: 50_000, stripePayoutId: "po_1" }]],
    );
    assert.throws(() => transitionPayout(p, { type: "retry", by: "c1", at: AT }), refusal("permission", "You cannot retry your own payout p1; another admin must."));
    assert.equal(transitionPayout(p, { type: "retry", by: null, at: AT, amount: 30_000 }).payout.amount, 30_000);
    assert.equal(transitionPayout(p, { type: "retry", by: null, at: AT, amount: 1 }).payout.amount, 1);
    assert.equal(transitionPayout(p, { type: "retry", by: null, at: AT, amount: 50_000 }).payout.amount, 50_000);
    for (const amount of [0, 50_001, 1.5]) {
      assert.throws(() => transitionPayout(p, { type: "retry", by: null, at: AT, amount }), (e: unknown) => e instanceof DomainError && e.kind === "invalid_input" && e.field === "amount" && e.message === "A retry of payout p1 must be for 1 to 50000 minor units.");
    }
    const third = transitionPayout({ ...step.payout, status: "failed", stripePayoutId: "po_2" }, { type: "retry", by: "a2", at: AT });
    assert.deepEqual(third.payout.pastAttempts.map((a) => [a.attempt, a.stripePayoutId]), [[1, "po_1"], [2, "po_2"]]);
    assert.equal(third.note, "attempt 3");
  });

  it("refusals name the payout and say why; their field is the payout", () => {
    assert.throws(() => transitionPayout(payout("paid"), { type: "cancel", by: "c1", at: AT }), (e: unknown) => e instanceof DomainError && e.field === "status" && (e.details as { action: string }).action === "cancel");
    assert.throws(() => transitionPayout(payout("requested"), { type: "approve", by: "c1", at: AT }), (e: unknown) => e instanceof DomainError && e.field === "payoutId");
    assert.throws(() => transitionPayout(payout("requested", { approvals: [{ by: "a1", at: 1 }], requiredApprovals: 2 }), { type: "approve", by: "a1", at: AT }), (e: unknown) => e instanceof DomainError && e.field === "payoutId");
  });

  it("send: the claim stamps the start; a resend is allowed up to 20 hours after it and refused after", () => {
    const claimed = transitionPayout(payout("approved"), { type: "send", at: AT + 5 });
    assert.equal(claimed.payout.sendStartedAt, AT + 5);
    const sending = payout("sending");
    assert.equal(RESEND_WINDOW_MS, 72_000_000);
    assert.equal(transitionPayout(sending, { type: "send", at: AT + RESEND_WINDOW_MS }).effect, "call_stripe");
    assert.throws(
      () => transitionPayout(sending, { type: "send", at: AT + RESEND_WINDOW_MS + 1 }),
      refusal("precondition", "Payout p1 was first sent to Stripe over 20 hours ago and Stripe forgets the call's idempotency key at 24 h; compare Stripe's payouts of the account before doing anything with it."),
    );
    const answered = transitionPayout(payout("sending", { stripePayoutId: "po_1" }), { type: "send", at: AT + 1 });
    assert.deepEqual([answered.kind, answered.effect, answered.note], ["unchanged", "none", "payout p1 is being sent to Stripe"]);
    assert.equal(transitionPayout(payout("sending", { sendStartedAt: null }), { type: "send", at: AT * 100 }).effect, "call_stripe");
  });

  it("Stripe's answer: for another attempt it is stale; a settled payout that never stored Stripe's id gets it, keeping its status", () => {
    const stale = transitionPayout(payout("sending", { attempt: 2 }), { type: "stripe_accepted", attempt: 1, stripePayoutId: "po_1", at: AT });
    assert.deepEqual([stale.kind, stale.note], ["stale", "Stripe's answer for attempt 1; payout p1 is on attempt 2"]);
    for (const status of ["paid", "failed", "returned"] as const) {
      const step = transitionPayout(payout(status, { stripePayoutId: null }), { type: "stripe_accepted", attempt: 1, stripePayoutId: "po_9", at: AT });
      assert.deepEqual([step.kind, step.to, step.effect, step.payout.stripePayoutId, step.note], ["unchanged", status, "none", "po_9", `Stripe id stored; status stays ${status}`]);
    }
    const other = transitionPayout(payout("processing"), { type: "stripe_accepted", attempt: 1, stripePayoutId: "po_other", at: AT });
    assert.deepEqual([other.kind, other.note], ["stale", "Stripe's answer po_other does not match payout p1 (processing)"]);
  });

  it("Stripe's refusal applies only to the attempt being sent, before Stripe's id is known", () => {
    for (const p of [payout("sending", { attempt: 2 }), payout("sending", { stripePayoutId: "po_1" }), payout("processing")]) {
      const step = transitionPayout(p, { type: "stripe_refused", attempt: 1, at: AT });
      assert.equal(step.kind, "stale");
      assert.equal(step.note, `refusal for attempt 1 does not match payout p1 (${p.status}, attempt ${p.attempt})`);
    }
  });

  it("events match the exact attempt: by Stripe id, or by attempt while the id is not stored; an earlier attempt's events are stale", () => {
    const overtaken = payout("sending");
    assert.equal(transitionPayout(overtaken, { type: "stripe_paid", stripePayoutId: "po_new", attempt: 1, at: AT }).to, "paid");
    assert.equal(transitionPayout(overtaken, { type: "stripe_paid", stripePayoutId: "po_new", attempt: 1, at: AT }).payout.stripePayoutId, "po_new");
    assert.equal(transitionPayout(overtaken, { type: "stripe_paid", stripePayoutId: "po_new", attempt: 2, at: AT }).kind, "stale");
    assert.equal(transitionPayout(overtaken, { type: "stripe_paid", stripePayoutId: "po_new", attempt: null, at: AT }).kind, "stale");
    assert.equal(transitionPayout(payout("processing"), { type: "stripe_paid", stripePayoutId: "po_x", attempt: 1, at: AT }).kind, "stale", "a stored id must match");
    const retried = payout("processing", { attempt: 2, stripePayoutId: "po_2", pastAttempts: [{ attempt: 1, amount: 50_000, stripePayoutId: "po_1" }] });
    for (const type of ["stripe_paid", "stripe_failed"] as const) {
      const step = transitionPayout(retried, { type, stripePayoutId: "po_1", attempt: 1, at: AT });
      assert.deepEqual([step.kind, step.to, step.effect, step.note], ["stale", "processing", "none", "event of attempt 1; payout p1 is on attempt 2"]);
      assert.equal(step.payout, retried);
    }
    const lostFirst = payout("processing", { attempt: 2, stripePayoutId: "po_2", pastAttempts: [{ attempt: 1, amount: 50_000, stripePayoutId: null }] });
    assert.equal(transitionPayout(lostFirst, { type: "stripe_failed", stripePayoutId: "po_1", attempt: 1, at: AT }).note, "event of attempt 1; payout p1 is on attempt 2");
    assert.equal(transitionPayout(lostFirst, { type: "stripe_failed", stripePayoutId: "po_1", attempt: 3, at: AT }).note, "Stripe payout po_1 is not the current attempt of payout p1");
    assert.equal(transitionPayout(retried, { type: "stripe_failed", stripePayoutId: "po_2", attempt: 2, at: AT }).to, "failed");
    assert.equal(transitionPayout(retried, { type: "stripe_failed", stripePayoutId: "po_zzz", attempt: 1, at: AT }).note, "Stripe payout po_zzz is not the current attempt of payout p1", "attempt 1 had Stripe id po_1: po_zzz is none of ours");
  });

  it("a refusal without context still names the state and the target", () => {
    assert.throws(() => assertPayoutTransition("approve", "paid", "approved"), refusal("precondition", "This payout has been paid out; it cannot become approved."));
  });

  it("the graph: each action's edges, nothing from a final state, every status known", () => {
    for (const s of ["returned", "cancelled", "rejected"] as const) for (const t of PAYOUT_STATUSES) assert.ok(!canTransitionPayout(s, t), `${s} -> ${t}`);
    assert.ok(canTakePayoutEdge("cancel", "approved", "cancelled"));
    assert.ok(!canTakePayoutEdge("retry", "requested", "approved"), "a retry is not an approval");
    assert.ok(canTakePayoutEdge("stripe_refused", "sending", "failed"));
    assert.ok(!canTakePayoutEdge("stripe_refused", "processing", "failed"));
    assert.equal(Object.values(PAYOUT_EDGES).flat().length, 13);
    assert.ok(PAYOUT_STATUSES.every(isPayoutStatus));
    assert.ok(!isPayoutStatus("paid_out") && !isPayoutStatus(3) && !isPayoutStatus(null));
  });
});
