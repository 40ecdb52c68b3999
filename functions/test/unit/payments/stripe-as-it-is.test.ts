/**
 * Kassa against Stripe as Stripe really behaves (sandbox/stripe/MODEL.md): includable fields
 * absent from webhooks, payments that settle later or fail, fees that are not the setting,
 * refunds that Stripe split its own way, disputes that debit the platform only, other
 * currencies, the platform's own payouts.
 */
import assert from "node:assert/strict";
import { FakePaymentsGateway } from "../../fakes/fake-payments-gateway";
import { StripeWorld } from "../../fakes/stripe-world";
import { accountTotal, paymentWorld } from "./payments-setup";

const pi = (id: string) => ({ id, object: "payment_intent", metadata: { kassaKind: "program" } });
const coachTotal = (
  w: { money: { balance: (c: string) => { held: number; available: number } } },
  c = "coach-1",
) => {
  const b = w.money.balance(c);
  return b.held + b.available;
};

describe("subscriptions are booked from Stripe's invoice payments, never the webhook body", () => {
  const invoice = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    customer: "cus_1",
    amount_paid: 9900,
    currency: "sek",
    status_transitions: { paid_at: 1_795_000_500 },
    parent: { subscription_details: { subscription: "sub_1", metadata: { userId: "user-1" } } },
    ...extra,
  });
  function world() {
    const g = new FakePaymentsGateway();
    for (const id of ["pi_first", "pi_renewal"]) {
      g.addProgramPayment(id, {
        amount: { amount: 9900, currency: "sek" },
        fee: 0,
        stripeFee: 329,
      });
      g.payments.get(id)!.metadata = {};
    }
    return paymentWorld(g);
  }

  it("books the first invoice and a renewal, each once, from invoice.paid bodies without payments", async () => {
    const w = world();
    w.gateway.payInvoice("in_1", "pi_first", 1_795_000_500);
    w.gateway.payInvoice("in_2", "pi_renewal", 1_797_600_500);
    await w.deliver("invoice.paid", invoice("in_1"));
    await w.deliver("invoice.paid", invoice("in_1")); // Stripe's retry: new event id, same invoice
    await w.deliver("invoice.paid", invoice("in_2"));
    assert.equal(w.money.payments.get("pi_first")?.kind, "subscription");
    assert.equal(w.money.payments.get("pi_renewal")?.invoiceId, "in_2");
    assert.equal(accountTotal(w.money, "platform:subscriptions"), -19800);
    assert.equal(w.gateway.count("listInvoicePayments"), 3);
  });

  it("ignores whatever `payments` a body carries and asks Stripe", async () => {
    const w = world();
    w.gateway.payInvoice("in_1", "pi_first", 1_795_000_500);
    await w.deliver(
      "invoice.paid",
      invoice("in_1", { payments: { data: [{ payment: { payment_intent: "pi_renewal" } }] } }),
    );
    assert.ok(w.money.payments.has("pi_first"));
    assert.ok(!w.money.payments.has("pi_renewal"));
  });

  it("a paid invoice Stripe lists no payment for yet fails visibly and is retried, booking nothing", async () => {
    const w = world();
    const ev = await w.deliver("invoice.paid", invoice("in_1"));
    assert.equal(ev?.status, "failed");
    assert.match(ev?.error ?? "", /lists no paid payment/);
    assert.equal(w.money.entries.size, 0);
  });

  it("a failed renewal is recorded once against its PaymentIntent, with nothing booked", async () => {
    const w = world();
    w.gateway.invoicePayments.set("in_2", [
      {
        id: "inpay_x",
        paymentIntentId: "pi_renewal",
        status: "open",
        amountPaid: null,
        paidAt: null,
      },
    ]);
    await w.deliver("invoice.payment_failed", invoice("in_2", { amount_due: 9900 }));
    assert.equal(w.money.payments.get("pi_renewal")?.status, "failed");
    assert.equal(w.money.entries.size, 0);
  });
});

