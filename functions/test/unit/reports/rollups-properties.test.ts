/**
 * Rollups are a cache of the ledger: whatever history is booked, in whatever batches, with
 * whatever duplicate deliveries, the rollups the money transactions left equal the rollups
 * recomputed from the entries that exist, and the reports over them equal a direct fold of
 * those entries.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { bookEntries } from "../../../src/app/ledger/book-entries";
import { revenueReport } from "../../../src/app/reports/reports";
import { dayOf } from "../../../src/domain/calendar-day";
import type { LedgerEntry } from "../../../src/domain/ledger-entries";
import { rollupsFromEntries } from "../../../src/domain/rollups";
import type { ReportStore } from "../../../src/ports/report-store";
import { InMemoryMoneyStore } from "../../fakes/in-memory-money-store";
import { historyArb, replay } from "../domain/random-ledger";

/**
 * Instants around Stockholm's DST changes (2025-03-30 02:00 -> 03:00, 2025-10-26 03:00 ->
 * 02:00), around midnight (22:00-02:00 UTC is the next day in Stockholm) and a summer day.
 */
const STARTS = ["2025-03-29T20:00:00Z", "2025-10-25T20:00:00Z", "2025-12-31T20:00:00Z", "2025-06-15T20:00:00Z"].map(Date.parse);
const instant = fc
  .tuple(fc.constantFrom(...STARTS), fc.integer({ min: 0, max: 10 * 60 }))
  .map(([start, minutes]) => start + minutes * 60_000);

const scenario = fc.record({
  commands: historyArb,
  times: fc.array(instant, { minLength: 60, maxLength: 60 }),
  // How many consecutive entries each booking transaction takes (1-3, as use cases book).
  batchSizes: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 60, maxLength: 60 }),
  // After which batches an earlier batch is delivered again (a retried webhook), and which.
  redeliveries: fc.array(fc.tuple(fc.nat({ max: 60 }), fc.nat({ max: 60 })), { maxLength: 20 }),
});

/** The analytics totals straight from entries, written out per kind (the oracle). */
function directTotals(entries: readonly LedgerEntry[]): Map<string, Record<string, number>> {
  const sum = (e: LedgerEntry, pred: (account: string) => boolean) =>
    e.postings.reduce((s, p) => (pred(p.account) ? s + p.amount : s), 0);
  const out = new Map<string, Record<string, number>>();
  for (const e of entries) {
    const t = out.get(e.currency) ?? { gross: 0, payments: 0, platformFees: 0, subscriptions: 0, refunds: 0, refundCount: 0, disputes: 0, disputeCount: 0, payouts: 0, payoutCount: 0, stripeFees: 0 };
    const stripeBalance = sum(e, (a) => a === "platform:stripe_balance");
    const disputeFee = sum(e, (a) => a === "stripe:dispute_fees");
    t.platformFees! -= sum(e, (a) => a === "platform:fees");
    t.subscriptions! -= sum(e, (a) => a === "platform:subscriptions");
    t.stripeFees! += sum(e, (a) => a === "stripe:fees") + disputeFee;
    if (e.kind === "program_sale" || e.kind === "subscription_payment") {
      t.gross! += stripeBalance;
      t.payments! += 1;
    } else if (e.kind === "refund") {
      t.refunds! -= stripeBalance;
      t.refundCount! += 1;
    } else if (e.kind === "dispute_created") {
      t.disputes! += -stripeBalance - disputeFee;
      t.disputeCount! += 1;
    } else if (e.kind === "payout_paid") {
      t.payouts! += sum(e, (a) => a.endsWith(":in_payout"));
      t.payoutCount! += 1;
    }
    out.set(e.currency, t);
  }
  return out;
}

const noEntries: ReportStore = {
  ledgerBetween: async () => assert.fail("the report read ledger entries"),
  paymentsBetween: async () => [],
  payoutsBetween: async () => [],
  activeConnectedAccounts: async () => 0,
  userLabels: async () => ({}),
};

describe("rollups properties (random histories, batches, redeliveries, DST days)", () => {
  it("rollups booked with the money equal a recomputation from the ledger, and reports equal a direct fold", async function () {
    this.timeout(60_000);
    await fc.assert(
      fc.asyncProperty(scenario, async ({ commands, times, batchSizes, redeliveries }) => {
        const { entries } = replay(commands, (i) => times[i % times.length]!);
        const batches: LedgerEntry[][] = [];
        for (let i = 0, b = 0; i < entries.length; b++) {
          const n = batchSizes[b % batchSizes.length]!;
          batches.push(entries.slice(i, i + n));
          i += n;
        }
        const store = new InMemoryMoneyStore();
        const deliver = async (batch: LedgerEntry[]) => {
          try {
            await store.transact((tx) => bookEntries(tx, batch));
          } catch (e) {
            // Only a duplicate may be refused; it must leave nothing behind.
            assert.match(String(e), /already exists/);
          }
        };
        for (let b = 0; b < batches.length; b++) {
          await deliver(batches[b]!);
          for (const [after, which] of redeliveries) if (after === b) await deliver(batches[which % (b + 1)]!);
        }

        const ledger = [...store.entries.values()];
        assert.equal(ledger.length, entries.length, "every entry booked once");
        const dated = ledger.map((e) => ({ ...e, day: dayOf(e.occurredAt) }));
        assert.deepEqual(store.rollups.all(), rollupsFromEntries(dated));

        // Every instant lies within 2025-03-29 .. 2026-01-01 (Stockholm): a 365-day view to 2026-01-05 holds them.
        const report = await revenueReport(
          { reports: noEntries, rollups: store.rollups, clock: { now: () => new Date("2026-01-05T12:00:00Z") } },
          { uid: "a", role: "admin", email: null },
          { days: 365 },
        );
        assert.equal(report.entriesRead, ledger.length);
        const direct = directTotals(ledger);
        assert.deepEqual(report.currencies.map((c) => c.currency), [...direct.keys()].sort());
        for (const c of report.currencies) assert.deepEqual({ ...c.totals }, direct.get(c.currency));
        for (const c of report.currencies) {
          for (const p of c.series) {
            const ofDay = dated.filter((e) => e.currency === c.currency && e.day === p.day);
            const t = directTotals(ofDay).get(c.currency);
            assert.deepEqual([p.gross, p.platformFees, p.subscriptions, p.refunds, p.payouts], t ? [t.gross, t.platformFees, t.subscriptions, t.refunds, t.payouts] : [0, 0, 0, 0, 0]);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("an entry booked at 00:30 Stockholm time on a DST day counts on that Stockholm day, not the UTC day", async () => {
    const { entries } = replay([{ t: "sale", coach: 0, currency: "sek", gross: 10_000, bps: 2_000, subscription: false }], () => Date.parse("2025-03-29T23:30:00Z"));
    const store = new InMemoryMoneyStore();
    await store.transact((tx) => bookEntries(tx, entries));
    const all = store.rollups.all();
    assert.deepEqual(Object.keys(all), ["2025-03-30"]);
    assert.equal(all["2025-03-30"]!["sek"]!.figures.gross, 10_000);
    assert.equal(all["2025-03-30"]!["sek"]!.coaches["c1"]!.sales, 1);
  });
});
