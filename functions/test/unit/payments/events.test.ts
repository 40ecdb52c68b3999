import { InMemoryAuditLog } from "../../fakes/in-memory-audit-log";
import assert from "node:assert/strict";
import fc from "fast-check";
import { ingestStripeEvent } from "../../../src/app/stripe-events/ingest-event";
import { paymentEventHandlers } from "../../../src/app/payments/payment-event-handlers";
import type { PaymentDeps } from "../../../src/app/payments/payment-deps";
import { refundDeps } from "../../fakes/in-memory-approvals";
import { refundPayment } from "../../../src/app/payments/refund-payment";
import {
  MAX_ATTEMPTS,
  processStripeEvent,
  retryDueEvents,
} from "../../../src/app/stripe-events/process-event";
import { balanceFromEntries } from "../../../src/domain/balances";
import type { StripeEventRecord } from "../../../src/ports/event-store";
import { FakePaymentsGateway } from "../../fakes/fake-payments-gateway";
import { InMemoryMoneyStore } from "../../fakes/in-memory-money-store";
import {
  fixedSettings,
  InMemoryCustomers,
  InMemoryEvents,
  InMemorySubscriptions,
} from "../../fakes/in-memory-payment-stores";

let clockMs = Date.parse("2026-11-20T10:00:00Z");
const clock = { now: () => new Date(clockMs) };

function setup() {
  const money = new InMemoryMoneyStore();
  const gateway = new FakePaymentsGateway();
  const customers = new InMemoryCustomers();
  customers.add("user-1", { stripeCustomerId: "cus_1" });
  const subscriptions = new InMemorySubscriptions();
  const deps: PaymentDeps = {
    audit: new InMemoryAuditLog(),
    money,
    gateway,
    settings: fixedSettings(),
    customers,
    subscriptions,
    clock,
  };
  const events = new InMemoryEvents();
  const proc = { events, handlers: paymentEventHandlers(deps), clock };
  let n = 0;
  const deliver = async (type: string, object: Record<string, unknown>, id = `evt_${++n}`) => {
    const ev: StripeEventRecord = {
      id,
      type,
      account: null,
      created: 1_795_000_000 + n,
      livemode: false,
      data: { object },
    };
    const stored = await ingestStripeEvent(
      { events, clock, expectLivemode: false, endpoint: "platform" },
      ev,
    );
    if (stored === "stored") await processStripeEvent(proc, id);
    return { id, stored, event: events.events.get(id) };
  };
  return { money, gateway, customers, subscriptions, deps, events, proc, deliver };
}

const piSucceeded = (id: string) => ({
  id,
  object: "payment_intent",
  metadata: { kassaKind: "program" },
});

