/**
 * Pure revenue figures from ledger entries: what the admin analytics page and the monthly
 * report show. Everything is read off the postings (the ledger is the source of truth), per
 * currency, in minor units, so the figures agree with balances and Fortnox to the öre.
 *
 * Exports: RevenueTotals, DayPoint, CoachRank, CurrencyReport, daysBetween, daysBack,
 * summarizeLedger.
 */
import type { LedgerEntry } from "../../domain/ledger-entries";
import type { DatedEntry } from "../../ports/report-store";

export interface RevenueTotals {
  /** Card payments captured: program sales + subscription payments (gross, before fees). */
  gross: number;
  payments: number;
  /** Platform fee on program sales, net of fees given back on refunds and disputes. */
  platformFees: number;
  /** Premium subscription revenue, net of refunds. */
  subscriptions: number;
  refunds: number;
  refundCount: number;
  /** Amount customers disputed (opened in the period) and how many. */
  disputes: number;
  disputeCount: number;
  /** Coach payouts that reached the coach's bank (payout.paid). */
  payouts: number;
  payoutCount: number;
  /** Stripe processing and dispute fees, as Stripe reported them. */
  stripeFees: number;
}

export interface DayPoint {
  day: string;
  gross: number;
  platformFees: number;
  subscriptions: number;
  refunds: number;
  payouts: number;
}

export interface CoachRank {
  coachId: string;
  gross: number;
  sales: number;
  platformFees: number;
}

export interface CurrencyReport {
  currency: string;
  totals: RevenueTotals;
  /** One point per day of the range, zero days included, so charts keep their time axis. */
  series: DayPoint[];
  topCoaches: CoachRank[];
}

const emptyTotals = (): RevenueTotals => ({
  gross: 0,
  payments: 0,
  platformFees: 0,
  subscriptions: 0,
  refunds: 0,
  refundCount: 0,
  disputes: 0,
  disputeCount: 0,
  payouts: 0,
  payoutCount: 0,
  stripeFees: 0,
});

const posting = (e: LedgerEntry, account: string): number =>
  e.postings.reduce((s, p) => (p.account === account ? s + p.amount : s), 0);

const coachPosting = (e: LedgerEntry, bucket: string): number =>
  e.postings.reduce(
    (s, p) => (p.account.startsWith("coach:") && p.account.endsWith(`:${bucket}`) ? s + p.amount : s),
    0,
  );

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

/** The first day of a range of `days` days that ends with (and includes) `today`. */
export function daysBack(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - (days - 1));
  return d.toISOString().slice(0, 10);
}

/**
 * Folds entries into per-currency totals, a daily series over [fromDay, toDay] and the top
 * `topN` coaches by gross sales. Entries outside the range are ignored, so a caller may pass
 * a superset. Currencies are never added together.
 */
export function summarizeLedger(
  entries: readonly DatedEntry[],
  fromDay: string,
  toDay: string,
  topN = 5,
): CurrencyReport[] {
  const days = daysBetween(fromDay, toDay);
  const index = new Map(days.map((d, i) => [d, i]));
  const byCurrency = new Map<
    string,
    { totals: RevenueTotals; series: DayPoint[]; coaches: Map<string, CoachRank> }
  >();
  const bucket = (currency: string) => {
    let b = byCurrency.get(currency);
    if (!b) {
      b = {
        totals: emptyTotals(),
        series: days.map((day) => ({
          day,
          gross: 0,
          platformFees: 0,
          subscriptions: 0,
          refunds: 0,
          payouts: 0,
        })),
        coaches: new Map(),
      };
      byCurrency.set(currency, b);
    }
    return b;
  };

  for (const e of entries) {
    const i = index.get(e.day);
    if (i === undefined) continue;
    const b = bucket(e.currency);
    const t = b.totals;
    const point = b.series[i]!;
    const fees = -posting(e, "platform:fees");
    const subs = -posting(e, "platform:subscriptions");
    t.platformFees += fees;
    point.platformFees += fees;
    t.subscriptions += subs;
    point.subscriptions += subs;
    t.stripeFees += posting(e, "stripe:fees") + posting(e, "stripe:dispute_fees");

    switch (e.kind) {
      case "program_sale":
      case "subscription_payment": {
        const gross = posting(e, "platform:stripe_balance");
        t.gross += gross;
        t.payments += 1;
        point.gross += gross;
        if (e.kind === "program_sale" && e.refs.coachId) {
          const c = b.coaches.get(e.refs.coachId) ?? {
            coachId: e.refs.coachId,
            gross: 0,
            sales: 0,
            platformFees: 0,
          };
          c.gross += gross;
          c.sales += 1;
          c.platformFees += fees;
          b.coaches.set(e.refs.coachId, c);
        }
        break;
      }
      case "refund": {
        const amount = -posting(e, "platform:stripe_balance");
        t.refunds += amount;
        t.refundCount += 1;
        point.refunds += amount;
        break;
      }
      case "dispute_created":
        t.disputes += -posting(e, "platform:stripe_balance") - posting(e, "stripe:dispute_fees");
        t.disputeCount += 1;
        break;
      case "payout_paid": {
        const amount = coachPosting(e, "in_payout");
        t.payouts += amount;
        t.payoutCount += 1;
        point.payouts += amount;
        break;
      }
      default:
        break;
    }
  }

  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, b]) => ({
      currency,
      totals: b.totals,
      series: b.series,
      topCoaches: [...b.coaches.values()]
        .sort((x, y) => y.gross - x.gross || x.coachId.localeCompare(y.coachId))
        .slice(0, topN),
    }));
}
