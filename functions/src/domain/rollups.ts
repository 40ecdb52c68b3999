/**
 * Daily rollups of the ledger: the revenue figures of each Stockholm day, per currency, and
 * per coach per day, so reports read a few rollup documents instead of every entry. Rollups
 * are a cache of the ledger, never a second truth: `entryFigures` is the only arithmetic
 * (the analytics page, the monthly report and the rebuild all go through it), and a rebuild
 * recomputes them from the entries.
 *
 * Exports: DAY_FIGURES, DayFigures, COACH_FIGURES, CoachFigures, CurrencyDay, RollupDays,
 * ROLLUP_SHARDS, RollupShardDelta, emptyDayFigures, daysBetween, monthOf, entryFigures, addDaysInto, shardOf, addEntry, mergeDays,
 * rollupDeltas, rollupsFromEntries, RollupDifference, diffRollups.
 *
 * Storage (adapters/firebase/firestore-rollup-store.ts): one document per (month, shard)
 * holding that shard's days. A year is then 13 months x ROLLUP_SHARDS documents to read,
 * whatever the volume, and each document takes 1/ROLLUP_SHARDS of the writes.
 *
 * Why in the booking transaction, not a trigger on ledger creation: `ledger/{id}` is created
 * with create(), so a redelivered event aborts the whole transaction and the rollup increment
 * with it: exactly once, with no applied-ids list or marker document (a trigger is delivered
 * at least once and would need one read and one write more per entry), and the rollups are
 * never behind the ledger (a report right after a sale shows it). The cost is one more write
 * per booking (per shard touched, usually one) and contention on the shard document, which
 * the shards keep low.
 */
import { dayOf } from "./calendar-day";
import type { LedgerEntry } from "./ledger-entries";

/** What one day adds up, per currency: exactly the totals and series revenue.ts reports. */
export const DAY_FIGURES = [
  "entries",
  "gross",
  "payments",
  "platformFees",
  "subscriptions",
  "refunds",
  "refundCount",
  "disputes",
  "disputeCount",
  "payouts",
  "payoutCount",
  "stripeFees",
] as const;
export type DayFigure = (typeof DAY_FIGURES)[number];
export type DayFigures = Record<DayFigure, number>;

/** Per coach per day: what the top-coaches table ranks by (program sales only). */
export const COACH_FIGURES = ["gross", "sales", "platformFees"] as const;
export type CoachFigure = (typeof COACH_FIGURES)[number];
export type CoachFigures = Record<CoachFigure, number>;

export interface CurrencyDay {
  figures: DayFigures;
  /** By coach uid; only coaches with a program sale that day. */
  coaches: Record<string, CoachFigures>;
}

/** day ("YYYY-MM-DD", Stockholm) -> currency -> that day's figures. */
export type RollupDays = Record<string, Record<string, CurrencyDay>>;

/**
 * Shards per month. A booking transaction writes the shard documents of its entries, so one
 * document takes ~1/16 of the platform's booking rate: at 1M payments a year (~3 booking
 * transactions each, peaks ~10x the mean) that is ~0.06 writes/s per document, far under
 * Firestore's ~1 write/s sustained per document. Readers query a month's documents and sum
 * whatever shards exist, so changing this number never needs a migration.
 */
export const ROLLUP_SHARDS = 16;

/** One shard document's change from one booking: its month, shard and the days it adds. */
export interface RollupShardDelta {
  month: string;
  shard: number;
  days: RollupDays;
}

export const emptyDayFigures = (): DayFigures =>
  Object.fromEntries(DAY_FIGURES.map((f) => [f, 0])) as DayFigures;
const emptyCoachFigures = (): CoachFigures => ({ gross: 0, sales: 0, platformFees: 0 });

