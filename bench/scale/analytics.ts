/**
 * The analytics page at scale: a year of payments booked through the real `bookEntries` (so
 * the rollups are what a money transaction adds), into in-process stores that count reads at
 * the port, then the real `revenueReport` use case for 7, 30, 90 and 365 days. Prints the
 * documents read and the time of each view at 100k and at 1M payments a year, to show the
 * reads do not grow with volume, and what the old path (one read per ledger entry of the
 * range) would have read. Fails if a 365-day view at the largest volume reads more than
 * 1,000 documents or takes 2 s or more.
 *
 * The year: 500 coaches, 85 % program sales (15 % of them EUR), 15 % subscription renewals,
 * a Stripe fee with every payment, 3 % refunds, 0.5 % disputes, a weekly payout per coach.
 *
 * Run: npx tsx bench/scale/analytics.ts   (PAYMENTS=20000 for a quick run: one volume only)
 */
import { bookEntries } from "../../functions/src/app/ledger/book-entries.js";
import { revenueReport } from "../../functions/src/app/reports/reports.js";
import { dayOf } from "../../functions/src/domain/calendar-day.js";
import { emptyCoachBalance } from "../../functions/src/domain/balances.js";
import {
  disputeCreatedEntry,
  payoutPaidEntry,
  programSaleEntry,
  refundEntry,
  stripeFeeEntry,
  subscriptionPaymentEntry,
} from "../../functions/src/domain/ledger.js";
import type { LedgerEntry } from "../../functions/src/domain/ledger-entries.js";
import type { Currency } from "../../functions/src/domain/money.js";
import { paymentPosition } from "../../functions/src/domain/payment-position.js";
import { ROLLUP_SHARDS } from "../../functions/src/domain/rollups.js";
import type { MoneyTx } from "../../functions/src/ports/money-store.js";
import type { ReportStore } from "../../functions/src/ports/report-store.js";
import { InMemoryRollupStore } from "../../functions/test/fakes/in-memory-rollup-store.js";

const COACHES = 500;
const YEAR_FROM = Date.parse("2024-12-31T23:00:00Z"); // 2025-01-01 00:00 in Stockholm
const YEAR_MS = 365 * 86_400_000;
const NOW = new Date("2025-12-31T12:00:00Z");
const VIEWS = [7, 30, 90, 365] as const;
const MAX_READS = 1_000;
const MAX_MS = 2_000;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface World {
  rollups: InMemoryRollupStore;
  /** Ledger entries per Stockholm day: what the old path read, one document each. */
  entriesByDay: Map<string, number>;
  entries: number;
  seedMs: number;
}

/**
 * A MoneyTx that keeps only what this bench measures: entries are counted per day (not kept,
 * 3M of them would not fit), balances are ignored, the rollups go to the counting store on
 * commit, as the Firestore adapter writes them in the same transaction.
 */
async function book(world: World, entries: (LedgerEntry | null)[]): Promise<void> {
  const deltas: Parameters<MoneyTx["addToRollups"]>[0][] = [];
  const created: LedgerEntry[] = [];
  const tx: MoneyTx = {
    getPayment: async () => null,
    getBalance: async (coachId, currency) => emptyCoachBalance(coachId, currency),
    getEntries: async () => [],
    setPayment: () => undefined,
    createEntry: (e) => void created.push(e),
    addToBalance: () => undefined,
    addToRollups: (d) => void deltas.push(d),
  };
  await bookEntries(tx, entries);
  for (const e of created) {
    const day = dayOf(e.occurredAt);
    world.entriesByDay.set(day, (world.entriesByDay.get(day) ?? 0) + 1);
    world.entries++;
  }
  for (const d of deltas) world.rollups.apply(d);
}

