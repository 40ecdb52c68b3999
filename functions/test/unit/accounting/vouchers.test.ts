import { strict as assert } from "node:assert";
import fc from "fast-check";
import { basAccountFor, DEFAULT_BAS_MAPPING, validateMapping, type BasMapping } from "../../../src/domain/accounting-mapping";
import { buildVoucher, groupEntries, LATE_FLOW, voucherMarker, type VoucherDraft } from "../../../src/domain/accounting-vouchers";
import { bookingDate } from "../../../src/domain/accounting-dates";
import { dayBounds } from "../../../src/domain/calendar-day";
import { isDomainError } from "../../../src/domain/errors";
import { vatPart } from "../../../src/domain/fee-split";
import { holdReleaseEntry, programSaleEntry, refundEntry, subscriptionPaymentEntry } from "../../../src/domain/ledger";
import type { LedgerEntry } from "../../../src/domain/ledger-entries";
import { minorToDecimalString, money } from "../../../src/domain/money";
import { paymentPosition } from "../../../src/domain/payment-position";

const DAY = "2026-11-22";
const T = dayBounds(DAY).fromMs + 3_600_000;
const sek = (n: number) => money(n, "sek");
const key = (flow: VoucherDraft["flow"], sequence = 1) => ({ day: DAY, flow, currency: "sek" as const, sequence });
const kr = (v: VoucherDraft) => v.rows.map((r) => [r.account, r.debit ? `D ${minorToDecimalString(r.debit)}` : `C ${minorToDecimalString(r.credit)}`]);

