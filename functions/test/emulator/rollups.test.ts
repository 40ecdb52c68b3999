import assert from "node:assert/strict";
import { FirestoreMoneyStore } from "../../src/adapters/firebase/firestore-money-store";
import { FirestoreRollupStore } from "../../src/adapters/firebase/firestore-rollup-store";
import { bookEntries } from "../../src/app/ledger/book-entries";
import { daysBack } from "../../src/app/reports/revenue";
import { programSaleEntry } from "../../src/domain/ledger";
import { diffRollups, daysBetween, mergeDays, rollupsFromEntries } from "../../src/domain/rollups";
import { dayOf } from "../../src/domain/calendar-day";
import type { DatedEntry } from "../../src/ports/report-store";
import { control, eventually, stripeApi } from "./sandbox";
import { admin, call, idToken } from "./stack";

const stackNow = async (): Promise<number> => Date.parse(((await (await fetch(`${process.env["KASSA_CLOCK_URL"] ?? "http://127.0.0.1:12110"}/clock`)).json()) as { now: string }).now);

/**
 * Rollups through the real path: sales bought on the Stripe sandbox's checkout are booked by
 * the webhook trigger, whose money transaction moves the rollups; bookings made straight
 * through the Firestore money store, concurrently and twice, count exactly once; the
 * analytics callable reads the rollups, and the rebuild finds them equal to the ledger.
 */
