/**
 * Disputes as the ledger, the payment document and the coach's Stripe account see them:
 * what is booked when Stripe withdraws and reinstates money, the note each step returns, and
 * the coach's share taken back and returned on Stripe once (transfer reversal and transfer
 * with idempotency keys from the dispute id), whatever is redelivered.
 */
import assert from "node:assert/strict";
import type { PaymentDeps } from "../../../src/app/payments/payment-deps";
import {
  type DisputeFacts,
  type DisputeMoney,
  recordDisputeClosed,
  recordDisputeOpened,
  excessPartOf,
  recordInquiry,
} from "../../../src/app/payments/record-disputes";
import { syncRefunds } from "../../../src/app/payments/record-reversals";
import { recordProgramSale, recordSubscriptionSale } from "../../../src/app/payments/record-sale";
import { DomainError } from "../../../src/domain/errors";
import type { Money } from "../../../src/domain/money";
import type { PaymentSettings } from "../../../src/ports/catalogue-store";
import { FakePaymentsGateway } from "../../fakes/fake-payments-gateway";
import { InMemoryAuditLog } from "../../fakes/in-memory-audit-log";
import { InMemoryMoneyStore } from "../../fakes/in-memory-money-store";
import {
  fixedSettings,
  InMemoryCustomers,
  InMemorySubscriptions,
} from "../../fakes/in-memory-payment-stores";
import { accountTotal } from "./payments-setup";

interface ReversalAsked {
  idempotencyKey: string;
  transferId: string;
  amount: number;
  metadata?: Record<string, string>;
}
interface TransferAsked {
  idempotencyKey: string;
  destinationAccountId: string;
  amount: Money;
  sourceChargeId?: string | null;
  metadata?: Record<string, string>;
}

/** The fake gateway, also keeping each reversal and transfer request whole. */
class RecordingGateway extends FakePaymentsGateway {
  readonly reversalRequests: ReversalAsked[] = [];
  readonly transferRequests: TransferAsked[] = [];
  override async reverseTransfer(input: ReversalAsked) {
    this.reversalRequests.push(structuredClone(input));
    return super.reverseTransfer(input);
  }
  override async createTransfer(input: TransferAsked) {
    this.transferRequests.push(structuredClone(input));
    return super.createTransfer(input);
  }
}

const NOW = Date.parse("2026-11-20T10:00:00Z");

async function sold(settings: Partial<PaymentSettings> = {}) {
  const money = new InMemoryMoneyStore();
  const gateway = new RecordingGateway();
  const deps: PaymentDeps = {
    audit: new InMemoryAuditLog(),
    money,
    gateway,
    settings: fixedSettings(settings),
    customers: new InMemoryCustomers(),
    subscriptions: new InMemorySubscriptions(),
    clock: { now: () => new Date(NOW) },
  };
  gateway.addProgramPayment("pi_1");
  await recordProgramSale(deps, "pi_1");
  const coachTotal = () => {
    const b = money.balance("coach-1");
    return b.held + b.available;
  };
  return { money, gateway, deps, coachTotal };
}

const withdrawn = (over: Partial<DisputeMoney> = {}): DisputeMoney => ({
  amount: 49900,
  fee: 25000,
  created: 1_795_100_000,
  exchangeRate: null,
  ...over,
});
const reinstated = (over: Partial<DisputeMoney> = {}): DisputeMoney => ({
  amount: 49900,
  fee: 25000,
  created: 1_795_400_000,
  exchangeRate: null,
  ...over,
});
const facts = (status: string, over: Partial<DisputeFacts> = {}): DisputeFacts => ({
  disputeId: "dp_1",
  paymentIntentId: "pi_1",
  amount: 49900,
  status,
  withdrawal: withdrawn(),
  reinstatement: null,
  at: 1_795_300_000,
  ...over,
});

const fullRefund = async (s: Awaited<ReturnType<typeof sold>>) => {
  s.gateway.addRefund("pi_1", { id: "re_1", amount: 49900, created: 1_795_050_000 });
  await syncRefunds(s.deps, "pi_1");
};

