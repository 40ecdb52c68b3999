/**
 * Each payment event handler as the event processor sees it: the outcome (processed or
 * ignored, with the note an admin reads in stripeEvents), the payments document it leaves and
 * the ledger entries it books. Handlers are called directly so every branch's note is checked.
 */
import assert from "node:assert/strict";
import { paymentEventHandlers } from "../../../src/app/payments/payment-event-handlers";
import type { PaymentDeps } from "../../../src/app/payments/payment-deps";
import { DomainError } from "../../../src/domain/errors";
import type { StripeEventRecord } from "../../../src/ports/event-store";
import { FakePaymentsGateway } from "../../fakes/fake-payments-gateway";
import { InMemoryAuditLog } from "../../fakes/in-memory-audit-log";
import { InMemoryMoneyStore } from "../../fakes/in-memory-money-store";
import {
  fixedSettings,
  InMemoryCustomers,
  InMemorySubscriptions,
} from "../../fakes/in-memory-payment-stores";

const NOW = Date.parse("2026-11-20T10:00:00Z");
const EVENT_AT = 1_795_000_500;

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
    clock: { now: () => new Date(NOW) },
  };
  const handlers = paymentEventHandlers(deps);
  const handle = (type: string, object: Record<string, unknown>, created = EVENT_AT) => {
    const ev: StripeEventRecord = {
      id: `evt_${type}`,
      type,
      account: null,
      created,
      livemode: false,
      data: { object },
    };
    const h = handlers[type];
    assert.ok(h, `a handler for ${type}`);
    return h(ev);
  };
  return { money, gateway, subscriptions, handle, handlers };
}

const ignored = (note: string) => ({ result: "ignored", note });
const processed = (note: string) => ({ result: "processed", note });

describe("payment_intent.succeeded and completed checkout sessions", () => {
  it("books a Kassa program payment, and says so once it is already booked", async () => {
    const s = setup();
    s.gateway.addProgramPayment("pi_1");
    const pi = { id: "pi_1", metadata: { kassaKind: "program" } };
    assert.deepEqual(
      await s.handle("payment_intent.succeeded", pi),
      processed("booked payment pi_1"),
    );
    assert.deepEqual(
      await s.handle("payment_intent.succeeded", pi),
      processed("payment pi_1 was already booked"),
    );
    assert.equal(s.money.payments.get("pi_1")?.status, "succeeded");
  });

  it("ignores a payment without an id, one that is not Kassa's and one not yet succeeded", async () => {
    const s = setup();
    assert.deepEqual(
      await s.handle("payment_intent.succeeded", {}),
      ignored("no payment intent on this object"),
    );
    s.gateway.addProgramPayment("pi_sub").metadata = {};
    assert.deepEqual(
      await s.handle("payment_intent.succeeded", { id: "pi_sub" }),
      ignored(
        "payment pi_sub is not a Kassa program sale (subscriptions are booked from invoice.paid)",
      ),
    );
    s.gateway.addProgramPayment("pi_wait").status = "processing";
    assert.deepEqual(
      await s.handle("payment_intent.succeeded", { id: "pi_wait" }),
      ignored("payment pi_wait has not succeeded yet"),
    );
    assert.equal(s.money.entries.size, 0);
  });

  for (const type of ["checkout.session.completed", "checkout.session.async_payment_succeeded"]) {
    it(`${type}: books a program session's payment (id or expanded object), not a foreign session`, async () => {
      const s = setup();
      s.gateway.addProgramPayment("pi_1");
      assert.deepEqual(
        await s.handle(type, { id: "cs_x", mode: "payment", payment_intent: "pi_1", metadata: {} }),
        ignored("checkout session cs_x was not started by Kassa"),
      );
      assert.equal(s.money.entries.size, 0);
      assert.deepEqual(
        await s.handle(type, {
          id: "cs_1",
          mode: "payment",
          payment_intent: { id: "pi_1" },
          metadata: { kassaKind: "program" },
        }),
        processed("booked payment pi_1"),
      );
      assert.equal(s.money.payments.get("pi_1")?.status, "succeeded");
    });

    it(`${type}: an unpaid or subscription session books nothing here`, async () => {
      const s = setup();
      assert.deepEqual(
        await s.handle(type, { id: "cs_2", mode: "payment", metadata: { kassaKind: "program" } }),
        ignored("no payment intent on this object"),
      );
      const sub = await s.handle(type, {
        id: "cs_3",
        mode: "subscription",
        subscription: "sub_1",
        metadata: { kassaKind: "plan" },
      });
      assert.equal(sub.result, "processed");
      assert.match(sub.note ?? "", /^subscription sub_1(:| started;) booked from its invoice$/);
      assert.equal(s.money.entries.size, 0);
      assert.equal(s.gateway.count("getPayment"), 0);
    });
  }

  it("the two subscription-session notes as written", async () => {
    const s = setup();
    const session = {
      id: "cs_3",
      mode: "subscription",
      subscription: "sub_1",
      metadata: { kassaKind: "plan" },
    };
    assert.deepEqual(
      await s.handle("checkout.session.completed", session),
      processed("subscription sub_1 started; booked from its invoice"),
    );
    assert.deepEqual(
      await s.handle("checkout.session.async_payment_succeeded", session),
      processed("subscription sub_1: booked from its invoice"),
    );
  });
});

