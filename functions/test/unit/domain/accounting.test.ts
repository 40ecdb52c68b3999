import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  basAccountFor,
  buildVouchers,
  DEFAULT_BAS_MAPPING,
  validateMapping,
  type BasMapping,
  type VoucherDraft,
} from "../../../src/domain/accounting";
import {
  programSaleEntry,
  refundEntry,
  stripeFeeEntry,
  subscriptionPaymentEntry,
  holdReleaseEntry,
} from "../../../src/domain/ledger";
import { paymentPosition } from "../../../src/domain/payment-position";
import { accountTotals } from "../../../src/domain/balances";
import { vatPart } from "../../../src/domain/fee-split";
import { dayBounds } from "../../../src/domain/calendar-day";
import { minorToDecimalString, money } from "../../../src/domain/money";
import { DomainError } from "../../../src/domain/errors";
import { historyArb, replay } from "./random-ledger";

const DAY = "2026-11-22";
const { fromMs, toMs } = dayBounds(DAY);
const T = fromMs + 3_600_000;
const sek = (n: number) => money(n, "sek");
const kr = (v: VoucherDraft) =>
  v.rows.map((r) => [
    r.account,
    r.debit ? `D ${minorToDecimalString(r.debit)}` : `C ${minorToDecimalString(r.credit)}`,
  ]);