describe("sales are booked only when the money moved, at Stripe's own amounts", () => {
  it("a delayed payment: processing books nothing, success books it dated at the charge", async () => {
    const g = new FakePaymentsGateway();
    const p = g.addProgramPayment("pi_sepa", {
      created: 1_795_000_000,
      chargeCreated: 1_795_300_000,
    });
    p.status = "processing";
    const w = paymentWorld(g);
    await w.deliver("payment_intent.processing", {
      ...pi("pi_sepa"),
      amount: 49900,
      currency: "sek",
    });
    await w.deliver("checkout.session.completed", {
      id: "cs_1",
      mode: "payment",
      payment_status: "unpaid",
      payment_intent: "pi_sepa",
      metadata: { kassaKind: "program" },
    });
    assert.equal(w.money.payments.get("pi_sepa")?.status, "pending");
    assert.equal(w.money.entries.size, 0);
    p.status = "succeeded";
    await w.deliver("checkout.session.async_payment_succeeded", {
      id: "cs_1",
      mode: "payment",
      payment_intent: "pi_sepa",
      metadata: { kassaKind: "program" },
    });
    const booked = w.money.payments.get("pi_sepa")!;
    assert.equal(booked.status, "succeeded");
    assert.equal(booked.date, 1_795_300_000_000, "dated when the charge succeeded");
    assert.equal(coachTotal(w), 39920);
  });

  it("a delayed payment that fails never reaches the coach", async () => {
    const g = new FakePaymentsGateway();
    g.addProgramPayment("pi_sepa").status = "requires_payment_method";
    const w = paymentWorld(g);
    await w.deliver("payment_intent.processing", { ...pi("pi_sepa"), amount: 49900 });
    await w.deliver("checkout.session.async_payment_failed", {
      id: "cs_1",
      mode: "payment",
      payment_intent: "pi_sepa",
      amount_total: 49900,
      currency: "sek",
      metadata: { kassaKind: "program", coachId: "coach-1" },
    });
    await w.deliver("payment_intent.succeeded", pi("pi_sepa")); // a stray event: Stripe says not paid
    assert.equal(w.money.payments.get("pi_sepa")?.status, "failed");
    assert.equal(w.money.entries.size, 0);
    assert.equal(coachTotal(w), 0);
  });

  it("the platform's fee is the application fee Stripe took, whatever the setting says now", async () => {
    const g = new FakePaymentsGateway();
    g.addProgramPayment("pi_1", { fee: 8733 }); // sold at 17.5 %
    const w = paymentWorld(g, { feeBps: 2500 });
    await w.deliver("payment_intent.succeeded", pi("pi_1"));
    assert.equal(accountTotal(w.money, "platform:fees"), -8733);
    assert.equal(coachTotal(w), 49900 - 8733);
  });

  it("an event for a PaymentIntent Stripe does not know fails visibly and books nothing", async () => {
    const w = paymentWorld(new FakePaymentsGateway());
    const ev = await w.deliver("payment_intent.succeeded", pi("pi_forged"));
    assert.equal(ev?.status, "failed");
    assert.equal(w.money.entries.size, 0);
  });
});