describe("attempts that are not sales: failed and processing payments", () => {
  const session = {
    id: "cs_1",
    payment_intent: "pi_1",
    amount_total: 29900,
    currency: "eur",
    created: 1_795_000_100,
    metadata: { kassaKind: "program", userId: "user-1", coachId: "coach-1", programId: "p1" },
  };

  it("a failed delayed checkout payment leaves a failed payments document with the session's facts", async () => {
    const s = setup();
    assert.deepEqual(
      await s.handle("checkout.session.async_payment_failed", session),
      processed("recorded the failed delayed payment pi_1"),
    );
    const p = s.money.payments.get("pi_1")!;
    assert.equal(p.status, "failed");
    assert.equal(p.kind, "program");
    assert.equal(p.amount, 29900);
    assert.equal(p.currency, "eur");
    assert.equal(p.userId, "user-1");
    assert.equal(p.coachId, "coach-1");
    assert.equal(p.programId, "p1");
    assert.equal(p.invoiceId, null);
    assert.equal(p.subscriptionId, null);
    assert.equal(p.date, 1_795_000_100_000);
    assert.equal(
      p.failureReason,
      "The payment did not go through (the bank refused or it expired).",
    );
    assert.equal(s.money.entries.size, 0);
  });

  it("a failed delayed payment without amount, currency, date or metadata strings gets defaults", async () => {
    const s = setup();
    await s.handle("checkout.session.async_payment_failed", {
      id: "cs_1",
      payment_intent: { id: "pi_2" },
      metadata: { kassaKind: "program", userId: 7 },
    });
    const p = s.money.payments.get("pi_2")!;
    assert.equal(p.amount, 0);
    assert.equal(p.currency, "sek");
    assert.equal(p.userId, null);
    assert.equal(p.coachId, null);
    assert.equal(p.programId, null);
    assert.equal(p.date, EVENT_AT * 1000);
  });

  it("a PaymentIntent's own amount wins over a session total", async () => {
    const s = setup();
    await s.handle("payment_intent.processing", {
      id: "pi_3",
      amount: 100,
      amount_total: 200,
      metadata: { kassaKind: "program" },
    });
    assert.equal(s.money.payments.get("pi_3")?.amount, 100);
  });

  it("ignores a failed session that is not a Kassa program payment or has no payment", async () => {
    const s = setup();
    const note = ignored("checkout session cs_1 is not a Kassa program payment");
    assert.deepEqual(
      await s.handle("checkout.session.async_payment_failed", {
        ...session,
        metadata: { kassaKind: "plan" },
      }),
      note,
    );
    assert.deepEqual(
      await s.handle("checkout.session.async_payment_failed", { ...session, payment_intent: null }),
      note,
    );
    assert.equal(s.money.payments.size, 0);
  });

  it("a processing program payment leaves a pending document and books nothing", async () => {
    const s = setup();
    assert.deepEqual(
      await s.handle("payment_intent.processing", {
        id: "pi_1",
        amount: 49900,
        currency: "sek",
        created: 1_795_000_200,
        metadata: { kassaKind: "program", userId: "user-1", coachId: "coach-1", programId: "p1" },
      }),
      processed("payment pi_1 is processing; booked when it succeeds"),
    );
    const p = s.money.payments.get("pi_1")!;
    assert.equal(p.status, "pending");
    assert.equal(p.amount, 49900);
    assert.equal(p.coachId, "coach-1");
    assert.equal(p.date, 1_795_000_200_000);
    assert.equal(s.money.entries.size, 0);
  });

  it("ignores a processing payment that is not Kassa's program or has no id", async () => {
    const s = setup();
    const note = ignored("not a Kassa program payment");
    assert.deepEqual(
      await s.handle("payment_intent.processing", { id: "pi_1", metadata: {} }),
      note,
    );
    assert.deepEqual(
      await s.handle("payment_intent.processing", { metadata: { kassaKind: "program" } }),
      note,
    );
    assert.equal(s.money.payments.size, 0);
  });

  it("a failed program PaymentIntent records Stripe's message as the reason", async () => {
    const s = setup();
    assert.deepEqual(
      await s.handle("payment_intent.payment_failed", {
        id: "pi_1",
        amount: 49900,
        currency: "nok",
        created: 1_795_000_300,
        metadata: { kassaKind: "program", userId: "user-1", coachId: "coach-1", programId: "p1" },
        last_payment_error: { message: "Your card was declined.", code: "card_declined" },
      }),
      processed("recorded the failed attempt"),
    );
    const p = s.money.payments.get("pi_1")!;
    assert.equal(p.status, "failed");
    assert.equal(p.kind, "program");
    assert.equal(p.amount, 49900);
    assert.equal(p.currency, "nok");
    assert.equal(p.userId, "user-1");
    assert.equal(p.coachId, "coach-1");
    assert.equal(p.programId, "p1");
    assert.equal(p.invoiceId, null);
    assert.equal(p.subscriptionId, null);
    assert.equal(p.date, 1_795_000_300_000);
    assert.equal(p.failureReason, "Your card was declined.");
  });

  it("a failed PaymentIntent without a message keeps the code; missing facts get defaults", async () => {
    const s = setup();
    await s.handle("payment_intent.payment_failed", {
      id: "pi_1",
      metadata: { kassaKind: "program" },
      last_payment_error: { code: "expired_card" },
    });
    const p = s.money.payments.get("pi_1")!;
    assert.equal(p.failureReason, "expired_card");
    assert.equal(p.amount, 0);
    assert.equal(p.currency, "sek");
    assert.equal(p.userId, null);
    assert.equal(p.coachId, null);
    assert.equal(p.programId, null);
    assert.equal(p.date, EVENT_AT * 1000);
  });

  it("ignores a failed PaymentIntent that is not a Kassa program payment", async () => {
    const s = setup();
    assert.deepEqual(
      await s.handle("payment_intent.payment_failed", {
        id: "pi_1",
        metadata: { kassaKind: "plan" },
      }),
      ignored("not a Kassa program payment"),
    );
    assert.equal(s.money.payments.size, 0);
  });
});