/** Every day from `fromDay` to `toDay` inclusive ("YYYY-MM-DD", calendar arithmetic in UTC). */
export function daysBetween(fromDay: string, toDay: string): string[] {
  const out: string[] = [];
  const d = new Date(`${fromDay}T00:00:00Z`);
  const end = new Date(`${toDay}T00:00:00Z`).getTime();
  while (d.getTime() <= end) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

/** "YYYY-MM" of a day. */
export const monthOf = (day: string): string => day.slice(0, 7);

/** FNV-1a: stable across runtimes, so an entry's shard never depends on the process. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function coachOf(entry: LedgerEntry): string | null {
  if (entry.refs.coachId) return entry.refs.coachId;
  const p = entry.postings.find((x) => x.account.startsWith("coach:"));
  return p ? (p.account.split(":")[1] ?? null) : null;
}

/**
 * A coach's entries go to the coach's shard, so each coach's per-day figures live in one
 * document (the documents stay small however many coaches there are); the rest spread by
 * entry id. One coach would need > 1 booking a second, sustained, to heat its shard.
 */
export function shardOf(entry: LedgerEntry, shards: number = ROLLUP_SHARDS): number {
  const coachId = coachOf(entry);
  return hash(coachId ? `coach:${coachId}` : `entry:${entry.id}`) % shards;
}

const posting = (e: LedgerEntry, account: string): number =>
  e.postings.reduce((s, p) => (p.account === account ? s + p.amount : s), 0);

const coachPosting = (e: LedgerEntry, bucket: string): number =>
  e.postings.reduce(
    (s, p) => (p.account.startsWith("coach:") && p.account.endsWith(`:${bucket}`) ? s + p.amount : s),
    0,
  );

/**
 * One entry's figures, read off its postings: the platform's fee and subscription revenue as
 * credited (net of anything given back), gross and refunds as they hit Stripe's balance,
 * disputes as withdrawn (without the dispute fee), payouts as they left a coach's in_payout.
 */
export function entryFigures(e: LedgerEntry): { figures: DayFigures; coach: { coachId: string; figures: CoachFigures } | null } {
  const f = emptyDayFigures();
  f.entries = 1;
  f.platformFees = -posting(e, "platform:fees");
  f.subscriptions = -posting(e, "platform:subscriptions");
  f.stripeFees = posting(e, "stripe:fees") + posting(e, "stripe:dispute_fees");
  let coach: { coachId: string; figures: CoachFigures } | null = null;
  switch (e.kind) {
    case "program_sale":
    case "subscription_payment":
      f.gross = posting(e, "platform:stripe_balance");
      f.payments = 1;
      if (e.kind === "program_sale" && e.refs.coachId)
        coach = { coachId: e.refs.coachId, figures: { gross: f.gross, sales: 1, platformFees: f.platformFees } };
      break;
    case "refund":
      f.refunds = -posting(e, "platform:stripe_balance");
      f.refundCount = 1;
      break;
    case "dispute_created":
      f.disputes = -posting(e, "platform:stripe_balance") - posting(e, "stripe:dispute_fees");
      f.disputeCount = 1;
      break;
    case "payout_paid":
      f.payouts = coachPosting(e, "in_payout");
      f.payoutCount = 1;
      break;
    default:
      break;
  }
  return { figures: f, coach };
}

function currencyDay(days: RollupDays, day: string, currency: string): CurrencyDay {
  const byCurrency = (days[day] ??= {});
  return (byCurrency[currency] ??= { figures: emptyDayFigures(), coaches: {} });
}

function addCurrencyDay(into: CurrencyDay, from: CurrencyDay): void {
  for (const k of DAY_FIGURES) into.figures[k] += from.figures[k] ?? 0;
  for (const [coachId, c] of Object.entries(from.coaches)) {
    const to = (into.coaches[coachId] ??= emptyCoachFigures());
    for (const k of COACH_FIGURES) to[k] += c[k] ?? 0;
  }
}

/** Adds one entry to `days` (mutates it) under `day`, by default its Stockholm day. */
export function addEntry(days: RollupDays, entry: LedgerEntry, day: string = dayOf(entry.occurredAt)): void {
  const { figures, coach } = entryFigures(entry);
  const cd = { figures, coaches: coach ? { [coach.coachId]: coach.figures } : {} };
  addCurrencyDay(currencyDay(days, day, entry.currency), cd);
}

/** Adds `part` into `into` (mutates `into` only). */
export function addDaysInto(into: RollupDays, part: RollupDays): void {
  for (const [day, byCurrency] of Object.entries(part)) {
    for (const [currency, cd] of Object.entries(byCurrency)) addCurrencyDay(currencyDay(into, day, currency), cd);
  }
}

/** The sum of rollups (shards of a month, months of a range); the inputs are left as they are. */
export function mergeDays(parts: readonly RollupDays[]): RollupDays {
  const out: RollupDays = {};
  for (const part of parts) addDaysInto(out, part);
  return out;
}

/** What a booking adds to each shard document it touches: one delta per (month, shard). */
export function rollupDeltas(entries: readonly LedgerEntry[], shards: number = ROLLUP_SHARDS): RollupShardDelta[] {
  const byDoc = new Map<string, RollupShardDelta>();
  for (const e of entries) {
    const day = dayOf(e.occurredAt);
    const month = monthOf(day);
    const shard = shardOf(e, shards);
    const key = `${month}_${shard}`;
    let d = byDoc.get(key);
    if (!d) byDoc.set(key, (d = { month, shard, days: {} }));
    addEntry(d.days, e, day);
  }
  return [...byDoc.values()];
}

/**
 * The rollups the ledger implies: every entry once (by id) under its booked `day`. This is
 * the direct recomputation a rebuild compares the stored rollups with.
 */
export function rollupsFromEntries(entries: readonly (LedgerEntry & { day?: string })[]): RollupDays {
  const days: RollupDays = {};
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    addEntry(days, e, e.day ?? dayOf(e.occurredAt));
  }
  return days;
}

export interface RollupDifference {
  day: string;
  currency: string;
  /** A day figure ("gross") or a coach's ("coach c1 gross"). */
  figure: string;
  stored: number;
  ledger: number;
}

/** Every figure where the stored rollups disagree with the ledger's, for the given days. */
export function diffRollups(stored: RollupDays, ledger: RollupDays, days: readonly string[]): RollupDifference[] {
  const out: RollupDifference[] = [];
  for (const day of days) {
    const s = stored[day] ?? {};
    const l = ledger[day] ?? {};
    for (const currency of [...new Set([...Object.keys(s), ...Object.keys(l)])].sort()) {
      const sc = s[currency] ?? { figures: emptyDayFigures(), coaches: {} };
      const lc = l[currency] ?? { figures: emptyDayFigures(), coaches: {} };
      for (const f of DAY_FIGURES) {
        const a = sc.figures[f] ?? 0;
        const b = lc.figures[f] ?? 0;
        if (a !== b) out.push({ day, currency, figure: f, stored: a, ledger: b });
      }
      for (const coachId of [...new Set([...Object.keys(sc.coaches), ...Object.keys(lc.coaches)])].sort()) {
        for (const f of COACH_FIGURES) {
          const a = sc.coaches[coachId]?.[f] ?? 0;
          const b = lc.coaches[coachId]?.[f] ?? 0;
          if (a !== b) out.push({ day, currency, figure: `coach ${coachId} ${f}`, stored: a, ledger: b });
        }
      }
    }
  }
  return out;
}
