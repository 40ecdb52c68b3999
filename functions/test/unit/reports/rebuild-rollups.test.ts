import { strict as assert } from "node:assert";
import { bookEntries } from "../../../src/app/ledger/book-entries";
import { revenueReport } from "../../../src/app/reports/reports";
import { summarizeLedger } from "../../../src/app/reports/revenue";
import { rebuildRollups, type RebuildDeps } from "../../../src/app/rollups/rebuild-rollups";
import { dayOf } from "../../../src/domain/calendar-day";
import { DomainError } from "../../../src/domain/errors";
import { payoutPaidEntry, programSaleEntry, stripeFeeEntry, subscriptionPaymentEntry } from "../../../src/domain/ledger";
import type { LedgerEntry } from "../../../src/domain/ledger-entries";
import { rollupDeltas } from "../../../src/domain/rollups";
import type { DatedEntry, ReportStore } from "../../../src/ports/report-store";
import { InMemoryMoneyStore } from "../../fakes/in-memory-money-store";

const admin = { uid: "admin-1", role: "admin" as const, email: "a@kassa.test" };
const at = (day: string, hour = 10) => Date.parse(`${day}T${String(hour).padStart(2, "0")}:00:00Z`);
const sek = (amount: number) => ({ amount, currency: "sek" as const });

function history(): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  for (const [i, day] of ["2025-03-28", "2025-03-29", "2025-03-30", "2025-03-31", "2025-04-01"].entries()) {
    out.push(programSaleEntry({ paymentId: `pi_${i}`, coachId: i % 2 ? "c1" : "c2", gross: sek(49_900 + i), fee: sek(9_980), occurredAt: at(day) })!);
    out.push(stripeFeeEntry({ sourceId: `txn_${i}`, fee: sek(1_010), occurredAt: at(day) })!);
    // 23:30 UTC is the next Stockholm day.
    out.push(subscriptionPaymentEntry({ paymentId: `in_${i}`, gross: sek(9_900), occurredAt: at(day, 23) + 30 * 60_000 })!);
  }
  out.push(payoutPaidEntry({ payoutId: "po_1", coachId: "c1", amount: sek(39_920), stripePayoutId: "po_s1", occurredAt: at("2025-03-31") } as never)!);
  return out.filter(Boolean);
}

/** The ledger as the report store reads it: each entry with its Stockholm day, counted per query. */
class Ledger implements Pick<ReportStore, "ledgerBetween"> {
  queries: string[] = [];
  constructor(private readonly entries: readonly DatedEntry[]) {}
  async ledgerBetween(from: string, to: string, limit: number) {
    this.queries.push(`${from}..${to}`);
    return this.entries.filter((e) => e.day >= from && e.day <= to).slice(0, limit);
  }
}

async function booked(entries: readonly LedgerEntry[]) {
  const money = new InMemoryMoneyStore();
  for (const e of entries) await money.transact((tx) => bookEntries(tx, [e]));
  const dated = [...money.entries.values()].map((e) => ({ ...e, day: dayOf(e.occurredAt) }));
  return { money, dated, ledger: new Ledger(dated) };
}

const clock = (iso: string) => ({ now: () => new Date(iso) });