describe("refund events", () => {
  it("charge.refunded books the new refunds once, then says they are booked", async () => {
    const s = setup();
    s.gateway.addProgramPayment("pi_1");
    s.gateway.addRefund("pi_1", { id: "re_1", amount: 10000, created: 1_795_100_000 });
    const charge = { id: "ch_pi_1", payment_intent: "pi_1" };
    assert.deepEqual(
      await s.handle("charge.refunded", charge),
      processed("booked 1 refund(s) of pi_1"),
    );
    assert.deepEqual(
      await s.handle("charge.refunded", charge),
      processed("refunds of pi_1 already booked"),
    );
    assert.equal(s.money.payments.get("pi_1")?.refundedAmount, 10000);
    assert.deepEqual(
      await s.handle("charge.refunded", { id: "ch_2" }),
      ignored("charge without a payment intent"),
    );
  });

  for (const type of ["refund.created", "refund.updated", "charge.refund.updated"]) {
    it(`${type}: a refund that succeeded is dated by this event, then nothing new is booked`, async () => {
      const s = setup();
      s.gateway.addProgramPayment("pi_1");
      s.gateway.addRefund("pi_1", { id: "re_1", amount: 10000, created: 1_795_100_000 });
      const refund = { id: "re_1", status: "succeeded", payment_intent: "pi_1" };
      assert.deepEqual(
        await s.handle(type, refund, 1_795_200_000),
        processed("booked 1 refund(s) of pi_1"),
      );
      assert.equal(s.money.entries.get("re_1:refund")?.occurredAt, 1_795_200_000_000);
      assert.deepEqual(
        await s.handle(type, refund),
        processed("refunds of pi_1: nothing new succeeded"),
      );
      assert.deepEqual(
        await s.handle(type, { id: "re_2" }),
        ignored("refund without a payment intent"),
      );
    });
  }

  it("a refund event that is not (yet) succeeded keeps the refund's own date", async () => {
    const s = setup();
    s.gateway.addProgramPayment("pi_1");
    s.gateway.addRefund("pi_1", { id: "re_1", amount: 10000, created: 1_795_100_000 });
    await s.handle(
      "refund.updated",
      { id: "re_1", status: "pending", payment_intent: "pi_1" },
      1_795_200_000,
    );
    assert.equal(s.money.entries.get("re_1:refund")?.occurredAt, 1_795_100_000_000);
  });

  it("a succeeded refund event for another refund leaves this one's date alone", async () => {
    const s = setup();
    s.gateway.addProgramPayment("pi_1");
    s.gateway.addRefund("pi_1", { id: "re_1", amount: 10000, created: 1_795_100_000 });
    await s.handle(
      "refund.updated",
      { status: "succeeded", payment_intent: "pi_1" },
      1_795_200_000,
    );
    assert.equal(s.money.entries.get("re_1:refund")?.occurredAt, 1_795_100_000_000);
  });
});