describe("payment events -> payments, ledger and balances", () => {
  it("books a program sale: payment document, sale + Stripe fee entries, coach share held", async () => {
    const s = setup();
    s.gateway.addProgramPayment("pi_1");
    await s.deliver("payment_intent.succeeded", piSucceeded("pi_1"));
    const p = s.money.payments.get("pi_1")!;
    assert.equal(p.status, "succeeded");
    assert.equal(p.amount, 49900);
    assert.equal(p.feeAmount, 9980);
    assert.equal(p.coachAmount, 39920);
    assert.equal(p.stripeFee, 929);
    assert.equal(p.coachId, "coach-1");
    assert.equal(p.availableOn, 1_795_000_000_000 + 7 * 86_400_000);
    assert.deepEqual(p.entryIds.sort(), ["pi_1:capture", "txn_pi_1:stripe_fee"]);
    const b = s.money.balance("coach-1");
    assert.equal(b.held, 39920);
    assert.equal(b.available, 0);
    for (const e of s.money.entries.values())
      assert.equal(
        e.postings.reduce((x, p) => x + p.amount, 0),
        0,
      );
  });

  it("a duplicate delivery is stored once and books nothing twice", async () => {
    const s = setup();
    s.gateway.addProgramPayment("pi_1");
    const first = await s.deliver("payment_intent.succeeded", piSucceeded("pi_1"), "evt_same");
    const again = await s.deliver("payment_intent.succeeded", piSucceeded("pi_1"), "evt_same");
    assert.equal(first.stored, "stored");
    assert.equal(again.stored, "duplicate");
    assert.equal(s.money.entries.size, 2);
  });

  it("checkout.session.completed and payment_intent.succeeded for one purchase book it once", async () => {
    const s = setup();
    s.gateway.addProgramPayment("pi_1");
    await s.deliver("checkout.session.completed", {
      id: "cs_1",
      mode: "payment",
      payment_intent: "pi_1",
      metadata: { kassaKind: "program" },
    });
    const second = await s.deliver("payment_intent.succeeded", piSucceeded("pi_1"));
    assert.match(second.event?.note ?? "", /already booked/);
    assert.equal(s.money.balance("coach-1").held, 39920);
  });

  it("a refund that overtakes the sale's events books the sale first, then the refund", async () => {
    const s = setup();
    s.gateway.addProgramPayment("pi_1");
    await s.gateway.refund({
      idempotencyKey: "k",
      paymentIntentId: "pi_1",
      amount: 49900,
      reason: "requested_by_customer",
      reverseTransfer: true,
      refundApplicationFee: true,
      metadata: {},
    });
    await s.deliver("charge.refunded", { id: "ch_pi_1", payment_intent: "pi_1" });
    await s.deliver("payment_intent.succeeded", piSucceeded("pi_1"));
    const p = s.money.payments.get("pi_1")!;
    assert.equal(p.status, "refunded");
    assert.equal(p.refundedAmount, 49900);
    const b = s.money.balance("coach-1");
    assert.equal(b.held, 0);
    assert.equal(b.available, 0);
  });

  it("a late failure event never moves a succeeded payment back", async () => {
    const s = setup();
    s.gateway.addProgramPayment("pi_1");
    await s.deliver("payment_intent.succeeded", piSucceeded("pi_1"));
    await s.deliver("payment_intent.payment_failed", {
      id: "pi_1",
      amount: 49900,
      currency: "sek",
      metadata: { kassaKind: "program", coachId: "coach-1" },
      last_payment_error: { message: "declined" },
    });
    assert.equal(s.money.payments.get("pi_1")?.status, "succeeded");
  });

  it("a declined attempt leaves a failed payment with the reason and no ledger entries", async () => {
    const s = setup();
    await s.deliver("payment_intent.payment_failed", {
      id: "pi_9",
      amount: 49900,
      currency: "sek",
      created: 1_795_000_000,
      metadata: { kassaKind: "program", coachId: "coach-1", userId: "user-1" },
      last_payment_error: { message: "Your card was declined." },
    });
    const p = s.money.payments.get("pi_9")!;
    assert.equal(p.status, "failed");
    assert.equal(p.failureReason, "Your card was declined.");
    assert.equal(s.money.entries.size, 0);
  });

  it("a dispute takes the coach's share back at once; a won dispute returns it to available", async () => {
    const s = setup();
    s.gateway.addProgramPayment("pi_1");
    await s.deliver("payment_intent.succeeded", piSucceeded("pi_1"));
    const dispute = {
      id: "dp_1",
      amount: 49900,
      payment_intent: "pi_1",
      status: "needs_response",
      created: 1_795_100_000,
      balance_transactions: [{ amount: -49900, fee: 25000 }],
    };
    await s.deliver("charge.dispute.created", dispute);
    assert.equal(s.money.payments.get("pi_1")?.status, "disputed");
    assert.equal(s.money.balance("coach-1").held, 0);
    await s.deliver("charge.dispute.closed", { ...dispute, status: "won" });
    assert.equal(s.money.payments.get("pi_1")?.status, "succeeded");
    assert.equal(s.money.balance("coach-1").available, 39920);
  });

  it("a lost dispute keeps the payment disputed and the share reversed", async () => {
    const s = setup();
    s.gateway.addProgramPayment("pi_1");
    await s.deliver("payment_intent.succeeded", piSucceeded("pi_1"));
    const dispute = {
      id: "dp_1",
      amount: 49900,
      payment_intent: "pi_1",
      status: "needs_response",
      created: 1_795_100_000,
      balance_transactions: [{ amount: -49900, fee: 25000 }],
    };
    await s.deliver("charge.dispute.created", dispute);
    await s.deliver("charge.dispute.closed", { ...dispute, status: "lost" });
    const p = s.money.payments.get("pi_1")!;
    assert.equal(p.status, "disputed");
    assert.equal(p.disputeOutcome, "lost");
    const b = s.money.balance("coach-1");
    assert.equal(b.held + b.available, 0);
  });

  it("subscriptions: invoice.paid books platform revenue; status events apply newest-first only", async () => {
    const s = setup();
    s.gateway.addProgramPayment("pi_sub", {
      amount: { amount: 9900, currency: "sek" },
      fee: 0,
      stripeFee: 329,
    });
    s.gateway.payments.get("pi_sub")!.metadata = {};
    s.gateway.payInvoice("in_1", "pi_sub", 1_795_000_500);
    await s.deliver("invoice.paid", {
      id: "in_1",
      customer: "cus_1",
      amount_paid: 9900,
      currency: "sek",
      status_transitions: { paid_at: 1_795_000_500 },
      parent: { subscription_details: { subscription: "sub_1", metadata: { userId: "user-1" } } },
    });
    const p = s.money.payments.get("pi_sub")!;
    assert.equal(p.kind, "subscription");
    assert.equal(p.invoiceId, "in_1");
    assert.equal(p.coachAmount, 0);
    assert.equal(p.userId, "user-1");
    const newer = {
      id: "evt_new",
      type: "customer.subscription.updated",
      account: null,
      created: 1_795_000_900,
      livemode: false,
      data: {
        object: {
          id: "sub_1",
          customer: "cus_1",
          status: "active",
          cancel_at_period_end: true,
          metadata: { userId: "user-1" },
        },
      },
    };
    const older = {
      ...newer,
      id: "evt_old",
      type: "customer.subscription.created",
      created: 1_795_000_100,
      data: { object: { ...newer.data.object, cancel_at_period_end: false, status: "incomplete" } },
    };
    for (const ev of [newer, older]) {
      await ingestStripeEvent(
        { events: s.events, clock, expectLivemode: false, endpoint: "platform" },
        ev,
      );
      await processStripeEvent(s.proc, ev.id);
    }
    const sub = s.subscriptions.subs.get("sub_1")!;
    assert.equal(sub.status, "active");
    assert.equal(sub.cancelAtPeriodEnd, true);
  });

  it("unknown event types are acknowledged and ignored with a note", async () => {
    const s = setup();
    const r = await s.deliver("customer.created", { id: "cus_9" });
    assert.equal(r.event?.status, "ignored");
    assert.match(r.event?.note ?? "", /does not act on customer.created/);
  });

  it("a checkout session Kassa did not start is ignored, visibly", async () => {
    const s = setup();
    const r = await s.deliver("checkout.session.completed", {
      id: "cs_x",
      mode: "payment",
      payment_intent: "pi_x",
      metadata: {},
    });
    assert.equal(r.event?.status, "ignored");
    assert.match(r.event?.note ?? "", /not started by Kassa/);
  });

  it("refuses a live event in a test deployment and stores nothing", async () => {
    const s = setup();
    const ev = {
      id: "evt_live",
      type: "payment_intent.succeeded",
      account: null,
      created: 1,
      livemode: true,
      data: { object: {} },
    };
    await assert.rejects(
      ingestStripeEvent(
        { events: s.events, clock, expectLivemode: false, endpoint: "platform" },
        ev,
      ),
      /live event/,
    );
    assert.equal(s.events.events.size, 0);
  });
});