describe("recordInquiry", () => {
  it("notes an inquiry's status once per status, moving no money", async () => {
    const s = await sold();
    const entries = s.money.entries.size;
    assert.equal(
      await recordInquiry(s.deps, facts("warning_needs_response")),
      "inquiry warning_needs_response: no money moved, nothing booked",
    );
    const noted = structuredClone(s.money.payments.get("pi_1"));
    assert.deepEqual(noted?.inquiry, { disputeId: "dp_1", status: "warning_needs_response" });
    assert.equal(
      await recordInquiry(s.deps, facts("warning_needs_response")),
      "inquiry already noted",
    );
    assert.deepEqual(s.money.payments.get("pi_1"), noted);
    assert.equal(
      await recordInquiry(s.deps, facts("warning_closed")),
      "inquiry warning_closed: no money moved, nothing booked",
    );
    assert.equal(s.money.entries.size, entries);
  });
});

describe("recordDisputeOpened", () => {
  it("keeps Stripe's evidence deadline with the disputed status; a later event does not move it", async () => {
    const s = await sold();
    await recordDisputeOpened(s.deps, facts("needs_response", { dueBy: 1_795_900_000 }));
    assert.equal(s.money.payments.get("pi_1")!.disputeDueBy, 1_795_900_000_000);
    assert.equal(await recordDisputeOpened(s.deps, facts("under_review", { dueBy: 1_796_000_000 })), "already booked");
    assert.equal(s.money.payments.get("pi_1")!.disputeDueBy, 1_795_900_000_000);
  });

  it("books the withdrawal and takes the coach's share back on Stripe once, keyed by the dispute", async () => {
    const s = await sold();
    assert.equal(await recordDisputeOpened(s.deps, facts("needs_response")), "booked");
    const asked: ReversalAsked = {
      idempotencyKey: "dp_1:reverse_transfer",
      transferId: "tr_pi_1",
      amount: 39920,
      metadata: { kassaPaymentId: "pi_1", kassaDisputeId: "dp_1" },
    };
    assert.deepEqual(s.gateway.reversalRequests, [asked]);
    const p = s.money.payments.get("pi_1")!;
    assert.equal(p.status, "disputed");
    assert.equal(p.disputeDueBy, undefined, "no deadline given, none stored");
    // What was taken back is kept with the status (the coach's notification names it).
    assert.deepEqual(p.disputeTransfers, [{ disputeId: "dp_1", coachAmount: 39920, reversalId: "trr_1" }]);
    assert.equal(s.coachTotal(), 0);

    assert.equal(await recordDisputeOpened(s.deps, facts("needs_response")), "already booked");
    assert.deepEqual(s.gateway.reversalRequests, [asked, asked], "asked again, same key");
    assert.equal(s.gateway.reversals.length, 1, "so Stripe reversed once");
  });

  it("with the fee policy 'none' the coach's share of a partial dispute is the whole amount", async () => {
    const partial = facts("needs_response", {
      amount: 10000,
      withdrawal: withdrawn({ amount: 10000 }),
    });
    const proportional = await sold();
    await recordDisputeOpened(proportional.deps, partial);
    const none = await sold({ refundFeeReversal: "none" });
    await recordDisputeOpened(none.deps, partial);
    assert.deepEqual(
      [proportional.gateway.reversalRequests[0]?.amount, none.gateway.reversalRequests[0]?.amount],
      [8000, 10000],
    );
  });

  it("asks Stripe for the transfer when the payment document does not name it", async () => {
    const s = await sold();
    const p = s.money.payments.get("pi_1")!;
    delete p.stripeTransferId;
    await recordDisputeOpened(s.deps, facts("needs_response"));
    assert.equal(s.gateway.reversalRequests[0]?.transferId, "tr_pi_1");
  });

  it("without a transfer on Stripe nothing is reversed, and the dispute is still booked", async () => {
    const s = await sold();
    delete s.money.payments.get("pi_1")!.stripeTransferId;
    s.gateway.payments.get("pi_1")!.transferId = null;
    assert.equal(await recordDisputeOpened(s.deps, facts("needs_response")), "booked");
    assert.deepEqual(s.gateway.reversalRequests, []);
    assert.ok(s.money.entries.get("dp_1:dispute"));
  });

  it("a subscription dispute takes nothing from any coach", async () => {
    const s = await sold();
    const sub = s.gateway.addProgramPayment("pi_sub", {
      amount: { amount: 9900, currency: "sek" },
    });
    sub.metadata = {};
    await recordSubscriptionSale(s.deps, {
      paymentIntentId: "pi_sub",
      invoiceId: "in_1",
      subscriptionId: "sub_1",
      userId: "user-1",
      paidAt: 1_795_000_000_000,
    });
    const note = await recordDisputeOpened(
      s.deps,
      facts("needs_response", {
        paymentIntentId: "pi_sub",
        amount: 9900,
        withdrawal: withdrawn({ amount: 9900 }),
      }),
    );
    assert.equal(note, "booked");
    assert.deepEqual(s.gateway.reversalRequests, []);
  });

  it("after a full refund what Stripe withdrew is the platform's cost, and no coach reversal", async () => {
    const s = await sold();
    await fullRefund(s);
    const coachBefore = s.coachTotal();
    assert.equal(
      await recordDisputeOpened(s.deps, facts("needs_response")),
      "booked (49900 beyond the sale)",
    );
    assert.equal(s.money.entries.get("dp_1:dispute"), undefined);
    assert.ok(s.money.entries.get("dp_1:dispute_excess"));
    assert.equal(accountTotal(s.money, "stripe:dispute_fees"), 49900 + 25000);
    assert.deepEqual(s.gateway.reversalRequests, []);
    assert.equal(s.coachTotal(), coachBefore);
    assert.equal(await recordDisputeOpened(s.deps, facts("needs_response")), "already booked");
    assert.equal(accountTotal(s.money, "stripe:dispute_fees"), 49900 + 25000);
  });

  it("after a partial refund the rest of the sale is reversed and the remainder is a cost", async () => {
    const s = await sold();
    s.gateway.addRefund("pi_1", { id: "re_1", amount: 40000, created: 1_795_050_000 });
    await syncRefunds(s.deps, "pi_1");
    assert.equal(
      await recordDisputeOpened(s.deps, facts("needs_response")),
      "booked (40000 beyond the sale)",
    );
    assert.ok(s.money.entries.get("dp_1:dispute"));
    assert.ok(s.money.entries.get("dp_1:dispute_excess"));
  });

  it("before Stripe withdraws anything nothing is booked or reversed", async () => {
    const s = await sold();
    assert.equal(
      await recordDisputeOpened(s.deps, facts("needs_response", { withdrawal: null })),
      "no funds withdrawn yet; booked when Stripe withdraws them",
    );
    assert.equal(s.money.entries.get("dp_1:dispute"), undefined);
    assert.deepEqual(s.gateway.reversalRequests, []);
  });
});