describe("refunds are booked as Stripe moved the money", () => {
  async function sold() {
    const world = new StripeWorld();
    world.pay("pi_1", "coach-1", { amount: 49900, currency: "sek" }, 9980);
    const w = paymentWorld(world);
    await w.deliver("payment_intent.succeeded", pi("pi_1"));
    return { world, w };
  }
  const agree = (world: StripeWorld, w: Awaited<ReturnType<typeof sold>>["w"]) => {
    assert.equal(coachTotal(w), world.coach.get("acct_coach-1") ?? 0, "coach: Kassa = Stripe");
    assert.equal(
      accountTotal(w.money, "platform:stripe_balance"),
      world.platform + (world.coach.get("acct_coach-1") ?? 0),
      "Stripe balances: Kassa = Stripe",
    );
  };

  it("Kassa's own refund (transfer reversed, fee refunded): the coach bears their share", async () => {
    const { world, w } = await sold();
    world.refundOf("pi_1", 20000, { reverse: true, feeRefund: true });
    await w.deliver("charge.refunded", { id: "ch_pi_1", payment_intent: "pi_1" });
    assert.equal(coachTotal(w), 39920 - 16000);
    agree(world, w);
  });

  it("policy none (fee kept): Stripe takes the whole refund from the coach, and so does the ledger", async () => {
    const { world, w } = await sold();
    world.refundOf("pi_1", 49900, { reverse: true, feeRefund: false });
    await w.deliver("charge.refunded", { id: "ch_pi_1", payment_intent: "pi_1" });
    assert.equal(coachTotal(w), -9980, "the coach owes the fee the platform kept");
    assert.equal(accountTotal(w.money, "platform:fees"), -9980);
    agree(world, w);
  });

  it("a dashboard refund without reverse_transfer falls on the platform; the coach keeps their share", async () => {
    const { world, w } = await sold();
    world.refundOf("pi_1", 10000, { reverse: false, feeRefund: false });
    await w.deliver("charge.refunded", { id: "ch_pi_1", payment_intent: "pi_1" });
    assert.equal(coachTotal(w), 39920);
    agree(world, w);
  });

  it("flags that change between partial refunds still add up, refund after refund", async () => {
    const { world, w } = await sold();
    world.refundOf("pi_1", 10000, { reverse: true, feeRefund: false });
    await w.deliver("charge.refunded", { id: "ch_pi_1", payment_intent: "pi_1" });
    world.refundOf("pi_1", 15000, { reverse: true, feeRefund: true });
    await w.deliver("charge.refunded", { id: "ch_pi_1", payment_intent: "pi_1" });
    agree(world, w);
  });

  it("a refund pending at first is booked only when it succeeds, dated that day", async () => {
    const g = new FakePaymentsGateway();
    g.addProgramPayment("pi_1");
    const w = paymentWorld(g);
    await w.deliver("payment_intent.succeeded", pi("pi_1"));
    const r = g.addRefund("pi_1", {
      id: "re_p",
      amount: 10000,
      status: "pending",
      created: 1_795_100_000,
    });
    await w.deliver("charge.refunded", { id: "ch_pi_1", payment_intent: "pi_1" });
    await w.deliver("refund.created", { id: "re_p", status: "pending", payment_intent: "pi_1" });
    assert.ok(!w.money.entries.has("re_p:refund"));
    r.status = "succeeded";
    await w.deliver(
      "refund.updated",
      { id: "re_p", status: "succeeded", payment_intent: "pi_1" },
      { created: 1_795_400_000 },
    );
    assert.equal(w.money.entries.get("re_p:refund")?.occurredAt, 1_795_400_000_000);
    assert.equal(w.money.payments.get("pi_1")?.refundedAmount, 10000);
  });

  it("a refund that succeeded and then failed is undone, and the coach's part sent back", async () => {
    const { world, w } = await sold();
    const r = world.refundOf("pi_1", 20000, { reverse: true, feeRefund: true });
    await w.deliver("charge.refunded", { id: "ch_pi_1", payment_intent: "pi_1" });
    world.failRefund("pi_1", r.id);
    await w.deliver("charge.refund.updated", {
      id: r.id,
      status: "failed",
      payment_intent: "pi_1",
    });
    await w.deliver("refund.updated", { id: r.id, status: "failed", payment_intent: "pi_1" });
    assert.ok(w.money.entries.has(`${r.id}:refund_failed`));
    assert.equal(coachTotal(w), 39920);
    assert.equal(w.money.payments.get("pi_1")?.refundedAmount, 0);
    assert.equal(world.stripeCalls.filter((c) => c === "createTransfer").length, 2);
    agree(world, w);
  });

  it("a failed refund is never booked", async () => {
    const g = new FakePaymentsGateway();
    g.addProgramPayment("pi_1");
    const w = paymentWorld(g);
    await w.deliver("payment_intent.succeeded", pi("pi_1"));
    g.addRefund("pi_1", { id: "re_f", amount: 10000, status: "failed", created: 1_795_100_000 });
    await w.deliver("charge.refund.updated", {
      id: "re_f",
      status: "failed",
      payment_intent: "pi_1",
    });
    assert.ok(!w.money.entries.has("re_f:refund"));
    assert.equal(w.money.payments.get("pi_1")?.status, "succeeded");
  });
});