describe("accounting vouchers", () => {
  it("books a 499 SEK program with a 20 % fee exactly as fortnox.md shows", () => {
    const sale = programSaleEntry({
      paymentId: "pi_1",
      coachId: "c1",
      gross: sek(49900),
      fee: sek(9980),
      occurredAt: T,
    });
    const [v, ...rest] = buildVouchers(DAY, [sale]);
    assert.equal(rest.length, 0);
    assert.ok(v);
    assert.equal(v.description, "KASSA 2026-11-22 sales SEK");
    assert.deepEqual(kr(v), [
      [1580, "D 499.00"],
      [2890, "C 399.20"],
      [3041, "C 79.84"],
      [2611, "C 19.96"],
    ]);
    assert.deepEqual(v.entryIds, ["pi_1:capture"]);
    assert.deepEqual(v.paymentIds, ["pi_1"]);
  });

  it("books a 99 SEK subscription as 1580 D 99.00 / 3041 C 79.20 / 2611 C 19.80", () => {
    const sub = subscriptionPaymentEntry({ paymentId: "in_1", gross: sek(9900), occurredAt: T });
    const [v] = buildVouchers(DAY, [sub]);
    assert.ok(v);
    assert.equal(v.flow, "subscriptions");
    assert.deepEqual(kr(v), [
      [1580, "D 99.00"],
      [3041, "C 79.20"],
      [2611, "C 19.80"],
    ]);
  });

  it("makes one voucher per flow and currency, nets rows, and mirrors a sale with its refund", () => {
    const sale = programSaleEntry({
      paymentId: "pi_1",
      coachId: "c1",
      gross: sek(49900),
      fee: sek(9980),
      occurredAt: T,
    });
    const sale2 = programSaleEntry({
      paymentId: "pi_2",
      coachId: "c2",
      gross: sek(49900),
      fee: sek(9980),
      occurredAt: T + 1,
    });
    const eur = programSaleEntry({
      paymentId: "pi_3",
      coachId: "c1",
      gross: money(5000, "eur"),
      fee: money(1000, "eur"),
      occurredAt: T,
    });
    const fee = stripeFeeEntry({
      sourceId: "txn_1",
      paymentId: "pi_1",
      fee: sek(1023),
      occurredAt: T,
    })!;
    const refund = refundEntry({
      refundId: "re_1",
      position: paymentPosition([sale]),
      amount: sek(49900),
      occurredAt: T + 2,
    });
    const release = holdReleaseEntry({ position: paymentPosition([sale2]), occurredAt: T + 3 })!;
    const vouchers = buildVouchers(DAY, [refund, sale, eur, fee, sale2, release]);
    // The hold release moves money inside 2890 only, so "transfers" nets to nothing.
    assert.deepEqual(
      vouchers.map((v) => v.description),
      [
        "KASSA 2026-11-22 sales EUR",
        "KASSA 2026-11-22 sales SEK",
        "KASSA 2026-11-22 stripe_fees SEK",
        "KASSA 2026-11-22 refunds SEK",
      ],
    );
    const [, salesSek, fees, refunds] = vouchers;
    assert.deepEqual(salesSek && kr(salesSek), [
      [1580, "D 998.00"],
      [2890, "C 798.40"],
      [3041, "C 159.68"],
      [2611, "C 39.92"],
    ]);
    assert.deepEqual(salesSek?.paymentIds, ["pi_1", "pi_2"]);
    assert.deepEqual(fees && kr(fees), [
      [6570, "D 10.23"],
      [1580, "C 10.23"],
    ]);
    assert.deepEqual(refunds && kr(refunds), [
      [2890, "D 399.20"],
      [3041, "D 79.84"],
      [2611, "D 19.96"],
      [1580, "C 499.00"],
    ]);
  });

  it("refuses entries from another day (Stockholm time) and malformed days", () => {
    const late = programSaleEntry({
      paymentId: "pi_1",
      coachId: "c1",
      gross: sek(100),
      fee: sek(20),
      occurredAt: toMs,
    });
    assert.throws(
      () => buildVouchers(DAY, [late]),
      (e: unknown) => e instanceof DomainError && e.field === "entries",
    );
    assert.throws(
      () => buildVouchers("2026-11-31", []),
      (e: unknown) => e instanceof DomainError && e.field === "day",
    );
    assert.deepEqual(buildVouchers(DAY, []), []);
  });

  it("validateMapping names the field of an account outside 1000-9999", () => {
    assert.equal(validateMapping({ ...DEFAULT_BAS_MAPPING }).clearing, 1580);
    for (const [field, value] of [
      ["clearing", 999],
      ["bank", 10000],
      ["outputVat", 2611.5],
    ] as const) {
      assert.throws(
        () => validateMapping({ ...DEFAULT_BAS_MAPPING, [field]: value }),
        (e: unknown) =>
          e instanceof DomainError && e.kind === "invalid_input" && e.field === `mapping.${field}`,
      );
    }
    assert.throws(
      () => validateMapping({ ...DEFAULT_BAS_MAPPING, vatBps: -1 }),
      (e: unknown) => e instanceof DomainError && e.field === "mapping.vatBps",
    );
    const sale = programSaleEntry({
      paymentId: "pi_1",
      coachId: "c1",
      gross: sek(100),
      fee: sek(20),
      occurredAt: T,
    });
    assert.throws(
      () => buildVouchers(DAY, [sale], { ...DEFAULT_BAS_MAPPING, coachLiability: 42 }),
      DomainError,
    );
  });

  it("property: over random ledgers every voucher balances and BAS totals match the ledger", () => {
    // Distinct accounts per ledger account so each total can be checked on its own.
    const mapping: BasMapping = {
      clearing: 1580,
      coachLiability: 2890,
      coachPaid: 1581,
      commissionRevenue: 3041,
      subscriptionRevenue: 3042,
      outputVat: 2611,
      vatBps: 2500,
      paymentFees: 6570,
      disputeSuspense: 1589,
      bank: 1930,
    };
    const span = toMs - fromMs;
    fc.assert(
      fc.property(historyArb, (cmds) => {
        const { entries } = replay(cmds, (i) => fromMs + ((i * 7919) % span));
        const vouchers = buildVouchers(DAY, entries, mapping);
        const bas = new Map<string, number>();
        for (const v of vouchers) {
          let debit = 0;
          let credit = 0;
          for (const r of v.rows) {
            assert.ok(r.debit > 0 !== r.credit > 0);
            debit += r.debit;
            credit += r.credit;
            const key = `${v.currency}|${r.account}`;
            bas.set(key, (bas.get(key) ?? 0) + r.debit - r.credit);
          }
          assert.equal(debit, credit, v.description);
          assert.match(v.description, /^KASSA 2026-11-22 [a-z_]+ (SEK|EUR)$/);
        }
        // Expected per BAS account: the ledger's totals mapped, revenue split per voucher.
        const expected = new Map<string, number>();
        const addExpected = (key: string, n: number) =>
          expected.set(key, (expected.get(key) ?? 0) + n);
        const flows = new Set(entries.map((e) => `${e.flow}|${e.currency}`));
        for (const fcKey of flows) {
          const [flow, currency] = fcKey.split("|") as [string, "sek" | "eur"];
          const totals = accountTotals(
            entries.filter((e) => e.flow === flow && e.currency === currency),
          );
          for (const [key, amount] of totals) {
            const account = key.slice(key.indexOf("|") + 1);
            const target = basAccountFor(account, mapping);
            if (target.vatInclusive) {
              const split = vatPart(money(amount, currency), mapping.vatBps);
              addExpected(`${currency}|${target.account}`, split.net.amount);
              addExpected(`${currency}|${mapping.outputVat}`, split.vat.amount);
            } else {
              addExpected(`${currency}|${target.account}`, amount);
            }
          }
        }
        for (const key of new Set([...bas.keys(), ...expected.keys()])) {
          assert.equal(bas.get(key) ?? 0, expected.get(key) ?? 0, key);
        }
        // Every entry of a voucher that exists is listed exactly once.
        const covered = vouchers.flatMap((v) => v.entryIds);
        assert.equal(new Set(covered).size, covered.length);
      }),
      { numRuns: 150 },
    );
  });
});