describe("dispute events", () => {
  const dispute = (
    status: string,
    txns: Record<string, unknown>[] = [],
    extra: Record<string, unknown> = {},
  ) => ({
    id: "dp_1",
    amount: 49900,
    payment_intent: "pi_1",
    status,
    balance_transactions: txns,
    ...extra,
  });
  const withdrawal = { amount: -49900, fee: 25000, created: 1_795_100_000 };

  async function sold() {
    const s = setup();
    s.gateway.addProgramPayment("pi_1");
    await s.handle("payment_intent.succeeded", { id: "pi_1" });
    return s;
  }

  it("ignores a dispute without an id or payment intent", async () => {
    const s = setup();
    const note = ignored("dispute without a payment intent");
    assert.deepEqual(await s.handle("charge.dispute.created", { id: "dp_1" }), note);
    assert.deepEqual(await s.handle("charge.dispute.created", { payment_intent: "pi_1" }), note);
  });

  for (const type of ["charge.dispute.created", "charge.dispute.funds_withdrawn"]) {
    it(`${type}: books the withdrawal (dated by its balance transaction) with the dispute fee`, async () => {
      const s = await sold();
      assert.deepEqual(
        await s.handle(type, dispute("needs_response", [{ amount: 100, fee: 0 }, withdrawal])),
        processed("dispute dp_1 (needs_response): booked"),
      );
      const opened = s.money.entries.get("dp_1:dispute")!;
      assert.equal(opened.occurredAt, 1_795_100_000_000);
      const debits = opened.postings.filter((p) => p.amount > 0).reduce((x, p) => x + p.amount, 0);
      assert.equal(debits, 49900 + 25000, "the disputed amount and the fee");
      assert.equal(s.money.payments.get("pi_1")?.status, "disputed");
      assert.deepEqual(
        await s.handle(type, dispute("needs_response", [withdrawal])),
        processed("dispute dp_1 (needs_response): already booked"),
      );
    });
  }

  it("a withdrawal without a date is dated by the event; without a fee books none", async () => {
    const s = await sold();
    await s.handle(
      "charge.dispute.created",
      dispute("needs_response", [{ amount: -49900 }]),
      1_795_300_000,
    );
    const opened = s.money.entries.get("dp_1:dispute")!;
    assert.equal(opened.occurredAt, 1_795_300_000_000);
    const debits = opened.postings.filter((p) => p.amount > 0).reduce((x, p) => x + p.amount, 0);
    assert.equal(debits, 49900);
  });

  it("a dispute opened before Stripe withdraws anything books nothing yet", async () => {
    const s = await sold();
    const before = s.money.entries.size;
    assert.deepEqual(
      await s.handle(
        "charge.dispute.created",
        dispute("needs_response", [{ amount: 0, fee: 0 }], { balance_transactions: "none" }),
      ),
      processed(
        "dispute dp_1 (needs_response): no funds withdrawn yet; booked when Stripe withdraws them",
      ),
    );
    assert.deepEqual(
      await s.handle("charge.dispute.created", dispute("needs_response", [{ fee: 0 }])),
      processed(
        "dispute dp_1 (needs_response): no funds withdrawn yet; booked when Stripe withdraws them",
      ),
    );
    assert.equal(s.money.entries.size, before);
  });

  it("a status change moves no money; an inquiry is noted on any dispute event", async () => {
    const s = await sold();
    assert.deepEqual(
      await s.handle("charge.dispute.updated", dispute("under_review", [withdrawal])),
      ignored("dispute dp_1 (under_review): a status change moves no money"),
    );
    const inquiry = await s.handle("charge.dispute.updated", dispute("warning_needs_response"));
    assert.equal(inquiry.result, "processed");
    assert.match(inquiry.note ?? "", /^dispute dp_1 \(warning_needs_response\): inquiry/);
    assert.equal(s.money.payments.get("pi_1")?.inquiry?.status, "warning_needs_response");
    assert.equal(s.money.payments.get("pi_1")?.status, "succeeded");
  });

  it("a dispute without a status is neither an inquiry nor final", async () => {
    const s = await sold();
    assert.deepEqual(
      await s.handle("charge.dispute.closed", dispute("", [], { status: undefined })),
      processed("dispute dp_1 (): not final"),
    );
  });

  for (const type of ["charge.dispute.closed", "charge.dispute.funds_reinstated"]) {
    it(`${type}: a won dispute books Stripe's reinstatement and the returned fee`, async () => {
      const s = await sold();
      await s.handle("charge.dispute.created", dispute("needs_response", [withdrawal]));
      assert.deepEqual(
        await s.handle(type, dispute("needs_response", [withdrawal])),
        processed("dispute dp_1 (needs_response): not final"),
      );
      const reinstated = { amount: 49900, fee: -25000, created: 1_795_400_000 };
      assert.deepEqual(
        await s.handle(type, dispute("won", [withdrawal, reinstated])),
        processed("dispute dp_1 (won): booked"),
      );
      const p = s.money.payments.get("pi_1")!;
      assert.equal(p.disputeOutcome, "won");
      const won = [...s.money.entries.values()].find(
        (e) => e.id.startsWith("dp_1:") && e.id !== "dp_1:dispute",
      )!;
      assert.equal(won.occurredAt, 1_795_400_000_000);
      const debits = won.postings.filter((x) => x.amount > 0).reduce((x, y) => x + y.amount, 0);
      assert.equal(debits, 49900 + 25000, "the reinstated amount and the returned fee");
    });
  }

  it("a reinstatement with a positive fee returns no fee", async () => {
    const s = await sold();
    await s.handle("charge.dispute.created", dispute("needs_response", [withdrawal]));
    await s.handle(
      "charge.dispute.closed",
      dispute("won", [withdrawal, { amount: 49900, fee: 1500, created: 1_795_400_000 }]),
    );
    const won = [...s.money.entries.values()].find(
      (e) => e.id.startsWith("dp_1:") && e.id !== "dp_1:dispute",
    )!;
    const debits = won.postings.filter((x) => x.amount > 0).reduce((x, y) => x + y.amount, 0);
    assert.equal(debits, 49900);
  });
});