describe("recordDisputeClosed", () => {
  it("is retried (precondition) while the opening is not booked", async () => {
    const s = await sold();
    await assert.rejects(recordDisputeClosed(s.deps, facts("lost")), (e: unknown) => {
      assert.ok(e instanceof DomainError);
      assert.equal(e.kind, "precondition");
      assert.equal(e.message, "dispute dp_1 opening is not booked yet; will retry");
      return true;
    });
  });

  it("a status that is not final books nothing", async () => {
    const s = await sold();
    await recordDisputeOpened(s.deps, facts("needs_response"));
    const before = s.money.entries.size;
    assert.equal(await recordDisputeClosed(s.deps, facts("under_review")), "not final");
    assert.equal(s.money.entries.size, before);
  });

  it("lost: the platform's part is booked once, dated when it closed; nothing goes back", async () => {
    const s = await sold();
    await recordDisputeOpened(s.deps, facts("needs_response"));
    assert.equal(await recordDisputeClosed(s.deps, facts("lost")), "booked");
    assert.equal(s.money.entries.get("dp_1:dispute_lost")?.occurredAt, 1_795_300_000_000);
    assert.equal(s.money.payments.get("pi_1")?.disputeOutcome, "lost");
    const entries = s.money.entries.size;
    assert.equal(await recordDisputeClosed(s.deps, facts("lost")), "already booked");
    assert.equal(s.money.entries.size, entries);
    assert.deepEqual(s.gateway.transferRequests, []);
  });

  it("lost after a full refund: only the cost stays, no loss entry", async () => {
    const s = await sold();
    await fullRefund(s);
    await recordDisputeOpened(s.deps, facts("needs_response"));
    assert.equal(await recordDisputeClosed(s.deps, facts("lost")), "booked");
    assert.equal(s.money.entries.get("dp_1:dispute_lost"), undefined);
    assert.equal(s.money.payments.get("pi_1")?.disputeOutcome, "lost");
  });

  it("won: the reinstatement is booked and the coach's share sent back once, keyed by the dispute", async () => {
    const s = await sold();
    await recordDisputeOpened(s.deps, facts("needs_response"));
    const won = facts("won", { reinstatement: reinstated() });
    assert.equal(await recordDisputeClosed(s.deps, won), "booked");
    const entry = s.money.entries.get("dp_1:dispute_won")!;
    assert.equal(entry.occurredAt, 1_795_400_000_000, "dated by the reinstatement");
    assert.equal(accountTotal(s.money, "stripe:dispute_fees"), 0, "the fee came back");
    assert.equal(s.coachTotal(), 39920);
    const asked: TransferAsked = {
      idempotencyKey: "dp_1:return_transfer",
      destinationAccountId: "acct_coach",
      amount: { amount: 39920, currency: "sek" },
      sourceChargeId: "ch_pi_1",
      metadata: { kassaPaymentId: "pi_1", kassaDisputeId: "dp_1" },
    };
    assert.deepEqual(s.gateway.transferRequests, [asked]);
    const p = s.money.payments.get("pi_1")!;
    assert.equal(p.disputeOutcome, "won");
    assert.deepEqual(p.disputeTransfers, [
      { disputeId: "dp_1", coachAmount: 39920, reversalId: "trr_1", returnTransferId: "tr_2" },
    ]);

    assert.equal(await recordDisputeClosed(s.deps, won), "already booked");
    assert.deepEqual(s.gateway.transferRequests, [asked, asked], "asked again, same key");
    assert.equal(s.gateway.transfers.length, 1);
  });

  it("won without a reinstatement's date is dated when it closed; a kept fee stays a cost", async () => {
    const s = await sold();
    await recordDisputeOpened(s.deps, facts("needs_response"));
    await recordDisputeClosed(
      s.deps,
      facts("won", { reinstatement: reinstated({ created: null, fee: 0 }) }),
    );
    assert.equal(s.money.entries.get("dp_1:dispute_won")?.occurredAt, 1_795_300_000_000);
    assert.equal(accountTotal(s.money, "stripe:dispute_fees"), 25000);
  });

  it("won when nothing was reversed on Stripe sends nothing back", async () => {
    const s = await sold();
    delete s.money.payments.get("pi_1")!.stripeTransferId;
    s.gateway.payments.get("pi_1")!.transferId = null;
    await recordDisputeOpened(s.deps, facts("needs_response"));
    assert.equal(
      await recordDisputeClosed(s.deps, facts("won", { reinstatement: reinstated() })),
      "booked",
    );
    assert.deepEqual(s.gateway.transferRequests, []);
  });

  it("won without a destination account on Stripe sends nothing back", async () => {
    const s = await sold();
    await recordDisputeOpened(s.deps, facts("needs_response"));
    s.gateway.payments.get("pi_1")!.destinationAccountId = null;
    await recordDisputeClosed(s.deps, facts("won", { reinstatement: reinstated() }));
    assert.deepEqual(s.gateway.transferRequests, []);
  });

  describe("won after a full refund (the withdrawal was all cost)", () => {
    const excessBack = (s: Awaited<ReturnType<typeof sold>>) =>
      -(
        s.money.entries
          .get("dp_1:dispute_excess_returned")
          ?.postings.find((p) => p.account === "stripe:dispute_fees")?.amount ?? 0
      );

    async function refundedThenDisputed() {
      const s = await sold();
      await fullRefund(s);
      await recordDisputeOpened(s.deps, facts("needs_response"));
      return s;
    }

    it("gives back what Stripe reinstated with the fee it returned, once", async () => {
      const s = await refundedThenDisputed();
      const won = facts("won", { reinstatement: reinstated() });
      assert.equal(await recordDisputeClosed(s.deps, won), "booked");
      assert.equal(excessBack(s), 49900 + 25000);
      assert.equal(accountTotal(s.money, "stripe:dispute_fees"), 0);
      assert.equal(await recordDisputeClosed(s.deps, won), "already booked");
      assert.equal(accountTotal(s.money, "stripe:dispute_fees"), 0);
      assert.deepEqual(s.gateway.transferRequests, []);
    });

    it("a fee Stripe kept stays a cost", async () => {
      const s = await refundedThenDisputed();
      await recordDisputeClosed(s.deps, facts("won", { reinstatement: reinstated({ fee: 0 }) }));
      assert.equal(excessBack(s), 49900);
      assert.equal(accountTotal(s.money, "stripe:dispute_fees"), 25000);
    });

    it("without a reinstatement in the event the withdrawn amount less its fee comes back", async () => {
      const s = await refundedThenDisputed();
      await recordDisputeClosed(s.deps, facts("won"));
      assert.equal(excessBack(s), 49900);
    });

    it("with neither withdrawal nor reinstatement in the event the whole booked cost comes back (no fee to tell apart)", async () => {
      const s = await refundedThenDisputed();
      await recordDisputeClosed(s.deps, facts("won", { withdrawal: null }));
      assert.equal(excessBack(s), 49900 + 25000);
    });
  });
});

