import { strict as assert } from "node:assert";
import { ACCOUNTING_FLOWS } from "../../../src/domain/accounting";
import { DEFAULT_BAS_MAPPING } from "../../../src/domain/accounting-mapping";
import {
  buildVoucher,
  flowOfLine,
  flowOrder,
  groupEntries,
  LATE_FLOW,
  specLine,
  type VoucherDraft,
} from "../../../src/domain/accounting-vouchers";
import { dayBounds } from "../../../src/domain/calendar-day";
import { DomainError } from "../../../src/domain/errors";
import { disputeCreatedEntry, programSaleEntry, refundEntry, stripeFeeEntry, subscriptionPaymentEntry } from "../../../src/domain/ledger";
import type { LedgerEntry } from "../../../src/domain/ledger-entries";
import { minorToDecimalString, money } from "../../../src/domain/money";
import { paymentPosition } from "../../../src/domain/payment-position";

// What a voucher sent to Fortnox looks like row by row, which entries go on which voucher,
// and which vouchers are refused.

const DAY = "2026-11-22";
const T = dayBounds(DAY).fromMs + 3_600_000;
const sek = (n: number) => money(n, "sek");
const key = (flow: VoucherDraft["flow"], sequence = 1) => ({ day: DAY, flow, currency: "sek" as const, sequence });
const kr = (v: VoucherDraft) => v.rows.map((r) => [r.account, r.debit ? `D ${minorToDecimalString(r.debit)}` : `C ${minorToDecimalString(r.credit)}`]);
const sale = (paymentId = "pi_1", at = T) => programSaleEntry({ paymentId, coachId: "c1", gross: sek(49900), fee: sek(9980), occurredAt: at });
const withOriginal = (e: LedgerEntry, original: unknown): LedgerEntry => ({ ...e, refs: { ...e.refs, original } as LedgerEntry["refs"] });
const refusesField = (fn: () => unknown, field: string, message: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof DomainError && e.kind === "invalid_input" && e.field === field && message.test(e.message));

