/**
 * syncRefunds as the ledger, the payment document and the coach's Stripe account see it:
 * refunds booked from Stripe's list (split as Stripe moved the money), a refund that failed
 * after it was booked undone with the coach's part sent back once, converted sales booked at
 * the refund's own rate, and a re-sync that finds nothing new writing nothing.
 */
import assert from "node:assert/strict";
import type { PaymentDeps } from "../../../src/app/payments/payment-deps";
import { recordSubscriptionSale } from "../../../src/app/payments/record-sale";
import { syncRefunds } from "../../../src/app/payments/record-reversals";
import { DomainError } from "../../../src/domain/errors";
import type { Money } from "../../../src/domain/money";
import type { RefundDetails } from "../../../src/ports/payments-gateway";
import { FakePaymentsGateway } from "../../fakes/fake-payments-gateway";
import { InMemoryAuditLog } from "../../fakes/in-memory-audit-log";
import { InMemoryMoneyStore } from "../../fakes/in-memory-money-store";
import {
  fixedSettings,
  InMemoryCustomers,
  InMemorySubscriptions,
} from "../../fakes/in-memory-payment-stores";

interface TransferAsked {
  idempotencyKey: string;
  destinationAccountId: string;
  amount: Money;
  sourceChargeId?: string | null;
  metadata?: Record<string, string>;
}

/** The fake gateway, also keeping each transfer request whole (source charge, metadata). */
class RecordingGateway extends FakePaymentsGateway {
  readonly transferRequests: TransferAsked[] = [];
  override async createTransfer(input: TransferAsked) {
    this.transferRequests.push(structuredClone(input));
    return super.createTransfer(input);
  }
}

function setup() {
  let now = Date.parse("2026-11-20T10:00:00Z");
  const money = new InMemoryMoneyStore();
  const gateway = new RecordingGateway();
  const deps: PaymentDeps = {
    audit: new InMemoryAuditLog(),
    money,
    gateway,
    settings: fixedSettings(),
    customers: new InMemoryCustomers(),
    subscriptions: new InMemorySubscriptions(),
    clock: { now: () => new Date(now) },
  };
  const coachTotal = () => {
    const b = money.balance("coach-1");
    return b.held + b.available;
  };
  return {
    money,
    gateway,
    deps,
    coachTotal,
    advance: (ms: number) => {
      now += ms;
    },
    now: () => now,
  };
}

const refundEntry = (s: ReturnType<typeof setup>, id: string) =>
  s.money.entries.get(`${id}:refund`);