describe("a dispute of a converted charge (EUR sale settled in SEK)", () => {
  async function convertedSale() {
    const s = await sold();
    const p = s.gateway.addProgramPayment("pi_eur", {
      amount: { amount: 10000, currency: "eur" },
      fee: 2000,
    });
    p.settled = { amount: 110000, currency: "sek", exchangeRate: 11 };
    p.coachSettled = { amount: 88000, currency: "sek", exchangeRate: null };
    await recordProgramSale(s.deps, "pi_eur");
    return s;
  }
  const eur = (status: string, over: Partial<DisputeFacts> = {}) =>
    facts(status, {
      paymentIntentId: "pi_eur",
      amount: 10000,
      withdrawal: withdrawn({ amount: 115000, exchangeRate: 11.5 }),
      ...over,
    });

  it("the coach's share is reversed and returned in EUR; a win values it at the reinstatement's rate", async () => {
    const s = await convertedSale();
    assert.equal(await recordDisputeOpened(s.deps, eur("needs_response")), "booked");
    assert.equal(s.gateway.reversalRequests[0]?.amount, 8000, "the coach's EUR part");
    assert.deepEqual(s.money.payments.get("pi_eur")?.disputeTransfers, [
      { disputeId: "dp_1", coachAmount: 8000, reversalId: "trr_1" },
    ]);
    await recordDisputeClosed(
      s.deps,
      eur("won", { reinstatement: reinstated({ amount: 112000, exchangeRate: 11.2 }) }),
    );
    const won = s.money.entries.get("dp_1:dispute_won")!;
    const coachBack = won.postings
      .filter((x) => x.account.startsWith("coach:"))
      .reduce((a, x) => a + x.amount, 0);
    assert.equal(coachBack, -89600, "8000 EUR at 11.2");
    assert.deepEqual(s.gateway.transferRequests[0]?.amount, { amount: 8000, currency: "eur" });
  });

  it("a win without a reinstatement in the event books the coach's part as taken", async () => {
    const s = await convertedSale();
    await recordDisputeOpened(s.deps, eur("needs_response"));
    assert.equal(await recordDisputeClosed(s.deps, eur("won")), "booked");
    assert.ok(s.money.entries.get("dp_1:dispute_won"));
    assert.deepEqual(s.gateway.transferRequests[0]?.amount, { amount: 8000, currency: "eur" });
  });
});

describe("excessPartOf: how a reinstatement splits between the sale's part and what was beyond it", () => {
  it("returns the excess whole when Stripe gives back all it took, or the event carries no reinstatement", () => {
    assert.equal(excessPartOf(null, 11500, 103500), 103500);
    assert.equal(excessPartOf(115000, 11500, 103500), 103500, "exactly what was withdrawn");
    assert.equal(excessPartOf(130000, 11500, 103500), 103500, "more (a better rate): the gain goes with the sale's part");
  });

  it("splits a smaller reinstatement in the withdrawal's proportion, in whole öre", () => {
    assert.equal(excessPartOf(100000, 11500, 103500), 90000);
    assert.equal(excessPartOf(100001, 11500, 103500), 90001, "rounded to the nearest öre");
    assert.equal(excessPartOf(1, 1, 2), 1);
  });

  it("nothing beyond the sale: nothing of the reinstatement is excess", () => {
    assert.equal(excessPartOf(100000, 11500, 0), 0);
    assert.equal(excessPartOf(null, 11500, 0), 0);
    assert.equal(excessPartOf(100000, 11500, -5), 0);
  });
});
