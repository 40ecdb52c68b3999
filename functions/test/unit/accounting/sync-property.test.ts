import { strict as assert } from "node:assert";
import fc from "fast-check";
import { syncAccounting } from "../../../src/app/accounting/sync-accounting";
import { addDays } from "../../../src/domain/accounting-dates";
import { DEFAULT_BAS_MAPPING } from "../../../src/domain/accounting-mapping";
import { buildVoucher } from "../../../src/domain/accounting-vouchers";
import { dayOf } from "../../../src/domain/calendar-day";
import { programSaleEntry, refundEntry, stripeFeeEntry, subscriptionPaymentEntry } from "../../../src/domain/ledger";
import type { LedgerEntry } from "../../../src/domain/ledger-entries";
import { paymentPosition } from "../../../src/domain/payment-position";
import type { VoucherRecord } from "../../../src/ports/accounting-store";
import { at, nightOf, setup } from "./sync-fixtures";

const START = "2026-11-02";
const sek = (amount: number) => ({ amount, currency: "sek" as const });

const eventArb = fc.record({
  kind: fc.constantFrom("sale", "sale", "subscription", "fee", "refund"),
  day: fc.integer({ min: 0, max: 9 }),
  minute: fc.integer({ min: 0, max: 600 }),
  gross: fc.integer({ min: 300, max: 200_000 }),
  /** Days after its business day that the entry reaches the ledger. */
  lateDays: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 6 })),
});
const faultArb = fc.record({
  post: fc.array(fc.constantFrom("ambiguous_after" as const, "ambiguous_before" as const), { maxLength: 3 }),
  listFails: fc.integer({ min: 0, max: 2 }),
  lockDays: fc.option(fc.integer({ min: 0, max: 12 }), { nil: null }),
  dropBank: fc.boolean(),
});

/** Per BAS account, what the entries book when each is mapped on its own. */
function ledgerTotals(entries: LedgerEntry[]): Map<number, number> {
  const totals = new Map<number, number>();
  for (const e of entries) {
    const v = buildVoucher({ day: dayOf(e.occurredAt), flow: e.flow, currency: e.currency, sequence: 1 }, [e], DEFAULT_BAS_MAPPING);
    for (const r of v.rows) totals.set(r.account, (totals.get(r.account) ?? 0) + r.debit - r.credit);
  }
  return new Map([...totals].filter(([, n]) => n !== 0));
}

describe("syncAccounting property: late arrivals and faults", () => {
  it("after enough runs every entry is in exactly one voucher and Fortnox equals the ledger per BAS account", async function () {
    this.timeout(120_000);
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 40 }), fc.array(faultArb, { minLength: 10, maxLength: 10 }), fc.constantFrom(0, 1, 3, 7), async (events, faults, wait) => {
        const { ledger, store, gateway, deps, clock } = setup(START, { lateEntryWaitNights: wait });
        const entries: { entry: LedgerEntry; recordedAt: number }[] = [];
        const sales: LedgerEntry[] = [];
        events.forEach((ev, i) => {
          const day = addDays(START, ev.day);
          const t = at(day, ev.minute - 600);
          let e: LedgerEntry | null = null;
          if (ev.kind === "sale" || (ev.kind === "refund" && sales.length === 0)) {
            e = programSaleEntry({ paymentId: `pi_${i}`, coachId: "c1", gross: sek(ev.gross), fee: sek(Math.floor(ev.gross * 0.175)), occurredAt: t });
            sales.push(e);
          } else if (ev.kind === "subscription") e = subscriptionPaymentEntry({ paymentId: `in_${i}`, gross: sek(ev.gross), occurredAt: t });
          else if (ev.kind === "fee") e = stripeFeeEntry({ sourceId: `txn_${i}`, fee: sek(1 + (ev.gross % 900)), occurredAt: t });
          else {
            const sale = sales[i % sales.length]!;
            if (!entries.some((x) => x.entry.id === `re_${sale.id.split(":")[0]}:refund`)) {
              const gross = sale.postings.find((p) => p.account === "platform:stripe_balance")!.amount;
              e = refundEntry({ refundId: `re_${sale.id.split(":")[0]}`, position: paymentPosition([sale]), amount: sek(gross), occurredAt: Math.max(t, sale.occurredAt + 1) });
            }
          }
          if (e) entries.push({ entry: e, recordedAt: e.occurredAt + ev.lateDays * 24 * 3600_000 + 60_000 });
        });
        // Ten nightly runs with faults, then two clean ones.
        for (let n = 0; n < 12; n++) {
          const night = addDays(START, n + 1);
          clock.ms = nightOf(night);
          for (const x of entries) if (x.recordedAt <= clock.ms && !ledger.has(x.entry.id)) ledger.addRecordedAt(x.recordedAt, x.entry);
          const f = faults[n];
          gateway.postFaults = f ? [...f.post] : [];
          gateway.listFails = f?.listFails ?? 0;
          gateway.lockedThrough = f?.lockDays != null ? addDays(START, f.lockDays) : null;
          gateway.chart = [1580, 1930, 2611, 2890, 3041, 6570].filter((a) => !(f?.dropBank && a === 6570)).map((a) => ({ number: a, description: `${a}`, active: true }));
          await syncAccounting(deps, { trigger: "schedule" });
        }
        for (let n = 12; n < 26; n++) {
          clock.ms = nightOf(addDays(START, n + 1));
          for (const x of entries) if (!ledger.has(x.entry.id)) ledger.addRecordedAt(x.recordedAt, x.entry);
          await syncAccounting(deps, { trigger: "schedule" });
        }

        const held = [...store.chunks.values()].flat().flatMap((c) => c.lines.map((l) => l.entryId));
        assert.equal(new Set(held).size, held.length, "no entry in two vouchers");
        assert.deepEqual([...held].sort(), entries.map((x) => x.entry.id).sort(), "every entry in a voucher");
        const markers = gateway.stored.map((v) => v.description);
        assert.equal(new Set(markers).size, markers.length, "no voucher posted twice");
        assert.ok([...store.vouchers.values()].every((v) => v.state === "posted" || v.state === "empty"), "all posted");
        const fortnox = new Map<number, number>();
        for (const v of gateway.stored) for (const r of v.rows) fortnox.set(r.account, (fortnox.get(r.account) ?? 0) + r.debit - r.credit);
        assert.deepEqual(new Map([...fortnox].filter(([, n]) => n !== 0)), ledgerTotals(entries.map((x) => x.entry)));
        // Bounded: one first voucher per flow, and a day gets a new voucher at most every `wait` nights.
        const byDay = new Map<string, VoucherRecord[]>();
        for (const v of store.vouchers.values()) byDay.set(`${v.day}|${v.currency}`, [...(byDay.get(`${v.day}|${v.currency}`) ?? []), v]);
        for (const [key, list] of byDay) {
          const firsts = list.filter((v) => v.sequence === 1).map((v) => v.flow);
          assert.equal(new Set(firsts).size, firsts.length, `${key}: one first voucher per flow`);
          assert.ok(list.every((v) => (v.sequence === 1) === (v.flow !== "late")), `${key}: later vouchers are supplementary (all flows)`);
          const nights = [...new Set(list.map((v) => dayOf(v.plannedAt)))].sort();
          for (let i = 1; i < nights.length; i++) assert.ok(nights[i]! >= addDays(nights[i - 1]!, Math.max(wait, 1)), `${key}: vouchers planned ${nights.join(", ")} with a wait of ${wait}`);
        }
      }),
      { numRuns: 40 },
    );
  });
});