async function seed(payments: number): Promise<World> {
  const started = performance.now();
  const world: World = { rollups: new InMemoryRollupStore(), entriesByDay: new Map(), entries: 0, seedMs: 0 };
  const random = rng(payments);
  const times = Array.from({ length: payments }, () => YEAR_FROM + Math.floor(random() * YEAR_MS)).sort((a, b) => a - b);
  for (let i = 0; i < payments; i++) {
    const occurredAt = times[i]!;
    const currency: Currency = random() < 0.15 ? "eur" : "sek";
    const paymentId = `pi_${i}`;
    const coachId = `coach${Math.floor(random() * COACHES)}`;
    const amount = currency === "eur" ? 1_000 + Math.floor(random() * 9_000) : 10_000 + Math.floor(random() * 90_000);
    const money = (n: number) => ({ amount: n, currency });
    const subscription = random() < 0.15;
    const sale = subscription
      ? subscriptionPaymentEntry({ paymentId, gross: money(amount), occurredAt })
      : programSaleEntry({ paymentId, coachId, gross: money(amount), fee: money(Math.floor(amount / 5)), occurredAt });
    await book(world, [sale, stripeFeeEntry({ sourceId: `txn_${i}`, paymentId, fee: money(Math.floor(amount * 0.015) + 180), occurredAt })]);
    const r = random();
    if (!subscription && r < 0.03) {
      const later = Math.min(occurredAt + Math.floor(random() * 10 * 86_400_000), NOW.getTime() - 86_400_000);
      await book(world, [refundEntry({ refundId: `re_${i}`, position: paymentPosition([sale]), amount: money(amount), occurredAt: later })]);
    } else if (!subscription && r < 0.035) {
      const later = Math.min(occurredAt + Math.floor(random() * 20 * 86_400_000), NOW.getTime() - 86_400_000);
      await book(world, [
        disputeCreatedEntry({ disputeId: `dp_${i}`, position: paymentPosition([sale]), amount: money(amount), disputeFee: money(currency === "eur" ? 1_500 : 16_500), occurredAt: later }),
      ]);
    }
  }
  // A weekly payout per coach (SEK): the Monday run.
  for (let week = 0; week < 52; week++) {
    const occurredAt = YEAR_FROM + week * 7 * 86_400_000 + 8 * 3_600_000;
    for (let c = 0; c < COACHES; c++) {
      await book(world, [payoutPaidEntry({ payoutId: `pay_${week}_${c}`, coachId: `coach${c}`, amount: { amount: 50_000 + c, currency: "sek" }, stripePayoutId: `po_${week}_${c}`, occurredAt })]);
    }
  }
  world.seedMs = performance.now() - started;
  return world;
}

/** The report store as the analytics page may use it: labels only (counted), never entries. */
function labelsOnly(): ReportStore & { reads: number } {
  const store = {
    reads: 0,
    ledgerBetween: async (): Promise<never> => {
      throw new Error("the analytics page read ledger entries");
    },
    paymentsBetween: async () => [],
    payoutsBetween: async () => [],
    activeConnectedAccounts: async () => 0,
    userLabels: async (uids: string[]) => {
      store.reads += uids.length;
      return Object.fromEntries(uids.map((u) => [u, `${u}@kassa.test`]));
    },
  };
  return store;
}

const fmt = (n: number) => n.toLocaleString("en-US");
const admin = { uid: "admin", role: "admin" as const, email: null };
const volumes = process.env["PAYMENTS"] ? [Number(process.env["PAYMENTS"])] : [100_000, 1_000_000];
let failed = false;

console.log(`analytics views over rollups (${ROLLUP_SHARDS} shards per month, ${COACHES} coaches), reads counted at the ports`);
for (const payments of volumes) {
  const world = await seed(payments);
  const sizes = [...world.rollups.docs.values()].map((d) => Buffer.byteLength(JSON.stringify(d)));
  console.log(
    `\n${fmt(payments)} payments: ${fmt(world.entries)} ledger entries, ${fmt(world.rollups.docs.size)} rollup documents ` +
      `(largest ${fmt(Math.max(...sizes))} bytes of Firestore's 1,048,576), seeded in ${(world.seedMs / 1000).toFixed(1)} s`,
  );
  console.log("  days  docs read  (rollups + labels)  time ms  old path reads  ratio");
  for (const days of VIEWS) {
    world.rollups.reads = 0;
    const reports = labelsOnly();
    const t0 = performance.now();
    const r = await revenueReport({ reports, rollups: world.rollups, clock: { now: () => NOW } }, admin, { days });
    const ms = performance.now() - t0;
    const reads = world.rollups.reads + reports.reads;
    let old = 0;
    for (const [day, n] of world.entriesByDay) if (day >= r.fromDay && day <= r.toDay) old += n;
    if (r.entriesRead !== old) {
      console.error(`  ${days} days: the rollups cover ${r.entriesRead} entries, the ledger has ${old}`);
      failed = true;
    }
    console.log(
      `  ${String(days).padStart(4)}  ${fmt(reads).padStart(9)}  (${world.rollups.reads} + ${reports.reads})`.padEnd(38) +
        `${ms.toFixed(0).padStart(7)}  ${fmt(old).padStart(14)}  ${(old / reads).toFixed(0).padStart(5)}x`,
    );
    if (days === 365 && payments === Math.max(...volumes) && (reads > MAX_READS || ms >= MAX_MS)) {
      console.error(`  FAIL: a 365-day view must read <= ${MAX_READS} documents in < ${MAX_MS} ms`);
      failed = true;
    }
  }
}
process.exit(failed ? 1 : 0);