describe("invoice events", () => {
  const invoice = (extra: Record<string, unknown> = {}) => ({
    id: "in_1",
    amount_paid: 9900,
    amount_due: 9900,
    currency: "sek",
    customer: "cus_1",
    parent: {
      subscription_details: { subscription: "sub_1", metadata: { userId: "user-9" } },
    },
    status_transitions: { paid_at: 1_795_000_050 },
    ...extra,
  });
  function subscriptionPayment(s: ReturnType<typeof setup>, pi: string) {
    const p = s.gateway.addProgramPayment(pi, { amount: { amount: 9900, currency: "sek" } });
    p.metadata = {};
    p.transferId = null;
    p.destinationAccountId = null;
    p.applicationFeeAmount = null;
    return p;
  }

  it("invoice.paid books the paid payment Stripe lists, dated when the invoice was paid", async () => {
    const s = setup();
    subscriptionPayment(s, "pi_open");
    subscriptionPayment(s, "pi_paid");
    s.gateway.invoicePayments.set("in_1", [
      { id: "inpay_0", paymentIntentId: null, status: "paid", amountPaid: null, paidAt: null },
      { id: "inpay_1", paymentIntentId: "pi_open", status: "open", amountPaid: null, paidAt: null },
      { id: "inpay_2", paymentIntentId: "pi_paid", status: "paid", amountPaid: 9900, paidAt: 1 },
    ]);
    assert.deepEqual(await s.handle("invoice.paid", invoice()), processed("invoice in_1: booked"));
    assert.equal(s.money.payments.has("pi_open"), false);
    const p = s.money.payments.get("pi_paid")!;
    assert.equal(p.kind, "subscription");
    assert.equal(p.invoiceId, "in_1");
    assert.equal(p.subscriptionId, "sub_1");
    assert.equal(p.userId, "user-9", "the subscription's metadata names the user");
    assert.equal(p.date, 1_795_000_050_000);
    assert.deepEqual(
      await s.handle("invoice.paid", invoice()),
      processed("invoice in_1: already_booked"),
    );
  });

  it("invoice.paid finds the user by Stripe customer and dates by the event without paid_at", async () => {
    const s = setup();
    subscriptionPayment(s, "pi_1");
    s.gateway.payInvoice("in_1", "pi_1", 1);
    await s.handle(
      "invoice.paid",
      invoice({
        parent: {
          subscription_details: { subscription: { id: "sub_2" }, metadata: { userId: 5 } },
        },
        status_transitions: {},
      }),
    );
    const p = s.money.payments.get("pi_1")!;
    assert.equal(p.userId, "user-1");
    assert.equal(p.subscriptionId, "sub_2");
    assert.equal(p.date, EVENT_AT * 1000);
  });

  it("invoice.paid without a user in metadata or a known customer books the sale without one", async () => {
    const s = setup();
    subscriptionPayment(s, "pi_1");
    s.gateway.payInvoice("in_1", "pi_1", 1);
    await s.handle("invoice.paid", invoice({ parent: {}, customer: null }));
    const p = s.money.payments.get("pi_1")!;
    assert.equal(p.userId, null);
    assert.equal(p.subscriptionId, null);
  });

  it("invoice.paid is retried (precondition) while Stripe lists no paid payment for it", async () => {
    const s = setup();
    s.gateway.invoicePayments.set("in_1", [
      { id: "inpay_1", paymentIntentId: "pi_1", status: "open", amountPaid: null, paidAt: null },
    ]);
    await assert.rejects(
      () => s.handle("invoice.paid", invoice()),
      (e: unknown) =>
        e instanceof DomainError &&
        e.kind === "precondition" &&
        e.message ===
          "invoice in_1 is paid but Stripe lists no paid payment for it yet; will retry",
    );
    assert.equal(s.money.entries.size, 0);
  });

  it("invoice.paid ignores an invoice without an id or with nothing paid, asking Stripe nothing", async () => {
    const s = setup();
    assert.deepEqual(
      await s.handle("invoice.paid", invoice({ id: null })),
      ignored("invoice without an id"),
    );
    assert.deepEqual(
      await s.handle("invoice.paid", invoice({ amount_paid: 0 })),
      ignored("invoice with nothing paid"),
    );
    assert.deepEqual(
      await s.handle("invoice.paid", invoice({ amount_paid: undefined })),
      ignored("invoice with nothing paid"),
    );
    assert.equal(s.gateway.calls.length, 0);
  });

  it("invoice.payment_failed records the failed renewal against the attempted payment", async () => {
    const s = setup();
    s.gateway.invoicePayments.set("in_1", [
      { id: "inpay_0", paymentIntentId: null, status: "failed", amountPaid: null, paidAt: null },
      { id: "inpay_1", paymentIntentId: "pi_ok", status: "paid", amountPaid: null, paidAt: null },
      {
        id: "inpay_2",
        paymentIntentId: "pi_failed",
        status: "failed",
        amountPaid: null,
        paidAt: null,
      },
    ]);
    assert.deepEqual(
      await s.handle(
        "invoice.payment_failed",
        invoice({ currency: "eur", amount_due: 12300, created: 1_795_000_010 }),
      ),
      processed("recorded the failed renewal"),
    );
    assert.equal(s.money.payments.has("pi_ok"), false);
    const p = s.money.payments.get("pi_failed")!;
    assert.equal(p.status, "failed");
    assert.equal(p.kind, "subscription");
    assert.equal(p.amount, 12300);
    assert.equal(p.currency, "eur");
    assert.equal(p.userId, "user-9");
    assert.equal(p.coachId, null);
    assert.equal(p.programId, null);
    assert.equal(p.invoiceId, "in_1");
    assert.equal(p.subscriptionId, "sub_1");
    assert.equal(p.failureReason, "the renewal payment failed");
    assert.equal(p.date, 1_795_000_010_000);
  });

  it("invoice.payment_failed falls back to the only listed payment, then to the invoice itself", async () => {
    const s = setup();
    s.gateway.payInvoice("in_1", "pi_only", 1);
    await s.handle("invoice.payment_failed", invoice());
    assert.equal(s.money.payments.get("pi_only")?.status, "failed");

    await s.handle(
      "invoice.payment_failed",
      invoice({ id: "in_2", amount_due: undefined, currency: undefined, parent: {} }),
    );
    const p = s.money.payments.get("in_2")!;
    assert.equal(p.status, "failed");
    assert.equal(p.amount, 0);
    assert.equal(p.currency, "sek");
    assert.equal(p.userId, null);
    assert.equal(p.subscriptionId, null);
    assert.equal(p.date, EVENT_AT * 1000);
    assert.deepEqual(
      await s.handle("invoice.payment_failed", invoice({ id: undefined })),
      ignored("invoice without an id"),
    );
  });
});

describe("subscription events", () => {
  for (const type of [
    "customer.subscription.created",
    "customer.subscription.updated",
    "customer.subscription.deleted",
  ]) {
    it(`${type} keeps the subscription document in step`, async () => {
      const s = setup();
      const out = await s.handle(type, {
        id: "sub_1",
        status: "active",
        customer: "cus_1",
        metadata: { planId: "plan-1" },
      });
      assert.deepEqual(out, processed("subscription sub_1 is active"));
      const sub = s.subscriptions.subs.get("sub_1")!;
      assert.equal(sub.userId, "user-1");
      assert.equal(sub.status, type.endsWith("deleted") ? "canceled" : "active");
    });
  }
});