describe("disputes: booked when Stripe moves the money, the coach's share recovered on Stripe", () => {
  const dispute = (status: string, txns: { amount: number; fee: number }[], amount = 49900) => ({
    id: "dp_1",
    amount,
    payment_intent: "pi_1",
    status,
    balance_transactions: txns,
  });
  async function disputed() {
    const world = new StripeWorld();
    world.pay("pi_1", "coach-1", { amount: 49900, currency: "sek" }, 9980);
    const w = paymentWorld(world);
    await w.deliver("payment_intent.succeeded", pi("pi_1"));
    return { world, w };
  }

  it("an inquiry moves no money and books nothing", async () => {
    const { w } = await disputed();
    const before = w.money.entries.size;
    await w.deliver("charge.dispute.created", dispute("warning_needs_response", []));
    await w.deliver("charge.dispute.closed", dispute("warning_closed", []));
    assert.equal(w.money.entries.size, before);
    assert.equal(w.money.payments.get("pi_1")?.inquiry?.status, "warning_closed");
    assert.equal(w.money.payments.get("pi_1")?.status, "succeeded");
  });

  it("lost: the coach's share is reversed on Stripe once, the loss dated when it closed", async () => {
    const { world, w } = await disputed();
    const withdrawn = world.disputeWithdrawal("pi_1", 49900, 25000);
    // Stripe's Dispute object carries the evidence deadline in evidence_details.due_by.
    await w.deliver("charge.dispute.created", { ...dispute("needs_response", [withdrawn]), evidence_details: { due_by: 1_795_700_000, has_evidence: false, past_due: false, submission_count: 0 } }, {
      created: 1_795_100_000,
    });
    assert.equal(w.money.payments.get("pi_1")?.disputeDueBy, 1_795_700_000_000, "the deadline kept for the admins");
    await w.deliver("charge.dispute.funds_withdrawn", dispute("needs_response", [withdrawn]));
    await w.deliver("charge.dispute.closed", dispute("lost", [withdrawn]), {
      created: 1_799_000_000,
    });
    assert.equal(world.stripeCalls.filter((c) => c === "reverseTransfer").length, 2, "asked twice");
    assert.equal(world.coach.get("acct_coach-1"), 0, "but reversed once (idempotency key)");
    assert.equal(coachTotal(w), 0);
    assert.equal(w.money.entries.get("dp_1:dispute")?.occurredAt, 1_795_100_000_000);
    assert.equal(w.money.entries.get("dp_1:dispute_lost")?.occurredAt, 1_799_000_000_000);
    assert.equal(
      accountTotal(w.money, "platform:stripe_balance"),
      world.platform + (world.coach.get("acct_coach-1") ?? 0),
    );
  });

  it("two disputes of two sales each take their own share back (their reversals' idempotency keys are their own)", async () => {
    const world = new StripeWorld();
    world.pay("pi_1", "coach-1", { amount: 49900, currency: "sek" }, 9980);
    world.pay("pi_2", "coach-1", { amount: 29900, currency: "sek" }, 5980);
    const w = paymentWorld(world);
    await w.deliver("payment_intent.succeeded", pi("pi_1"));
    await w.deliver("payment_intent.succeeded", pi("pi_2"));
    for (const [id, amount] of [["pi_1", 49900], ["pi_2", 29900]] as const) {
      const withdrawn = world.disputeWithdrawal(id, amount, 25000);
      await w.deliver("charge.dispute.created", { id: `dp_${id}`, amount, payment_intent: id, status: "needs_response", balance_transactions: [withdrawn] });
    }
    assert.equal(world.coach.get("acct_coach-1"), 0, "both shares reversed on Stripe");
    assert.equal(coachTotal(w), 0);
  });

  it("won: Stripe reinstates, the coach's share goes back to their account", async () => {
    const { world, w } = await disputed();
    const withdrawn = world.disputeWithdrawal("pi_1", 49900, 25000);
    await w.deliver("charge.dispute.created", dispute("needs_response", [withdrawn]));
    const back = world.disputeReinstatement("pi_1", 49900);
    await w.deliver("charge.dispute.funds_reinstated", dispute("won", [withdrawn, back]));
    await w.deliver("charge.dispute.closed", dispute("won", [withdrawn, back]));
    assert.equal(world.coach.get("acct_coach-1"), 39920);
    assert.equal(coachTotal(w), 39920);
    assert.equal(
      accountTotal(w.money, "platform:stripe_balance"),
      world.platform + (world.coach.get("acct_coach-1") ?? 0),
    );
    assert.equal(accountTotal(w.money, "stripe:dispute_fees"), 25000, "the fee is not returned");
  });

  it("a dispute after a full refund books what Stripe withdrew instead of failing", async () => {
    const { world, w } = await disputed();
    world.refundOf("pi_1", 49900, { reverse: true, feeRefund: true });
    await w.deliver("charge.refunded", { id: "ch_pi_1", payment_intent: "pi_1" });
    const withdrawn = world.disputeWithdrawal("pi_1", 49900, 25000);
    const ev = await w.deliver("charge.dispute.created", dispute("needs_response", [withdrawn]));
    assert.equal(ev?.status, "processed");
    assert.equal(
      accountTotal(w.money, "platform:stripe_balance"),
      world.platform + (world.coach.get("acct_coach-1") ?? 0),
    );
    assert.equal(accountTotal(w.money, "stripe:dispute_fees"), 49900 + 25000);
  });
});