describe("voucher rows", () => {
  it("a refund voucher lists its debits first, then the clearing credit", () => {
    const refund = refundEntry({ refundId: "re_1", position: paymentPosition([sale()]), amount: sek(49900), occurredAt: T });
    const v = buildVoucher(key("refunds"), [refund], DEFAULT_BAS_MAPPING);
    assert.deepEqual(kr(v), [[2890, "D 399.20"], [3041, "D 79.84"], [2611, "D 19.96"], [1580, "C 499.00"]]);
  });

  it("a dispute books the withdrawn money on the dispute suspense account and the dispute fee as a payment fee", () => {
    const created = disputeCreatedEntry({ disputeId: "dp_1", position: paymentPosition([sale()]), amount: sek(49900), disputeFee: sek(15000), occurredAt: T });
    const mapping = { ...DEFAULT_BAS_MAPPING, disputeSuspense: 1581, paymentFees: 6571 };
    const v = buildVoucher(key("disputes"), [created], mapping);
    assert.deepEqual(kr(v), [[6571, "D 150.00"], [2890, "D 399.20"], [1581, "D 99.80"], [1580, "C 649.00"]]);
    assert.deepEqual(v.rows.map((r) => r.info), [
      "Tvister 2026-11-22: Stripe-avgifter",
      "Tvister 2026-11-22: skuld till coacher",
      "Tvister 2026-11-22: medel i tvist",
      "Tvister 2026-11-22: kortfordran hos Stripe",
    ]);
  });

  it("names each account's role in the mapping, subscriptions on their own account when it has one", () => {
    const mapping = { ...DEFAULT_BAS_MAPPING, subscriptionRevenue: 3042 };
    const sub = subscriptionPaymentEntry({ paymentId: "in_1", gross: sek(9900), occurredAt: T });
    const v = buildVoucher(key("subscriptions"), [sub], mapping);
    assert.deepEqual(kr(v), [[1580, "D 99.00"], [3042, "C 79.20"], [2611, "C 19.80"]]);
    assert.equal(v.rows[1]!.info, "Prenumerationer 2026-11-22: prenumerationer exkl. moms");
    // Program fees stay on the commission account.
    const s = buildVoucher(key("sales"), [sale()], mapping);
    assert.deepEqual(kr(s).map(([a]) => a), [1580, 2890, 3041, 2611]);
  });

  it("a Stripe fee row says it is a Stripe fee", () => {
    const fee = stripeFeeEntry({ sourceId: "txn_1", fee: sek(250), occurredAt: T })!;
    const v = buildVoucher(key("stripe_fees"), [fee], DEFAULT_BAS_MAPPING);
    assert.deepEqual(v.rows.map((r) => [r.account, r.info]), [
      [6570, "Stripe-avgifter 2026-11-22: Stripe-avgifter"],
      [1580, "Stripe-avgifter 2026-11-22: kortfordran hos Stripe"],
    ]);
  });

  it("an exchange gain row says it is one", () => {
    const fx: LedgerEntry = {
      id: "re_fx:refund",
      kind: "refund",
      flow: "refunds",
      currency: "sek",
      occurredAt: T,
      refs: { paymentId: "pi_1" },
      postings: [
        { account: "platform:stripe_balance", amount: -10000 },
        { account: "coach:c1:held", amount: 10030 },
        { account: "platform:fx", amount: -30 },
      ],
    };
    const v = buildVoucher(key("refunds"), [fx], DEFAULT_BAS_MAPPING);
    assert.deepEqual(v.rows.at(-1), { account: 3960, debit: 0, credit: 30, info: "Återbetalningar 2026-11-22: kursvinst" });
    assert.equal(v.fxMinor, -30);
  });

  it("sums originals per foreign currency on the clearing row only, and keeps the row text within Fortnox's 100 characters", () => {
    const entries = [
      withOriginal(sale("pi_1"), { amount: 1000, currency: "eur" }),
      withOriginal(sale("pi_2"), { amount: 1250, currency: "eur" }),
      withOriginal(sale("pi_3"), { amount: 1100, currency: "usd" }),
    ];
    const v = buildVoucher(key("sales"), entries, DEFAULT_BAS_MAPPING);
    const full = "Programförsäljning 2026-11-22: kortfordran hos Stripe; urspr. EUR 22,50 (2), urspr. USD 11,00 (1)";
    assert.equal(v.rows[0]!.info, full);
    assert.deepEqual(v.rows.slice(1).map((r) => r.info), [
      "Programförsäljning 2026-11-22: skuld till coacher",
      "Programförsäljning 2026-11-22: provision exkl. moms",
      "Programförsäljning 2026-11-22: utgående moms 25 % per försäljning",
    ]);
    const more = [...entries, withOriginal(sale("pi_4"), { amount: 900, currency: "nok" }), withOriginal(sale("pi_5"), { amount: 800, currency: "dkk" })];
    const info = buildVoucher({ ...key(LATE_FLOW, 12) }, more, DEFAULT_BAS_MAPPING).rows[0]!.info!;
    assert.equal(info.length, 100);
    assert.equal(info, "Programförsäljning 2026-11-22 #12: kortfordran hos Stripe; urspr. EUR 22,50 (2), urspr. USD 11,00 (1), urspr. NOK 9,00 (1), urspr. DKK 8,00 (1)".slice(0, 100));
  });

  it("ignores an original in the voucher's own currency or one that is not an amount and a currency", () => {
    const same = withOriginal(sale("pi_1"), { amount: 49900, currency: "sek" });
    const broken = withOriginal(sale("pi_2"), { amount: 10.5, currency: "eur" });
    const noCurrency = withOriginal(sale("pi_3"), { amount: 1000, currency: 978 });
    const v = buildVoucher(key("sales"), [same, broken, noCurrency], DEFAULT_BAS_MAPPING);
    assert.equal(v.rows[0]!.info, "Programförsäljning 2026-11-22: kortfordran hos Stripe");
    assert.equal("original" in specLine(broken), false);
    assert.equal("original" in specLine(noCurrency), false);
  });

  it("refuses a voucher whose totals would leave the safe integer range rather than lose öre", () => {
    const huge = (id: string) => programSaleEntry({ paymentId: id, coachId: "c1", gross: sek(6e15), fee: sek(0), occurredAt: T });
    refusesField(() => buildVoucher(key("sales"), [huge("pi_1"), huge("pi_2")], DEFAULT_BAS_MAPPING), "rows", /KASSA 2026-11-22 sales SEK: row on 1580/);
  });
});

