/**
 * Pure revenue figures: what the admin analytics page and the monthly report show, folded from
 * the daily rollups (domain/rollups.ts, the ledger's figures per Stockholm day), per currency,
 * in minor units, so the figures agree with balances and Fortnox to the öre.
 *
 * Exports: RevenueTotals, DayPoint, CoachRank, CurrencyReport, daysBetween, daysBack,
 * summarizeRollups, summarizeLedger.
 */
import type { LedgerEntry } from "../../domain/ledger-entries";
import { daysBetween, rollupsFromEntries, type RollupDays } from "../../domain/rollups";
// The report shapes are the callable's contract: declared once, in contracts/.
import type { CoachRank, CurrencyReport, DayPoint, RevenueTotals } from "../../contracts/reports";
export type { CoachRank, CurrencyReport, DayPoint, RevenueTotals } from "../../contracts/reports";

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

export { daysBetween };

/** The first day of a range of `days` days that ends with (and includes) `today`. */
export function daysBack(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - (days - 1));
  return d.toISOString().slice(0, 10);
}

/**
 * Folds daily rollups into per-currency totals, a daily series over [fromDay, toDay] and the
 * top `topN` coaches by gross sales. Days outside the range are ignored, so a caller may pass
 * a superset. A currency is reported when it has any entry in the range. Currencies are never
 * added together.
 */
export function summarizeRollups(rollups: RollupDays, fromDay: string, toDay: string, topN = 5): CurrencyReport[] {
  const days = daysBetween(fromDay, toDay);
  const byCurrency = new Map<string, { totals: RevenueTotals; series: DayPoint[]; coaches: Map<string, CoachRank> }>();
  const bucket = (currency: string) => {
    let b = byCurrency.get(currency);
    if (!b) {
      b = {
        totals: emptyTotals(),
        series: days.map((day) => ({ day, gross: 0, platformFees: 0, subscriptions: 0, refunds: 0, payouts: 0 })),
        coaches: new Map(),
      };
      byCurrency.set(currency, b);
    }
    return b;
  };

  days.forEach((day, i) => {
    for (const [currency, { figures: f, coaches }] of Object.entries(rollups[day] ?? {})) {
      if (f.entries === 0) continue;
      const b = bucket(currency);
      const t = b.totals;
      const point = b.series[i]!;
      t.gross += f.gross;
      t.payments += f.payments;
      t.platformFees += f.platformFees;
      t.subscriptions += f.subscriptions;
      t.refunds += f.refunds;
      t.refundCount += f.refundCount;
      t.disputes += f.disputes;
      t.disputeCount += f.disputeCount;
      t.payouts += f.payouts;
      t.payoutCount += f.payoutCount;
      t.stripeFees += f.stripeFees;
      point.gross += f.gross;
      point.platformFees += f.platformFees;
      point.subscriptions += f.subscriptions;
      point.refunds += f.refunds;
      point.payouts += f.payouts;
      for (const [coachId, c] of Object.entries(coaches)) {
        const r = b.coaches.get(coachId) ?? { coachId, gross: 0, sales: 0, platformFees: 0 };
        r.gross += c.gross;
        r.sales += c.sales;
        r.platformFees += c.platformFees;
        b.coaches.set(coachId, r);
      }
    }
  });

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

/** The same figures straight from entries (each under its `day`, once by id). */
export function summarizeLedger(
  entries: readonly (LedgerEntry & { day: string })[],
  fromDay: string,
  toDay: string,
  topN = 5,
): CurrencyReport[] {
  return summarizeRollups(rollupsFromEntries(entries), fromDay, toDay, topN);
}