describe("another currency: booked in what Stripe settled (SEK), the customer's EUR kept beside it", () => {
  it("an EUR sale to a SEK coach account is SEK on the coach's side, to the öre", async () => {
    const world = new StripeWorld();
    world.rate = 11.2345;
    world.pay("pi_eur", "coach-1", { amount: 4990, currency: "eur" }, 998);
    const w = paymentWorld(world);
    await w.deliver("payment_intent.succeeded", pi("pi_eur"));
    const sale = w.money.entries.get("pi_eur:capture")!;
    assert.equal(sale.currency, "sek");
    assert.deepEqual(sale.refs.original, { amount: 4990, currency: "eur", exchangeRate: 11.2345 });
    assert.equal(w.money.balance("coach-1", "sek").held, world.coach.get("acct_coach-1"));
    assert.equal(w.money.balance("coach-1", "eur").held, 0);
    const fee = w.money.entries.get("txn_pi_eur:stripe_fee")!;
    assert.equal(fee.currency, "sek", "Stripe's fee is in the settlement currency");
    const p = w.money.payments.get("pi_eur")!;
    assert.equal(p.currency, "eur");
    assert.equal(p.amount, 4990);
  });

  it("a refund at another day's rate leaves the difference on the exchange-rate account", async () => {
    const world = new StripeWorld();
    world.pay("pi_eur", "coach-1", { amount: 10000, currency: "eur" }, 2000);
    const w = paymentWorld(world);
    await w.deliver("payment_intent.succeeded", pi("pi_eur"));
    world.rate = 11.5;
    world.refundOf("pi_eur", 10000, { reverse: true, feeRefund: true });
    await w.deliver("charge.refunded", { id: "ch_pi_eur", payment_intent: "pi_eur" });
    assert.equal(
      coachTotal(w),
      world.coach.get("acct_coach-1"),
      "coach agrees with Stripe to the öre",
    );
    assert.equal(accountTotal(w.money, "platform:fees"), 0, "revenue gives back what it got");
    assert.equal(
      accountTotal(w.money, "platform:fx"),
      110000 * 0 + (115000 - 110000) - (92000 - 88000),
    );
    assert.equal(
      accountTotal(w.money, "platform:stripe_balance"),
      world.platform + (world.coach.get("acct_coach-1") ?? 0),
    );
  });
});