describe("voucher keys and grouping", () => {
  it("orders flows as the accounting flows are listed, supplementary vouchers last", () => {
    assert.deepEqual(ACCOUNTING_FLOWS.map(flowOrder), [0, 1, 2, 3, 4, 5, 6]);
    assert.equal(flowOrder(LATE_FLOW), ACCOUNTING_FLOWS.length);
  });

  it("groups entries by day, then flow order, then currency, whatever order they come in", () => {
    const nextDay = T + 24 * 3600_000;
    const eurSale = programSaleEntry({ paymentId: "pi_e", coachId: "c1", gross: money(1000, "eur"), fee: money(200, "eur"), occurredAt: T });
    const sub = subscriptionPaymentEntry({ paymentId: "in_1", gross: sek(9900), occurredAt: T });
    const groups = groupEntries([sale("pi_2", nextDay), sub, sale("pi_1"), eurSale]);
    assert.deepEqual(
      groups.map((g) => [g.day, g.flow, g.currency, g.entries.map((e) => e.id)]),
      [
        [DAY, "sales", "eur", ["pi_e:capture"]],
        [DAY, "sales", "sek", ["pi_1:capture"]],
        [DAY, "subscriptions", "sek", ["in_1:capture"]],
        ["2026-11-23", "sales", "sek", ["pi_2:capture"]],
      ],
    );
  });

  it("a spec line's flow is its own, else its voucher's; a supplementary voucher's line must carry one", () => {
    const line = specLine(sale());
    assert.equal(flowOfLine(line, LATE_FLOW), "sales");
    const { flow: _flow, ...old } = line;
    assert.equal(flowOfLine(old, "refunds"), "refunds");
    refusesField(() => flowOfLine(old, LATE_FLOW), "lines", /spec line pi_1:capture of a supplementary voucher has no flow/);
  });

  it("refuses a sequence that is not a whole number from 1, and a supplementary voucher before #2", () => {
    for (const sequence of [0, -1, 1.5]) refusesField(() => buildVoucher(key("sales", sequence), [], DEFAULT_BAS_MAPPING), "sequence", /must be 1 or more/);
    refusesField(() => buildVoucher(key(LATE_FLOW, 1), [], DEFAULT_BAS_MAPPING), "sequence", /supplementary voucher is #2 or later, got 1/);
  });

  it("refuses an entry of another flow on a first voucher, or of another currency on any voucher", () => {
    refusesField(
      () => buildVoucher(key("refunds"), [sale()], DEFAULT_BAS_MAPPING),
      "entries",
      /entry pi_1:capture \(2026-11-22 sales sek\) does not belong on KASSA 2026-11-22 refunds SEK/,
    );
    const eurSale = programSaleEntry({ paymentId: "pi_e", coachId: "c1", gross: money(1000, "eur"), fee: money(200, "eur"), occurredAt: T });
    refusesField(() => buildVoucher(key(LATE_FLOW, 2), [eurSale], DEFAULT_BAS_MAPPING), "entries", /does not belong on KASSA 2026-11-22 late SEK #2/);
  });
});
