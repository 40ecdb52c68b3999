/**
 * Fortnox's chart of accounts per financial year, kept for a while by one server instance, for
 * the pages that only show account names (the accountant's day view). An accountant paging
 * through days would otherwise read the whole chart (about 1,200 accounts, three pages of 500)
 * for every day, against Fortnox's 25 requests per 5 seconds that the nightly sync shares.
 *
 * Names only: checks that must see the chart as it is now (a mapping being saved, the SIE
 * export) read it from the gateway directly. A failed read is not kept, so the next view asks
 * again; a renamed account shows under its new name once the entry is older than the TTL.
 */
import type { AccountingGateway, BookkeepingAccount } from "../../ports/accounting-gateway";

export const CHART_CACHE_TTL_MS = 10 * 60_000;

export class ChartCache {
  private readonly years = new Map<number, { readAt: number; accounts: Promise<BookkeepingAccount[]> }>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs = CHART_CACHE_TTL_MS,
  ) {}

  accounts(gateway: AccountingGateway, financialYearId: number): Promise<BookkeepingAccount[]> {
    const kept = this.years.get(financialYearId);
    if (kept && this.now() - kept.readAt < this.ttlMs) return kept.accounts;
    const accounts = gateway.accounts(financialYearId);
    this.years.set(financialYearId, { readAt: this.now(), accounts });
    // A read that fails is forgotten, so the next view asks Fortnox again (not for TTL).
    accounts.catch(() => {
      if (this.years.get(financialYearId)?.accounts === accounts) this.years.delete(financialYearId);
    });
    return accounts;
  }
}