describe("rollups through the real path (emulator)", function () {
  this.timeout(300_000);
  const coachId = "it-rollups-coach";
  const { db } = admin();
  const rollups = new FirestoreRollupStore(db);
  let customer: string;
  let adminToken: string;

  async function ledger(): Promise<DatedEntry[]> {
    return (await db.collection("ledger").get()).docs.map((d) => d.data() as DatedEntry);
  }

  /** Stored rollups of these days against the recomputation from the ledger's entries of them. */
  async function differences(days: string[]) {
    const entries = (await ledger()).filter((e) => days.includes(e.day));
    const stored = await rollups.daysBetween(days[0]!, days.at(-1)!);
    return { entries, diffs: diffRollups(stored, rollupsFromEntries(entries), days) };
  }

  /**
   * What `book` adds to the rollups equals what its own entries add: the shared stack's other
   * suites also write ledger entries straight into Firestore (seeding), which no booking
   * transaction sees, so the whole ledger is not what this compares.
   */
  async function movedBy(book: () => Promise<DatedEntry[]>) {
    const now = Date.now();
    const window = daysBetween(dayOf(now - 3 * 86_400_000), dayOf(now + 60 * 86_400_000));
    const before = await rollups.daysBetween(window[0]!, window.at(-1)!);
    const own = await book();
    const after = await rollups.daysBetween(window[0]!, window.at(-1)!);
    return { own, diffs: diffRollups(after, mergeDays([before, rollupsFromEntries(own)]), window) };
  }

  before(async () => {
    customer = await idToken("customer@kassa.test");
    adminToken = await idToken("admin@kassa.test");
    const { auth } = admin();
    await auth.getUser(coachId).catch(() => auth.createUser({ uid: coachId, email: `${coachId}@kassa.test`, password: "kassa-demo" }));
    const account = await stripeApi<{ id: string }>("POST", "/v1/accounts", { type: "express", country: "SE", email: `${coachId}@kassa.test` }, `it-acct-${coachId}-${Date.now()}`);
    await control(`/accounts/${account.id}/verify`);
    await db.doc(`coaches/${coachId}`).set({ stripeAccountId: account.id, chargesEnabled: true, payoutsEnabled: true });
    await db.doc("programs/it-rollups-sek").set({ id: "it-rollups-sek", coachId, coachName: "Rollup Coach", title: "Rollups", description: "", price: { amount: 49900, currency: "sek" }, active: true, priceVersion: 1 });
  });

  it("a checkout sale booked by the webhook moves the day's rollups with the ledger", async () => {
    let pi = "";
    const { own, diffs } = await movedBy(async () => {
      const session = await call<{ sessionId: string }>("createCheckoutSession", { programId: "it-rollups-sek" }, customer);
      assert.equal(session.status, 200, JSON.stringify(session.error));
      await control(`/checkout/${session.result!.sessionId}/pay`, { card: "4242424242424242" });
      pi = (await stripeApi<{ payment_intent: string }>("GET", `/v1/checkout/sessions/${session.result!.sessionId}`)).payment_intent;
      await eventually(`${pi} in the ledger`, async () => {
        const q = await db.collection("ledger").where("refs.paymentId", "==", pi).where("kind", "==", "program_sale").get();
        return q.docs[0]?.data() as DatedEntry | undefined;
      }, 60_000);
      return (await db.collection("ledger").where("refs.paymentId", "==", pi).get()).docs.map((d) => d.data() as DatedEntry);
    });
    const sale = own.find((e) => e.kind === "program_sale")!;
    const day = (await rollups.daysBetween(sale.day, sale.day))[sale.day]?.["sek"];
    assert.ok(day, `rollups for ${sale.day}`);
    assert.ok(day.coaches[coachId]!.sales >= 1);
    assert.ok(day.coaches[coachId]!.gross >= 49900);
    assert.deepEqual(diffs, [], "the rollups moved by exactly the sale's own entries");
  });

  it("concurrent bookings all count, a second booking of the same entry counts none, and the callables read rollups", async () => {
    const money = new FirestoreMoneyStore(db);
    // Kassa's time (the stack's clock, which clock-moves.test has moved on): the report's days are Kassa's.
    const now = await stackNow();
    const sale = (i: number) =>
      programSaleEntry({ paymentId: `it-rollups-pi-${now}-${i}`, coachId, gross: { amount: 10_000 + i, currency: "sek" }, fee: { amount: 2_000, currency: "sek" }, occurredAt: now })!;
    const sales = Array.from({ length: 8 }, (_, i) => sale(i));
    const { diffs } = await movedBy(async () => {
      await Promise.all(sales.map((e) => money.transact((tx) => bookEntries(tx, [e]))));
      await assert.rejects(money.transact((tx) => bookEntries(tx, [sales[0]!])), "booking an entry twice aborts the transaction");
      return (await ledger()).filter((e) => sales.some((s) => s.id === e.id));
    });
    assert.deepEqual(diffs, [], "8 concurrent bookings counted once each, the repeat not at all");
    const entries = await ledger();
    const booked = entries.filter((e) => sales.some((s) => s.id === e.id));
    assert.equal(booked.length, 8);
    const day = booked[0]!.day;

    const report = await call<{ entriesRead: number; currencies: { currency: string; totals: { gross: number }; topCoaches: { coachId: string; sales: number }[] }[] }>("revenueReport", { days: 7 }, adminToken);
    assert.equal(report.status, 200, JSON.stringify(report.error));
    assert.ok(report.result!.entriesRead >= booked.length, "the report counts the entries its rollups hold");
    const sek = report.result!.currencies.find((c) => c.currency === "sek")!;
    // The shared stack holds other suites' coaches too: the report's SEK gross holds at least these 8 sales.
    assert.ok(sek.totals.gross >= sales.reduce((sum, _e, i) => sum + 10_000 + i, 0), JSON.stringify(sek.totals));

    const today = await call("rebuildRollups", { from: day, to: day }, adminToken);
    assert.equal(today.error?.status, "INVALID_ARGUMENT");
    assert.match(today.error!.message, /^to: the last day must be before today/);
    const reversed = await call("rebuildRollups", { from: "2025-02-02", to: "2025-02-01" }, adminToken);
    assert.match(reversed.error!.message, /^to: .*must not be before the first day/);
    // Other suites seed ledger entries straight into Firestore: repaired, the past then agrees.
    const seeded = await call("rebuildRollups", { from: daysBack(day, 31), to: daysBack(day, 2), repair: true }, adminToken);
    assert.equal(seeded.status, 200, JSON.stringify(seeded.error));
    const past = await call<{ differenceCount: number }>("rebuildRollups", { from: daysBack(day, 31), to: daysBack(day, 2) }, adminToken);
    assert.equal(past.status, 200, JSON.stringify(past.error));
    assert.equal(past.result!.differenceCount, 0);

    // A stray figure on a closed day (as if a rollup were written without its entry): the
    // rebuild reports it, repairs that day in every shard document, and the rest stays equal.
    const yesterday = daysBack(day, 2);
    const month = yesterday.slice(0, 7);
    await db.doc(`rollups/${month}_3`).set({ month, shard: 3, days: { [yesterday]: { eur: { figures: { entries: 1, gross: 123 } } } } }, { merge: true });
    assert.notDeepEqual((await differences([yesterday])).diffs, []);
    const repair = await call<{ differenceCount: number; repairedDays: string[] }>("rebuildRollups", { from: yesterday, to: yesterday, repair: true }, adminToken);
    assert.equal(repair.status, 200, JSON.stringify(repair.error));
    assert.ok(repair.result!.differenceCount >= 2);
    assert.deepEqual(repair.result!.repairedDays, [yesterday]);
    assert.deepEqual((await differences([yesterday])).diffs, [], "after the repair every day equals the ledger again");
    assert.equal((await rollups.daysBetween(yesterday, yesterday))[yesterday]?.["eur"], undefined);
  });
});