describe("accounting vouchers", () => {
  it("books a 499 SEK program with a 20 % fee exactly as fortnox.md shows, each row saying what it is", () => {
    const sale = programSaleEntry({ paymentId: "pi_1", coachId: "c1", gross: sek(49900), fee: sek(9980), occurredAt: T });
    const v = buildVoucher(key("sales"), [sale], DEFAULT_BAS_MAPPING);
    assert.equal(v.description, "KASSA 2026-11-22 sales SEK");
    assert.deepEqual(kr(v), [[1580, "D 499.00"], [2890, "C 399.20"], [3041, "C 79.84"], [2611, "C 19.96"]]);
    assert.deepEqual(v.rows.map((r) => r.info), [
      "Programförsäljning 2026-11-22: kortfordran hos Stripe",
      "Programförsäljning 2026-11-22: skuld till coacher",
      "Programförsäljning 2026-11-22: provision exkl. moms",
      "Programförsäljning 2026-11-22: utgående moms 25 % per försäljning",
    ]);
    assert.deepEqual(v.lines, [{ entryId: "pi_1:capture", kind: "program_sale", flow: "sales", occurredAt: T, amountMinor: 49900, paymentId: "pi_1", coachId: "c1", stripeObjectId: "pi_1" }]);
  });

  it("marks supplementary vouchers with their sequence", () => {
    assert.equal(voucherMarker(key("refunds", 2)), "KASSA 2026-11-22 refunds SEK #2");
    const sub = subscriptionPaymentEntry({ paymentId: "in_1", gross: sek(9900), occurredAt: T });
    const v = buildVoucher(key("subscriptions", 3), [sub], DEFAULT_BAS_MAPPING);
    assert.equal(v.id, "2026-11-22_subscriptions_sek_3");
    assert.deepEqual(kr(v), [[1580, "D 99.00"], [3041, "C 79.20"], [2611, "C 19.80"]]);
    assert.match(v.rows[0]!.info!, /^Prenumerationer 2026-11-22 #3: /);
  });

  it("a supplementary voucher holds late entries of every flow: rows per flow naming it, the same per-account totals as per-flow vouchers", () => {
    const sale = programSaleEntry({ paymentId: "pi_1", coachId: "c1", gross: sek(49900), fee: sek(9980), occurredAt: T });
    const sub = subscriptionPaymentEntry({ paymentId: "in_1", gross: sek(9900), occurredAt: T + 1 });
    const refund = refundEntry({ refundId: "re_1", position: paymentPosition([sale]), amount: sek(12345), occurredAt: T + 2 });
    const release = holdReleaseEntry({ position: paymentPosition([sale]), occurredAt: T + 3 })!;
    const late = buildVoucher(key(LATE_FLOW, 2), [refund, sale, release, sub], DEFAULT_BAS_MAPPING);
    assert.equal(late.description, "KASSA 2026-11-22 late SEK #2");
    assert.equal(late.id, "2026-11-22_late_sek_2");
    assert.equal(late.rows.reduce((n, r) => n + r.debit, 0), late.rows.reduce((n, r) => n + r.credit, 0), "balanced");
    // Flows in their order, each flow's debits first; the release nets to nothing.
    assert.deepEqual(
      late.rows.map((r) => r.info),
      [
        "Programförsäljning 2026-11-22 #2: kortfordran hos Stripe",
        "Programförsäljning 2026-11-22 #2: skuld till coacher",
        "Programförsäljning 2026-11-22 #2: provision exkl. moms",
        "Programförsäljning 2026-11-22 #2: utgående moms 25 % per försäljning",
        "Prenumerationer 2026-11-22 #2: kortfordran hos Stripe",
        "Prenumerationer 2026-11-22 #2: provision exkl. moms",
        "Prenumerationer 2026-11-22 #2: utgående moms 25 % per försäljning",
        ...buildVoucher(key("refunds"), [refund], DEFAULT_BAS_MAPPING).rows.map((r) => r.info!.replace("2026-11-22:", "2026-11-22 #2:")),
      ],
    );
    const perAccount = (rows: VoucherDraft["rows"]) => {
      const m = new Map<number, number>();
      for (const r of rows) m.set(r.account, (m.get(r.account) ?? 0) + r.debit - r.credit);
      return [...m].filter(([, n]) => n !== 0).sort((a, b) => a[0] - b[0]);
    };
    const separate = [buildVoucher(key("sales"), [sale], DEFAULT_BAS_MAPPING), buildVoucher(key("subscriptions"), [sub], DEFAULT_BAS_MAPPING), buildVoucher(key("refunds"), [refund], DEFAULT_BAS_MAPPING)];
    assert.deepEqual(perAccount(late.rows), perAccount(separate.flatMap((v) => v.rows)));
    assert.equal(late.vatMinor, separate.reduce((n, v) => n + v.vatMinor, 0), "VAT per sale, summed");
    assert.deepEqual(late.lines.map((l) => [l.entryId, l.flow]), [[refund.id, "refunds"], [sale.id, "sales"], [release.id, "transfers"], [sub.id, "subscriptions"]]);
    assert.throws(() => buildVoucher(key(LATE_FLOW, 1), [sale], DEFAULT_BAS_MAPPING), (e) => isDomainError(e) && e.field === "sequence");
    const nextDay = programSaleEntry({ paymentId: "pi_2", coachId: "c1", gross: sek(49900), fee: sek(9980), occurredAt: T + 24 * 3600_000 });
    assert.throws(() => buildVoucher(key(LATE_FLOW, 2), [sale, nextDay], DEFAULT_BAS_MAPPING), /does not belong on KASSA 2026-11-22 late SEK #2/);
  });

  it("VAT per sale: 1,000 sales at a 17.5 % fee book the sum of their own VAT to the öre", () => {
    const sales: LedgerEntry[] = [];
    let ownVat = 0;
    for (let i = 0; i < 1000; i++) {
      const gross = i % 2 === 0 ? 4990 : 4990 + ((i * 37) % 5000);
      const fee = Math.round((gross * 175) / 1000);
      sales.push(programSaleEntry({ paymentId: `pi_${i}`, coachId: "c1", gross: sek(gross), fee: sek(fee), occurredAt: T + i }));
      ownVat += vatPart(sek(fee), 2500).vat.amount;
    }
    const v = buildVoucher(key("sales"), sales, DEFAULT_BAS_MAPPING);
    const vatRow = v.rows.find((r) => r.account === 2611)!;
    assert.equal(vatRow.credit, ownVat);
    assert.equal(v.vatMinor, ownVat);
    const totalFees = sales.reduce((s, e) => s - (e.postings.find((p) => p.account === "platform:fees")?.amount ?? 0), 0);
    assert.ok(Math.abs(vatPart(sek(totalFees), 2500).vat.amount - ownVat) >= 100, "VAT on the day's total would be kronor off (the bug this replaces)");
  });

  it("a refund reverses its sale's VAT exactly, per entry", () => {
    const sale = programSaleEntry({ paymentId: "pi_1", coachId: "c1", gross: sek(12345), fee: sek(2161), occurredAt: T });
    const refund = refundEntry({ refundId: "re_1", position: paymentPosition([sale]), amount: sek(12345), occurredAt: T + 1 });
    const s = buildVoucher(key("sales"), [sale], DEFAULT_BAS_MAPPING);
    const r = buildVoucher(key("refunds"), [refund], DEFAULT_BAS_MAPPING);
    assert.equal(s.rows.find((x) => x.account === 2611)!.credit, r.rows.find((x) => x.account === 2611)!.debit);
  });

  it("books platform:fx net per voucher: a debit to the loss account, a credit to the gain account", () => {
    const entry = (id: string, fx: number): LedgerEntry => ({
      id,
      kind: "refund",
      flow: "refunds",
      currency: "sek",
      occurredAt: T,
      refs: { paymentId: "pi_1" },
      postings: [
        { account: "platform:stripe_balance", amount: -10000 },
        { account: "coach:c1:held", amount: 10000 - fx },
        { account: "platform:fx", amount: fx },
      ],
    });
    const loss = buildVoucher(key("refunds"), [entry("a", 120), entry("b", -20)], DEFAULT_BAS_MAPPING);
    assert.deepEqual(loss.rows.find((r) => r.account === 7960), { account: 7960, debit: 100, credit: 0, info: "Återbetalningar 2026-11-22: kursförlust" });
    assert.equal(loss.fxMinor, 100);
    const gain = buildVoucher(key("refunds"), [entry("c", -30)], { ...DEFAULT_BAS_MAPPING, exchangeGain: 3961 });
    assert.deepEqual(gain.rows.find((r) => r.account === 3961)?.credit, 30);
    assert.equal(gain.rows.some((r) => r.account === 7960), false);
  });

  it("puts the original currency of settled charges on the clearing row", () => {
    const sale = programSaleEntry({ paymentId: "pi_1", coachId: "c1", gross: sek(11000), fee: sek(2200), occurredAt: T });
    const settled: LedgerEntry = { ...sale, refs: { ...sale.refs, original: { amount: 1000, currency: "eur" } } as LedgerEntry["refs"] };
    const v = buildVoucher(key("sales"), [settled], DEFAULT_BAS_MAPPING);
    assert.equal(v.rows[0]!.info, "Programförsäljning 2026-11-22: kortfordran hos Stripe; urspr. EUR 10,00 (1)");
    assert.deepEqual(v.lines[0]!.original, { amount: 1000, currency: "eur" });
  });

  it("a voucher of hold releases only has no rows but still holds its entries", () => {
    const sale = programSaleEntry({ paymentId: "pi_1", coachId: "c1", gross: sek(49900), fee: sek(9980), occurredAt: T });
    const release = holdReleaseEntry({ position: paymentPosition([sale]), occurredAt: T + 1 })!;
    const v = buildVoucher(key("transfers"), [release], DEFAULT_BAS_MAPPING);
    assert.deepEqual(v.rows, []);
    assert.equal(v.lines.length, 1);
  });

  it("refuses an entry of another day, flow or currency", () => {
    const sale = programSaleEntry({ paymentId: "pi_1", coachId: "c1", gross: sek(49900), fee: sek(9980), occurredAt: T + 24 * 3600_000 });
    assert.throws(() => buildVoucher(key("sales"), [sale], DEFAULT_BAS_MAPPING), /does not belong on KASSA 2026-11-22 sales SEK/);
  });

  it("validates the mapping, naming the field: VAT only 25, 12, 6 or 0 %, accounts 1000-9999", () => {
    for (const vatBps of [2500, 1200, 600, 0]) assert.doesNotThrow(() => validateMapping({ ...DEFAULT_BAS_MAPPING, vatBps }));
    for (const vatBps of [2000, 2501, -1, 10000]) {
      assert.throws(() => validateMapping({ ...DEFAULT_BAS_MAPPING, vatBps }), (e) => isDomainError(e) && e.field === "mapping.vatBps");
    }
    assert.throws(() => validateMapping({ ...DEFAULT_BAS_MAPPING, exchangeLoss: 796 } as BasMapping), (e) => isDomainError(e) && e.field === "mapping.exchangeLoss");
    assert.deepEqual(basAccountFor("platform:fx", DEFAULT_BAS_MAPPING), { kind: "fx" });
  });

  it("dates a voucher on its business day, or on the first open day when locked", () => {
    assert.deepEqual(bookingDate(DAY, null, "2026-11-24"), { ok: true, transactionDate: DAY, movedFromLockedPeriod: false });
    assert.deepEqual(bookingDate(DAY, "2026-10-31", "2026-11-24"), { ok: true, transactionDate: DAY, movedFromLockedPeriod: false });
    assert.deepEqual(bookingDate(DAY, "2026-11-30", "2026-12-02"), { ok: true, transactionDate: "2026-12-01", movedFromLockedPeriod: true });
    assert.equal(bookingDate(DAY, "2026-11-30", "2026-11-24").ok, false);
  });

  it("property: grouped vouchers balance, hold every entry once and book per-entry VAT", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gross: fc.integer({ min: 300, max: 500_000 }), feePermille: fc.integer({ min: 0, max: 400 }), minute: fc.integer({ min: 0, max: 3 * 24 * 60 }), refunded: fc.boolean() }), { minLength: 1, maxLength: 60 }),
        fc.constantFrom(2500, 1200, 600, 0),
        (sales, vatBps) => {
          const mapping = { ...DEFAULT_BAS_MAPPING, vatBps };
          const entries: LedgerEntry[] = [];
          let vat = 0;
          sales.forEach((s, i) => {
            const fee = Math.floor((s.gross * s.feePermille) / 1000);
            const e = programSaleEntry({ paymentId: `pi_${i}`, coachId: "c1", gross: sek(s.gross), fee: sek(fee), occurredAt: T + s.minute * 60_000 });
            entries.push(e);
            vat += vatPart(sek(fee), vatBps).vat.amount;
            if (s.refunded) {
              entries.push(refundEntry({ refundId: `re_${i}`, position: paymentPosition([e]), amount: sek(s.gross), occurredAt: T + s.minute * 60_000 + 1 }));
              vat -= vatPart(sek(fee), vatBps).vat.amount;
            }
          });
          const vouchers = groupEntries(entries).map((g) => buildVoucher({ day: g.day, flow: g.flow, currency: g.currency, sequence: 1 }, g.entries, mapping));
          const held = vouchers.flatMap((v) => v.lines.map((l) => l.entryId));
          assert.deepEqual([...held].sort(), entries.map((e) => e.id).sort());
          for (const v of vouchers) assert.equal(v.rows.reduce((s, r) => s + r.debit - r.credit, 0), 0);
          assert.equal(vouchers.reduce((s, v) => s + v.vatMinor, 0), vat);
        },
      ),
      { numRuns: 150 },
    );
  });
});