describe("event failures and retries", () => {
  it("records the reason, retries with backoff, and marks the event dead after the last try", async () => {
    const s = setup();
    s.gateway.addProgramPayment("pi_1");
    s.gateway.failNext = null;
    const died: { id: string; type: string; error: string }[] = [];
    const failing = {
      ...s.proc,
      handlers: {
        "payment_intent.succeeded": async () => {
          throw new Error("Stripe is unavailable");
        },
      },
      onDead: async (dead: { id: string; type: string; error: string }) => {
        died.push(dead);
      },
    };
    await ingestStripeEvent(
      { events: s.events, clock, expectLivemode: false, endpoint: "platform" },
      {
        id: "evt_f",
        type: "payment_intent.succeeded",
        account: null,
        created: 1,
        livemode: false,
        data: { object: {} },
      },
    );
    await processStripeEvent(failing, "evt_f");
    let e = s.events.events.get("evt_f")!;
    assert.equal(e.status, "failed");
    assert.equal(e.error, "Stripe is unavailable");
    assert.equal(e.attempts, 1);
    assert.equal(e.nextAttemptAt, clockMs + 60_000);
    assert.deepEqual(await s.events.dueForRetry(clockMs, 10, clockMs - 600_000), []);
    for (let i = 2; i <= MAX_ATTEMPTS; i++) {
      assert.deepEqual(died, [], `no alert while attempts remain (attempt ${i - 1})`);
      clockMs += 3_600_000 * 24;
      await retryDueEvents(failing);
    }
    e = s.events.events.get("evt_f")!;
    assert.equal(e.status, "dead");
    assert.equal(e.attempts, MAX_ATTEMPTS);
    assert.deepEqual(
      died,
      [{ id: "evt_f", type: "payment_intent.succeeded", error: "Stripe is unavailable" }],
      "one alert, when it died",
    );
    // An admin re-run after the cause is fixed books it.
    await processStripeEvent(s.proc, "evt_f", { force: true });
  });

  it("an event that fails because the sale is not booked yet succeeds on retry", async () => {
    const s = setup();
    // A subscription payment refunded before invoice.paid was processed: nothing to book yet.
    s.gateway.addProgramPayment("pi_sub", { amount: { amount: 9900, currency: "sek" } });
    s.gateway.payments.get("pi_sub")!.metadata = {};
    s.gateway.payInvoice("in_1", "pi_sub", 1_795_000_500);
    s.gateway.addRefund("pi_sub", { id: "re_1", amount: 9900, created: 1_795_000_900 });
    const r = await s.deliver("charge.refunded", { id: "ch_1", payment_intent: "pi_sub" });
    assert.equal(r.event?.status, "failed");
    assert.match(r.event?.error ?? "", /not booked yet/);
    await s.deliver("invoice.paid", {
      id: "in_1",
      customer: "cus_1",
      amount_paid: 9900,
      currency: "sek",
      parent: { subscription_details: { subscription: "sub_1", metadata: { userId: "user-1" } } },
    });
    clockMs += 120_000;
    await retryDueEvents(s.proc);
    assert.equal(s.events.events.get(r.id)?.status, "processed");
    assert.equal(s.money.payments.get("pi_sub")?.status, "refunded");
  });
});