describe("a dispute of an EUR charge after the rate moved: the coach's part at Stripe's own rates", () => {
  const dp = (status: string, txns: Record<string, unknown>[]) => ({ id: "dp_eur", amount: 10000, payment_intent: "pi_eur", status, balance_transactions: txns });
  async function disputedAt(rate: number) {
    const world = new StripeWorld(); // the sale at 11 SEK/EUR
    world.pay("pi_eur", "coach-1", { amount: 10000, currency: "eur" }, 2000);
    const w = paymentWorld(world);
    await w.deliver("payment_intent.succeeded", pi("pi_eur"));
    world.rate = rate;
    const withdrawn = world.disputeWithdrawal("pi_eur", 10000, 25000);
    await w.deliver("charge.dispute.created", dp("needs_response", [withdrawn]));
    return { world, w, withdrawn };
  }

  it("lost at 10.5: the whole EUR share is reversed and the coach's balance moves by what Stripe took", async () => {
    const { world, w, withdrawn } = await disputedAt(10.5);
    await w.deliver("charge.dispute.closed", dp("lost", [withdrawn]));
    assert.equal(world.coach.get("acct_coach-1"), 88000 - 84000, "Stripe took 80 EUR at 10.5 of the 880 kr the coach got");
    assert.equal(coachTotal(w), world.coach.get("acct_coach-1"), "Kassa agrees with the coach's account to the öre");
    assert.equal(w.money.payments.get("pi_eur")?.disputeTransfers?.[0]?.coachAmount, 8000, "the EUR share, kept for a transfer back");
    // Withdrawn 1050 kr for a sale booked at 1100: the platform's 220 kr part is reversed at the
    // sale's value, the coach's at 840: 1050 - 840 - 220 = -10 kr, a gain.
    assert.equal(accountTotal(w.money, "platform:fx"), 105000 - 84000 - 22000);
    assert.equal(accountTotal(w.money, "platform:stripe_balance"), world.platform + (world.coach.get("acct_coach-1") ?? 0));
  });

  it("after half was refunded: only what is left of the sale is reversed, the withdrawal beyond it is the platform's cost, not an exchange difference", async () => {
    const world = new StripeWorld(); // the sale at 11 SEK/EUR
    world.pay("pi_eur", "coach-1", { amount: 10000, currency: "eur" }, 2000);
    const w = paymentWorld(world);
    await w.deliver("payment_intent.succeeded", pi("pi_eur"));
    world.refundOf("pi_eur", 5000, { reverse: true, feeRefund: true });
    await w.deliver("charge.refunded", { id: "ch_pi_eur", payment_intent: "pi_eur" });
    world.rate = 10.5;
    const withdrawn = world.disputeWithdrawal("pi_eur", 10000, 25000);
    await w.deliver("charge.dispute.created", dp("needs_response", [withdrawn]));
    // 1050 kr withdrawn for a sale of which 550 kr is left: that half (525 kr) reverses the
    // rest of the sale, the other 525 kr is beyond it.
    const excess = w.money.entries.get("dp_eur:dispute_excess");
    assert.equal(excess?.postings.find((p) => p.account === "platform:stripe_balance")?.amount, -52500);
    assert.equal(w.money.payments.get("pi_eur")?.disputeTransfers?.[0]?.coachAmount, 4000, "the coach's EUR part of what is left");
    assert.equal(world.coach.get("acct_coach-1"), 88000 - 44000 - 42000);
    assert.equal(coachTotal(w), world.coach.get("acct_coach-1"));
    assert.equal(accountTotal(w.money, "platform:fx"), 52500 - 42000 - 11000, "the rate's part only: 525 kr withdrawn for 420 + 110 reversed at the sale's value");
    assert.equal(accountTotal(w.money, "platform:stripe_balance"), world.platform + (world.coach.get("acct_coach-1") ?? 0));
  });

  it("won at 11.5 after opening at 10.5: the coach gets the EUR share back at the new rate, to the öre", async () => {
    const { world, w, withdrawn } = await disputedAt(10.5);
    world.rate = 11.5;
    const back = world.disputeReinstatement("pi_eur", 10000);
    await w.deliver("charge.dispute.closed", dp("won", [withdrawn, back]));
    assert.equal(world.coach.get("acct_coach-1"), 4000 + 92000);
    assert.equal(coachTotal(w), world.coach.get("acct_coach-1"));
    assert.equal(accountTotal(w.money, "platform:stripe_balance"), world.platform + (world.coach.get("acct_coach-1") ?? 0));
    for (const e of w.money.entries.values()) assert.equal(e.postings.reduce((x, p) => x + p.amount, 0), 0, `${e.id} balances`);
  });
  it("after most was refunded, won at a lower rate than it opened: the reinstatement splits as the withdrawal did, and the books agree with Stripe", async () => {
    const world = new StripeWorld(); // the sale at 11 SEK/EUR
    world.pay("pi_eur", "coach-1", { amount: 10000, currency: "eur" }, 2000);
    const w = paymentWorld(world);
    await w.deliver("payment_intent.succeeded", pi("pi_eur"));
    world.refundOf("pi_eur", 9000, { reverse: true, feeRefund: true });
    await w.deliver("charge.refunded", { id: "ch_pi_eur", payment_intent: "pi_eur" });
    world.rate = 11.5;
    const withdrawn = world.disputeWithdrawal("pi_eur", 10000, 25000);
    await w.deliver("charge.dispute.created", dp("needs_response", [withdrawn]));
    world.rate = 10;
    const back = world.disputeReinstatement("pi_eur", 10000);
    await w.deliver("charge.dispute.closed", dp("won", [withdrawn, back]));
    // 1150 kr withdrawn: a tenth (115 kr) for what was left of the sale, 1035 kr beyond it.
    // 1000 kr reinstated: the same tenth (100 kr) returns the sale's part, 900 kr the excess.
    const returned = w.money.entries.get("dp_eur:dispute_excess_returned");
    assert.equal(returned?.postings.find((p) => p.account === "platform:stripe_balance")?.amount, 90000);
    assert.equal(coachTotal(w), world.coach.get("acct_coach-1"), "the coach agrees with Stripe");
    assert.equal(accountTotal(w.money, "platform:stripe_balance"), world.platform + (world.coach.get("acct_coach-1") ?? 0));
    for (const e of w.money.entries.values()) assert.equal(e.postings.reduce((x, p) => x + p.amount, 0), 0, `${e.id} balances`);
  });
});

describe("the platform's own payouts to its bank", () => {
  it("are booked when paid, reversed when the bank returns them, and ignored when they fail first", async () => {
    const w = paymentWorld(new FakePaymentsGateway());
    const po = { id: "po_1", object: "payout", amount: 100000, currency: "sek" };
    await w.deliver("payout.paid", po, { created: 1_795_200_000 });
    await w.deliver("payout.paid", po);
    assert.equal(accountTotal(w.money, "platform:bank"), 100000);
    assert.equal(w.money.entries.get("po_1:platform_paid")?.occurredAt, 1_795_200_000_000);
    await w.deliver("payout.failed", po);
    assert.equal(accountTotal(w.money, "platform:bank"), 0);
    await w.deliver("payout.failed", { ...po, id: "po_2" });
    assert.equal(w.money.entries.has("po_2:platform_failed"), false);
  });
});