describe("rebuildRollups: recomputes closed days from the ledger", () => {
  it("finds no difference in rollups booked with the money, reading the ledger one day at a time", async () => {
    const { money, ledger, dated } = await booked(history());
    const r = await rebuildRollups({ ledger, rollups: money.rollups, clock: clock("2025-04-10T12:00:00Z") }, admin, { from: "2025-03-28", to: "2025-04-02", repair: false });
    assert.equal(r.differenceCount, 0);
    assert.equal(r.entriesRead, dated.length);
    assert.equal(r.days, 6);
    assert.deepEqual(ledger.queries, ["2025-03-28", "2025-03-29", "2025-03-30", "2025-03-31", "2025-04-01", "2025-04-02"].map((d) => `${d}..${d}`));
  });

  it("reports history booked before rollups existed, repairs it on request, and then agrees with the ledger", async () => {
    const { dated, ledger } = await booked(history());
    const { money: empty } = await booked([]);
    const deps: RebuildDeps = { ledger, rollups: empty.rollups, clock: clock("2025-04-10T12:00:00Z") };
    const check = await rebuildRollups(deps, admin, { from: "2025-03-28", to: "2025-04-02", repair: false });
    assert.ok(check.differenceCount > 0);
    assert.deepEqual(check.repairedDays, []);
    assert.equal(empty.rollups.docs.size, 0, "a check writes nothing");
    const gross = check.differences.find((d) => d.day === "2025-03-29" && d.figure === "gross");
    assert.deepEqual(gross, { day: "2025-03-29", currency: "sek", figure: "gross", stored: 0, ledger: 49_901 + 9_900 });
    assert.ok(check.differences.some((d) => d.figure === "coach c1 gross" && d.day === "2025-03-29"));

    const repair = await rebuildRollups(deps, admin, { from: "2025-03-28", to: "2025-04-02", repair: true });
    assert.deepEqual(repair.repairedDays, ["2025-03-28", "2025-03-29", "2025-03-30", "2025-03-31", "2025-04-01", "2025-04-02"]);
    const again = await rebuildRollups(deps, admin, { from: "2025-03-28", to: "2025-04-02", repair: false });
    assert.equal(again.differenceCount, 0);
    const report = await revenueReport(
      { reports: { ledgerBetween: async () => assert.fail("the report read entries"), paymentsBetween: async () => [], payoutsBetween: async () => [], activeConnectedAccounts: async () => 0, userLabels: async () => ({}) }, rollups: empty.rollups, clock: clock("2025-04-03T12:00:00Z") },
      admin,
      { days: 7 },
    );
    assert.deepEqual(report.currencies, summarizeLedger(dated, "2025-03-28", "2025-04-03"));
  });

  it("clears figures the ledger does not have and leaves days outside the range alone", async () => {
    const { money, ledger } = await booked(history());
    // A stray booking on 2025-03-30 that never reached the ledger, and one on 2025-04-05.
    const stray = programSaleEntry({ paymentId: "pi_ghost", coachId: "c9", gross: sek(100), fee: sek(10), occurredAt: at("2025-03-30") })!;
    money.rollups.apply(rollupDeltas([stray]));
    money.rollups.apply(rollupDeltas([{ ...stray, id: "ghost2", occurredAt: at("2025-04-05") }]));
    const deps: RebuildDeps = { ledger, rollups: money.rollups, clock: clock("2025-04-10T12:00:00Z") };
    const check = await rebuildRollups(deps, admin, { from: "2025-03-30", to: "2025-03-30", repair: true });
    assert.ok(check.differences.some((d) => d.figure === "coach c9 gross" && d.stored === 100 && d.ledger === 0));
    assert.deepEqual(check.repairedDays, ["2025-03-30"]);
    const all = money.rollups.all();
    assert.equal(all["2025-03-30"]!["sek"]!.coaches["c9"], undefined);
    assert.equal(all["2025-04-05"]!["sek"]!.coaches["c9"]!.gross, 100, "outside the range: untouched");
  });

  it("refuses reversed dates, today, the future, bad dates, over a year and non-admins, naming the field", async () => {
    const { money, ledger } = await booked([]);
    const deps: RebuildDeps = { ledger, rollups: money.rollups, clock: clock("2025-04-10T12:00:00Z") };
    const refused = async (input: { from: string; to: string }, field: string, words: RegExp) =>
      assert.rejects(rebuildRollups(deps, admin, { ...input, repair: true }), (e: unknown) => e instanceof DomainError && e.field === field && words.test(e.message));
    await refused({ from: "2025-04-02", to: "2025-04-01" }, "to", /must not be before the first day/);
    await refused({ from: "2025-04-01", to: "2025-04-10" }, "to", /before today \(2025-04-10\)/);
    await refused({ from: "2025-04-01", to: "2025-05-01" }, "to", /before today/);
    await refused({ from: "2025-02-30", to: "2025-04-01" }, "from", /YYYY-MM-DD/);
    await refused({ from: "2024-01-01", to: "2025-04-01" }, "to", /at most 366 days/);
    await assert.rejects(
      rebuildRollups(deps, { uid: "c", role: "coach", email: null }, { from: "2025-04-01", to: "2025-04-01", repair: false }),
      (e: unknown) => e instanceof DomainError && e.kind === "permission",
    );
    assert.deepEqual(ledger.queries, [], "a refused range reads nothing");
  });
});