describe("events the trigger never ran for", () => {
  it("are processed by the sweeper once they have waited ten minutes", async () => {
    const s = setup();
    s.gateway.addProgramPayment("pi_1");
    const ev = {
      id: "evt_lost",
      type: "payment_intent.succeeded",
      account: null,
      created: 1,
      livemode: false,
      data: { object: { id: "pi_1" } },
    };
    await ingestStripeEvent(
      { events: s.events, clock, expectLivemode: false, endpoint: "platform" },
      ev,
    );
    await retryDueEvents(s.proc);
    assert.equal(
      s.events.events.get("evt_lost")?.status,
      "received",
      "not yet: the trigger may still run",
    );
    clockMs += 11 * 60_000;
    await retryDueEvents(s.proc);
    assert.equal(s.events.events.get("evt_lost")?.status, "processed");
    assert.equal(s.money.payments.get("pi_1")?.status, "succeeded");
  });
});

describe("admin refunds", () => {
  const admin = { uid: "admin-1", role: "admin" as const, email: null };

  it("a retried request (same requestId) makes one Stripe refund", async () => {
    const s = setup();
    s.gateway.addProgramPayment("pi_1");
    await s.deliver("payment_intent.succeeded", piSucceeded("pi_1"));
    const a = await refundPayment(refundDeps(s.deps), admin, {
      paymentId: "pi_1",
      amount: 10000,
      reason: "requested_by_customer",
      requestId: "req-abcdef",
    });
    const b = await refundPayment(refundDeps(s.deps), admin, {
      paymentId: "pi_1",
      amount: 10000,
      reason: "requested_by_customer",
      requestId: "req-abcdef",
    });
    assert.equal(a.refundId, b.refundId);
    assert.equal(s.gateway.refunds.get("pi_1")?.length, 1);
    const audit = (s.deps.audit as InMemoryAuditLog).entries;
    assert.deepEqual(audit.map((e) => [e.action, e.by, e.target, e.details["amount"], e.details["refundId"]]), [["refund_requested", "admin-1", "pi_1", 10000, a.refundId]], "audited once, with who, what and how much");
  });

  it("refuses more than is left, and non-admins, without calling Stripe", async () => {
    const s = setup();
    s.gateway.addProgramPayment("pi_1");
    await s.deliver("payment_intent.succeeded", piSucceeded("pi_1"));
    await assert.rejects(
      refundPayment(refundDeps(s.deps), admin, {
        paymentId: "pi_1",
        amount: 50000,
        reason: "requested_by_customer",
        requestId: "req-123456",
      }),
      /amount: at most 49900/,
    );
    await assert.rejects(
      refundPayment(
        refundDeps(s.deps),
        { uid: "c", role: "coach", email: null },
        {
          paymentId: "pi_1",
          amount: 100,
          reason: "requested_by_customer",
          requestId: "req-123457",
        },
      ),
      /admin/,
    );
    assert.equal(s.gateway.count("refund"), 0);
  });
});