describe("syncRefunds", () => {
  it("books each succeeded refund once; the booked count and the payment document say so", async () => {
    const s = setup();
    s.gateway.addProgramPayment("pi_1");
    s.gateway.addRefund("pi_1", { id: "re_1", amount: 10000, created: 1_795_100_000 });
    s.gateway.addRefund("pi_1", {
      id: "re_p",
      amount: 500,
      status: "pending",
      created: 1_795_100_001,
    });
    assert.deepEqual(await syncRefunds(s.deps, "pi_1"), { booked: 1 });
    const p = s.money.payments.get("pi_1")!;
    assert.equal(p.refundedAmount, 10000);
    assert.equal(p.status, "partially_refunded");
    assert.equal(refundEntry(s, "re_p"), undefined, "a pending refund moved no money");
    assert.equal(s.coachTotal(), 39920 - 8000, "the reversal less the fee given back");
    assert.deepEqual(await syncRefunds(s.deps, "pi_1"), { booked: 0 });
  });

  it("a later refund whose application fee was not refunded takes the whole amount from the coach", async () => {
    const s = setup();
    s.gateway.addProgramPayment("pi_1");
    s.gateway.addRefund("pi_1", { id: "re_1", amount: 10000, created: 1_795_100_000 });
    await syncRefunds(s.deps, "pi_1");
    s.gateway.addRefund(
      "pi_1",
      { id: "re_2", amount: 10000, created: 1_795_100_100 },
      { feeRefunded: false },
    );
    await syncRefunds(s.deps, "pi_1");
    assert.equal(s.coachTotal(), 39920 - 8000 - 10000);
    assert.equal(s.money.payments.get("pi_1")?.refundedAmount, 20000);
  });

  it("refunds found in one sync are booked oldest first: the older one draws on held first", async () => {
    const s = setup();
    s.gateway.addProgramPayment("pi_1");
    s.gateway.addRefund("pi_1", { id: "re_1", amount: 40000, created: 1_795_100_000 });
    await syncRefunds(s.deps, "pi_1");
    // 7920 of the coach's share is still held; the next two refunds take 4000 each.
    // Stripe lists refunds newest first.
    s.gateway.addRefund("pi_1", { id: "re_new", amount: 5000, created: 1_795_100_300 });
    s.gateway.addRefund("pi_1", { id: "re_old", amount: 5000, created: 1_795_100_200 });
    assert.deepEqual(await syncRefunds(s.deps, "pi_1"), { booked: 2 });
    const coachLegs = (id: string) =>
      Object.fromEntries(
        refundEntry(s, id)!
          .postings.filter((x) => x.account.startsWith("coach:"))
          .map((x) => [x.account, x.amount]),
      );
    assert.deepEqual(coachLegs("re_old"), { "coach:coach-1:held": 4000 });
    assert.deepEqual(coachLegs("re_new"), {
      "coach:coach-1:held": 3920,
      "coach:coach-1:available": 80,
    });
  });

  it("a payment not booked yet is retried (precondition), not booked from the refund", async () => {
    const s = setup();
    const p = s.gateway.addProgramPayment("pi_sub");
    p.metadata = {};
    s.gateway.addRefund("pi_sub", { id: "re_1", amount: 100, created: 1_795_100_000 });
    await assert.rejects(syncRefunds(s.deps, "pi_sub"), (e: unknown) => {
      assert.ok(e instanceof DomainError);
      assert.equal(e.kind, "precondition");
      assert.equal(e.message, "payment pi_sub is not booked yet; will retry");
      return true;
    });
    assert.equal(s.money.entries.size, 0);
  });

  it("a re-sync that finds nothing new leaves the payment document as it was", async () => {
    const s = setup();
    s.gateway.addProgramPayment("pi_1");
    s.gateway.addRefund("pi_1", { id: "re_1", amount: 10000, created: 1_795_100_000 });
    await syncRefunds(s.deps, "pi_1");
    const before = structuredClone(s.money.payments.get("pi_1"));
    s.advance(60_000);
    await syncRefunds(s.deps, "pi_1");
    assert.deepEqual(s.money.payments.get("pi_1"), before);
  });

  describe("a refund Stripe reports failed after it was booked", () => {
    async function failedAfterBooking(opts: { reversed?: boolean } = {}) {
      const s = setup();
      s.gateway.addProgramPayment("pi_1");
      const r = s.gateway.addRefund(
        "pi_1",
        { id: "re_1", amount: 10000, created: 1_795_100_000 },
        opts,
      );
      await syncRefunds(s.deps, "pi_1");
      r.status = "failed";
      s.advance(3_600_000);
      return s;
    }

    it("is undone, dated now, and the coach's part is sent back to their account once", async () => {
      const s = await failedAfterBooking();
      assert.deepEqual(await syncRefunds(s.deps, "pi_1"), { booked: 1 });
      const undo = s.money.entries.get("re_1:refund_failed")!;
      assert.equal(undo.occurredAt, s.now());
      assert.equal(s.coachTotal(), 39920);
      const p = s.money.payments.get("pi_1")!;
      assert.equal(p.refundedAmount, 0);
      const asked: TransferAsked = {
        idempotencyKey: "re_1:refund_failed_return",
        destinationAccountId: "acct_coach",
        amount: { amount: 8000, currency: "sek" },
        sourceChargeId: "ch_pi_1",
        metadata: { kassaPaymentId: "pi_1", kassaRefundId: "re_1" },
      };
      assert.deepEqual(s.gateway.transferRequests, [asked]);

      const before = structuredClone(p);
      s.advance(60_000);
      assert.deepEqual(await syncRefunds(s.deps, "pi_1"), { booked: 0 });
      assert.deepEqual(s.gateway.transferRequests, [asked, asked], "asked again with the same key");
      assert.equal(s.gateway.transfers.length, 1, "so Stripe moved it once");
      assert.deepEqual(s.money.payments.get("pi_1"), before);
    });

    it("a dashboard refund that reversed nothing sends nothing back", async () => {
      const s = await failedAfterBooking({ reversed: false });
      await syncRefunds(s.deps, "pi_1");
      assert.ok(s.money.entries.get("re_1:refund_failed"));
      assert.deepEqual(s.gateway.transferRequests, []);
    });

    it("a reversal no larger than the fee given back sends nothing back", async () => {
      const s = setup();
      s.gateway.addProgramPayment("pi_1");
      const r: RefundDetails = {
        id: "re_1",
        amount: 10000,
        status: "succeeded",
        created: 1_795_100_000,
        transferReversalAmount: 100,
        settled: null,
      };
      s.gateway.refunds.set("pi_1", [r]);
      s.gateway.payments.get("pi_1")!.applicationFeeRefunded = 2000;
      await syncRefunds(s.deps, "pi_1");
      r.status = "failed";
      await syncRefunds(s.deps, "pi_1");
      assert.ok(s.money.entries.get("re_1:refund_failed"));
      assert.deepEqual(s.gateway.transferRequests, []);
    });

    it("without a destination account on Stripe nothing is sent", async () => {
      const s = await failedAfterBooking();
      s.gateway.payments.get("pi_1")!.destinationAccountId = null;
      await syncRefunds(s.deps, "pi_1");
      assert.ok(s.money.entries.get("re_1:refund_failed"));
      assert.deepEqual(s.gateway.transferRequests, []);
    });
  });

  it("a refund that failed before it was ever booked books nothing and sends nothing", async () => {
    const s = setup();
    s.gateway.addProgramPayment("pi_1");
    s.gateway.addRefund("pi_1", {
      id: "re_1",
      amount: 10000,
      status: "failed",
      created: 1_795_100_000,
    });
    assert.deepEqual(await syncRefunds(s.deps, "pi_1"), { booked: 0 });
    assert.equal(s.money.entries.get("re_1:refund_failed"), undefined);
    assert.deepEqual(s.gateway.transferRequests, []);
  });

  it("a subscription refund is the platform's alone", async () => {
    const s = setup();
    const p = s.gateway.addProgramPayment("pi_sub", { amount: { amount: 9900, currency: "sek" } });
    p.metadata = {};
    p.applicationFeeAmount = null;
    await recordSubscriptionSale(s.deps, {
      paymentIntentId: "pi_sub",
      invoiceId: "in_1",
      subscriptionId: "sub_1",
      userId: "user-1",
      paidAt: 1_795_000_000_000,
    });
    s.gateway.addRefund("pi_sub", { id: "re_1", amount: 9900, created: 1_795_100_000 });
    assert.deepEqual(await syncRefunds(s.deps, "pi_sub"), { booked: 1 });
    assert.equal(s.coachTotal(), 0);
    assert.ok(
      refundEntry(s, "re_1")!.postings.every((x) => !x.account.startsWith("coach:")),
      "no coach account moves",
    );
    assert.equal(s.money.payments.get("pi_sub")?.status, "refunded");
  });

  describe("a converted sale (EUR charge settled in SEK)", () => {
    function converted() {
      const s = setup();
      const p = s.gateway.addProgramPayment("pi_eur", {
        amount: { amount: 10000, currency: "eur" },
        fee: 2000,
      });
      p.settled = { amount: 110000, currency: "sek", exchangeRate: 11 };
      p.coachSettled = { amount: 88000, currency: "sek", exchangeRate: null };
      return s;
    }
    const stripeBalance = (e: { postings: { account: string; amount: number }[] }) =>
      e.postings
        .filter((x) => x.account === "platform:stripe_balance")
        .reduce((a, x) => a + x.amount, 0);

    it("a refund is booked at what Stripe settled it for, the customer's EUR kept beside it", async () => {
      const s = converted();
      const r = s.gateway.addRefund("pi_eur", { id: "re_1", amount: 5000, created: 1_795_100_000 });
      // What left the balance, not amount x rate (Stripe rounds the rate it reports).
      r.settled = { amount: 57503, currency: "sek", exchangeRate: 11.5 };
      await syncRefunds(s.deps, "pi_eur");
      const e = refundEntry(s, "re_1")!;
      assert.equal(e.currency, "sek");
      assert.equal(stripeBalance(e), -57503);
      assert.deepEqual(e.refs.original, { amount: 5000, currency: "eur", exchangeRate: 11.5 });
    });

    it("a refund Stripe has not settled yet is valued at the sale's rate", async () => {
      const s = converted();
      s.gateway.addRefund("pi_eur", { id: "re_1", amount: 5000, created: 1_795_100_000 });
      await syncRefunds(s.deps, "pi_eur");
      const e = refundEntry(s, "re_1")!;
      assert.equal(stripeBalance(e), -55000);
      assert.deepEqual(e.refs.original, { amount: 5000, currency: "eur", exchangeRate: 11 });
    });

    it("a settled refund without its own rate falls back to the sale's", async () => {
      const s = converted();
      const r = s.gateway.addRefund("pi_eur", { id: "re_1", amount: 5000, created: 1_795_100_000 });
      r.settled = { amount: 56000, currency: "sek", exchangeRate: null };
      await syncRefunds(s.deps, "pi_eur");
      assert.deepEqual(refundEntry(s, "re_1")!.refs.original, {
        amount: 5000,
        currency: "eur",
        exchangeRate: 11,
      });
    });
  });

  it("an unconverted sale's refund carries no original amount", async () => {
    const s = setup();
    s.gateway.addProgramPayment("pi_1");
    s.gateway.addRefund("pi_1", { id: "re_1", amount: 10000, created: 1_795_100_000 });
    await syncRefunds(s.deps, "pi_1");
    assert.equal(refundEntry(s, "re_1")!.refs.original, undefined);
  });
});
