import { strict as assert } from "node:assert";
import {
  disputeCreatedEntry,
  disputeLostEntry,
  disputeWonEntry,
  holdReleaseEntry,
  payoutFailedEntry,
  payoutPaidEntry,
  payoutReserveEntry,
  payoutReturnedEntry,
  platformPayoutEntry,
  programSaleEntry,
  refundEntry,
  stripeFeeEntry,
  subscriptionPaymentEntry,
} from "../../../src/domain/ledger";
import { assertBalanced, type LedgerEntry } from "../../../src/domain/ledger-entries";
import { coachAccount, parseAccount } from "../../../src/domain/ledger-accounts";
import { paymentPosition } from "../../../src/domain/payment-position";
import {
  accountTotals,
  applyEntry,
  balanceFromEntries,
  emptyCoachBalance,
} from "../../../src/domain/balances";
import { money } from "../../../src/domain/money";
import { DomainError } from "../../../src/domain/errors";

const T = Date.UTC(2026, 10, 22, 10);
const sek = (n: number) => money(n, "sek");
const sale = () =>
  programSaleEntry({
    paymentId: "pi_1",
    coachId: "c1",
    gross: sek(49900),
    fee: sek(9980),
    occurredAt: T,
  });
const postings = (e: LedgerEntry) =>
  Object.fromEntries(e.postings.map((p) => [p.account, p.amount]));
const isDomain = (kind: string, field?: string) => (e: unknown) =>
  e instanceof DomainError && e.kind === kind && (field === undefined || e.field === field);

describe("ledger accounts and entries", () => {
  it("names coach accounts and parses them back", () => {
    assert.equal(coachAccount("u1", "in_payout"), "coach:u1:in_payout");
    assert.deepEqual(parseAccount("coach:u1:held"), {
      kind: "coach",
      coachId: "u1",
      bucket: "held",
    });
    assert.deepEqual(parseAccount("platform:fees"), { kind: "platform", account: "platform:fees" });
    assert.throws(() => coachAccount("a:b", "held"), isDomain("invalid_input", "coachId"));
    assert.throws(() => parseAccount("coach:u1:spent"), isDomain("invalid_input", "account"));
  });

  it("assertBalanced refuses unbalanced, zero, fractional postings and unknown accounts", () => {
    const base = sale();
    assert.doesNotThrow(() => assertBalanced(base));
    const variants: LedgerEntry[] = [
      {
        ...base,
        postings: [
          { account: "platform:stripe_balance", amount: 100 },
          { account: "platform:fees", amount: -99 },
        ],
      },
      {
        ...base,
        postings: [
          { account: "platform:stripe_balance", amount: 0 },
          { account: "platform:fees", amount: 0 },
        ],
      },
      {
        ...base,
        postings: [
          { account: "platform:stripe_balance", amount: 0.5 },
          { account: "platform:fees", amount: -0.5 },
        ],
      },
      {
        ...base,
        postings: [
          { account: "platform:nowhere", amount: 1 },
          { account: "platform:fees", amount: -1 },
        ],
      },
      { ...base, postings: [] },
    ];
    for (const v of variants) assert.throws(() => assertBalanced(v), DomainError);
  });
});