describe("ledger properties over random event histories", () => {
  it("every entry balances and coach balances equal the sum of their entries, whatever the order and repeats", async () => {
    const kinds = fc.constantFrom("sale", "refund", "dispute", "duplicate");
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(kinds, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 30000 })),
          { maxLength: 25 },
        ),
        async (steps) => {
          const s = setup();
          for (let i = 0; i < 5; i++)
            s.gateway.addProgramPayment(`pi_${i}`, { coachId: i % 2 ? "coach-a" : "coach-b" });
          let refundN = 0;
          for (const [kind, i, amount] of steps) {
            const pi = `pi_${i}`;
            if (kind === "sale" || kind === "duplicate")
              await s.deliver(
                "payment_intent.succeeded",
                piSucceeded(pi),
                kind === "duplicate" ? `evt_dup_${i}` : undefined,
              );
            if (kind === "refund") {
              const left =
                49900 - (s.gateway.refunds.get(pi) ?? []).reduce((x, r) => x + r.amount, 0);
              if (left <= 0) continue;
              s.gateway.addRefund(pi, {
                id: `re_${++refundN}`,
                amount: Math.min(amount, left),
                created: 1_795_000_000 + refundN,
              });
              await s.deliver("charge.refunded", { id: `ch_${pi}`, payment_intent: pi });
            }
            if (
              kind === "dispute" &&
              !s.money.payments.get(pi)?.entryIds.some((e) => e.includes("dispute"))
            ) {
              const booked = s.money.payments.get(pi);
              const left = booked ? booked.amount - booked.refundedAmount : 49900;
              if (left > 0)
                await s.deliver("charge.dispute.created", {
                  id: `dp_${i}`,
                  amount: left,
                  payment_intent: pi,
                  status: "needs_response",
                  created: 1_795_000_000,
                  balance_transactions: [{ amount: -left, fee: 25000 }],
                });
            }
          }
          const entries = [...s.money.entries.values()];
          for (const e of entries)
            assert.equal(
              e.postings.reduce((x, p) => x + p.amount, 0),
              0,
              `entry ${e.id} unbalanced`,
            );
          for (const coach of ["coach-a", "coach-b"]) {
            assert.deepEqual(s.money.balance(coach), balanceFromEntries(coach, "sek", entries));
          }
          for (const p of s.money.payments.values()) assert.ok(p.refundedAmount <= p.amount);
        },
      ),
      { numRuns: 60 },
    );
  });
});