describe("ledger builders", () => {
  it("books a program sale: gross to the clearing account, fee to the platform, share held", () => {
    const e = sale();
    assert.equal(e.id, "pi_1:capture");
    assert.equal(e.flow, "sales");
    assert.deepEqual(postings(e), {
      "platform:stripe_balance": 49900,
      "coach:c1:held": -39920,
      "platform:fees": -9980,
    });
    assert.deepEqual(e.refs, { paymentId: "pi_1", coachId: "c1", stripeObjectId: "pi_1" });
    assert.deepEqual(balanceFromEntries("c1", "sek", [e]), {
      ...emptyCoachBalance("c1", "sek"),
      held: 39920,
    });
  });

  it("refuses a fee above the gross, a mixed currency or a zero gross", () => {
    const base = { paymentId: "pi_1", coachId: "c1", occurredAt: T };
    assert.throws(
      () => programSaleEntry({ ...base, gross: sek(100), fee: sek(101) }),
      isDomain("invalid_input", "fee"),
    );
    assert.throws(
      () => programSaleEntry({ ...base, gross: sek(100), fee: money(10, "eur") }),
      isDomain("invalid_input", "fee"),
    );
    assert.throws(
      () => programSaleEntry({ ...base, gross: sek(0), fee: sek(0) }),
      isDomain("invalid_input", "gross"),
    );
  });

  it("books a subscription for the platform only", () => {
    const e = subscriptionPaymentEntry({ paymentId: "in_1", gross: sek(9900), occurredAt: T });
    assert.equal(e.flow, "subscriptions");
    assert.deepEqual(postings(e), {
      "platform:stripe_balance": 9900,
      "platform:subscriptions": -9900,
    });
    assert.equal(e.refs.coachId, undefined);
  });

  it("books Stripe's fee as passed in, and nothing for a zero fee", () => {
    const e = stripeFeeEntry({
      sourceId: "txn_1",
      paymentId: "pi_1",
      fee: sek(1023),
      occurredAt: T,
    });
    assert.equal(e?.id, "txn_1:stripe_fee");
    assert.deepEqual(e && postings(e), { "stripe:fees": 1023, "platform:stripe_balance": -1023 });
    assert.equal(stripeFeeEntry({ sourceId: "txn_2", fee: sek(0), occurredAt: T }), null);
  });

  it("releases the hold of one payment, once", () => {
    const s = sale();
    const release = holdReleaseEntry({ position: paymentPosition([s]), occurredAt: T });
    assert.ok(release);
    assert.equal(release.id, "pi_1:hold_release");
    const b = balanceFromEntries("c1", "sek", [s, release]);
    assert.equal(b.held, 0);
    assert.equal(b.available, 39920);
    assert.equal(
      holdReleaseEntry({ position: paymentPosition([s, release]), occurredAt: T }),
      null,
    );
  });

  it("refunds take the coach share from held first and the fee proportionally", () => {
    const s = sale();
    const r = refundEntry({
      refundId: "re_1",
      position: paymentPosition([s]),
      amount: sek(10000),
      occurredAt: T,
    });
    assert.equal(r.id, "re_1:refund");
    assert.equal(r.flow, "refunds");
    // 20 % of 100 kr back from the fee, 80 kr from the coach's held share
    assert.deepEqual(postings(r), {
      "platform:stripe_balance": -10000,
      "coach:c1:held": 8000,
      "platform:fees": 2000,
    });
    const release = holdReleaseEntry({ position: paymentPosition([s, r]), occurredAt: T });
    assert.equal(release?.postings[0]?.amount, 31920, "only what is still held is released");
  });

  it("after the hold, refunds come from available and may push it negative", () => {
    const s = sale();
    const release = holdReleaseEntry({ position: paymentPosition([s]), occurredAt: T })!;
    const payout = payoutReserveEntry({
      payoutId: "p1",
      coachId: "c1",
      amount: sek(39920),
      balance: balanceFromEntries("c1", "sek", [s, release]),
      occurredAt: T,
    });
    const paid = payoutPaidEntry({
      payoutId: "p1",
      coachId: "c1",
      amount: sek(39920),
      occurredAt: T,
      stripePayoutId: "po_1",
    });
    const all = [s, release, payout, paid];
    const r = refundEntry({
      refundId: "re_1",
      position: paymentPosition(all),
      amount: sek(49900),
      occurredAt: T,
    });
    assert.deepEqual(postings(r), {
      "platform:stripe_balance": -49900,
      "coach:c1:available": 39920,
      "platform:fees": 9980,
    });
    const b = balanceFromEntries("c1", "sek", [...all, r]);
    assert.deepEqual(b, {
      coachId: "c1",
      currency: "sek",
      held: 0,
      available: -39920,
      inPayout: 0,
      paid: 39920,
    });
  });

  it("partial refunds adding up to the whole reverse exactly the fee and the share", () => {
    const entries: LedgerEntry[] = [
      programSaleEntry({
        paymentId: "pi_2",
        coachId: "c1",
        gross: sek(1001),
        fee: sek(200),
        occurredAt: T,
      }),
    ];
    for (const [i, amount] of [333, 333, 335].entries()) {
      entries.push(
        refundEntry({
          refundId: `re_${i}`,
          position: paymentPosition(entries),
          amount: sek(amount),
          occurredAt: T,
        }),
      );
    }
    const totals = accountTotals(entries);
    assert.equal(totals.get("sek|platform:fees"), 0);
    assert.equal(totals.get("sek|coach:c1:held"), 0);
    assert.equal(totals.get("sek|platform:stripe_balance"), 0);
  });

  it("refuses refunds beyond what is left of the payment", () => {
    const s = sale();
    const r = refundEntry({
      refundId: "re_1",
      position: paymentPosition([s]),
      amount: sek(40000),
      occurredAt: T,
    });
    assert.throws(
      () =>
        refundEntry({
          refundId: "re_2",
          position: paymentPosition([s, r]),
          amount: sek(9901),
          occurredAt: T,
        }),
      isDomain("invalid_input", "amount"),
    );
    assert.throws(
      () =>
        refundEntry({
          refundId: "re_3",
          position: paymentPosition([s]),
          amount: sek(0),
          occurredAt: T,
        }),
      isDomain("invalid_input", "amount"),
    );
    assert.throws(
      () =>
        refundEntry({
          refundId: "re_4",
          position: paymentPosition([s]),
          amount: money(1, "eur"),
          occurredAt: T,
        }),
      isDomain("invalid_input", "amount"),
    );
  });

  it("policy 'none' keeps the fee and charges the coach, never beyond the coach's share", () => {
    const s = sale();
    const r = refundEntry({
      refundId: "re_1",
      position: paymentPosition([s]),
      amount: sek(10000),
      policy: { feeReversal: "none" },
      occurredAt: T,
    });
    assert.deepEqual(postings(r), { "platform:stripe_balance": -10000, "coach:c1:held": 10000 });
    const full = refundEntry({
      refundId: "re_2",
      position: paymentPosition([s, r]),
      amount: sek(39900),
      policy: { feeReversal: "none" },
      occurredAt: T,
    });
    assert.deepEqual(postings(full), {
      "platform:stripe_balance": -39900,
      "coach:c1:held": 29920,
      "platform:fees": 9980,
    });
  });

  it("refunds a subscription from the platform's revenue", () => {
    const s = subscriptionPaymentEntry({ paymentId: "in_1", gross: sek(9900), occurredAt: T });
    const r = refundEntry({
      refundId: "re_9",
      position: paymentPosition([s]),
      amount: sek(9900),
      occurredAt: T,
    });
    assert.deepEqual(postings(r), {
      "platform:stripe_balance": -9900,
      "platform:subscriptions": 9900,
    });
  });

  it("a dispute freezes the coach share and parks the platform part until the outcome", () => {
    const s = sale();
    const created = disputeCreatedEntry({
      disputeId: "dp_1",
      position: paymentPosition([s]),
      amount: sek(49900),
      disputeFee: sek(15000),
      occurredAt: T,
    });
    assert.equal(created.id, "dp_1:dispute");
    assert.deepEqual(postings(created), {
      "platform:stripe_balance": -64900,
      "stripe:dispute_fees": 15000,
      "coach:c1:held": 39920,
      "platform:disputes": 9980,
    });
    assert.throws(
      () =>
        refundEntry({
          refundId: "re_1",
          position: paymentPosition([s, created]),
          amount: sek(1),
          occurredAt: T,
        }),
      DomainError,
    );

    const lost = disputeLostEntry({ created, occurredAt: T + 1 });
    assert.equal(lost?.id, "dp_1:dispute_lost");
    assert.deepEqual(lost && postings(lost), { "platform:fees": 9980, "platform:disputes": -9980 });

    const won = disputeWonEntry({ created, feeReturned: sek(15000), occurredAt: T + 1 });
    assert.equal(won.id, "dp_1:dispute_won");
    assert.deepEqual(postings(won), {
      "platform:stripe_balance": 64900,
      "stripe:dispute_fees": -15000,
      "coach:c1:available": -39920,
      "platform:disputes": -9980,
    });
    const afterWin = paymentPosition([s, created, won]);
    assert.equal(afterWin.reversedGross, 0);
    assert.deepEqual(balanceFromEntries("c1", "sek", [s, created, won]), {
      ...emptyCoachBalance("c1", "sek"),
      available: 39920,
    });
    assert.throws(
      () => disputeWonEntry({ created, feeReturned: sek(15001), occurredAt: T }),
      isDomain("invalid_input", "feeReturned"),
    );
  });

  it("payouts are two-phase: reserve, then paid or failed (voided back)", () => {
    const bal = { ...emptyCoachBalance("c1", "sek"), available: 20000 };
    const input = { payoutId: "pay_1", coachId: "c1", amount: sek(15000), occurredAt: T };
    const reserve = payoutReserveEntry({ ...input, balance: bal });
    assert.equal(reserve.id, "pay_1:reserve");
    assert.equal(reserve.flow, "transfers");
    let b = applyEntry(bal, reserve);
    assert.deepEqual([b.available, b.inPayout], [5000, 15000]);

    const failed = payoutFailedEntry({ ...input, stripePayoutId: "po_1" });
    assert.equal(failed.id, "pay_1:failed");
    assert.equal(failed.refs.stripeObjectId, "po_1");
    assert.deepEqual([applyEntry(b, failed).available, applyEntry(b, failed).inPayout], [20000, 0]);

    const retry = payoutReserveEntry({ ...input, balance: applyEntry(b, failed), attempt: 2 });
    assert.equal(retry.id, "pay_1:reserve:2");
    b = applyEntry(applyEntry(b, failed), retry);
    const paid = payoutPaidEntry({ ...input, stripePayoutId: "po_2" });
    b = applyEntry(b, paid);
    assert.deepEqual([b.available, b.inPayout, b.paid], [5000, 0, 15000]);
    const returned = payoutReturnedEntry(input);
    assert.deepEqual([applyEntry(b, returned).available, applyEntry(b, returned).paid], [20000, 0]);
  });

  it("refuses to reserve more than is available", () => {
    const bal = { ...emptyCoachBalance("c1", "sek"), available: 100 };
    assert.throws(
      () =>
        payoutReserveEntry({
          payoutId: "p",
          coachId: "c1",
          amount: sek(101),
          balance: bal,
          occurredAt: T,
        }),
      isDomain("precondition", "amount"),
    );
    assert.throws(
      () =>
        payoutReserveEntry({
          payoutId: "p",
          coachId: "c2",
          amount: sek(1),
          balance: bal,
          occurredAt: T,
        }),
      isDomain("invalid_input", "balance"),
    );
  });

  it("books the platform's own payout from the clearing account to the bank", () => {
    const e = platformPayoutEntry({ stripePayoutId: "po_9", amount: sek(5000), occurredAt: T });
    assert.equal(e.id, "po_9:platform_paid");
    assert.equal(e.flow, "payouts");
    assert.deepEqual(postings(e), { "platform:bank": 5000, "platform:stripe_balance": -5000 });
  });

  it("a balance document ignores other coaches and currencies", () => {
    const other = programSaleEntry({
      paymentId: "pi_x",
      coachId: "c2",
      gross: sek(1000),
      fee: sek(200),
      occurredAt: T,
    });
    const eur = programSaleEntry({
      paymentId: "pi_y",
      coachId: "c1",
      gross: money(1000, "eur"),
      fee: money(200, "eur"),
      occurredAt: T,
    });
    const b = emptyCoachBalance("c1", "sek");
    assert.equal(applyEntry(b, other), b);
    assert.equal(applyEntry(b, eur), b);
  });
});
