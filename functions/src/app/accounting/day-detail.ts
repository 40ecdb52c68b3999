/**
 * One business day as the accountant checks it, from what was actually booked: every voucher
 * Kassa stored for the day (first and supplementary, rows exactly as posted, state, Fortnox
 * number, reason when refused) with, for posted ones, the rows Fortnox holds read back; and,
 * separately, what is waiting: vouchers not posted yet and ledger entries of the day no
 * voucher holds yet (they arrived after the last run), with what they would book.
 */
import type { VoucherRow } from "../../domain/accounting";
import { groupEntries, buildVoucher, LATE_FLOW, voucherMarker, type VoucherKey } from "../../domain/accounting-vouchers";
import { addDays } from "../../domain/accounting-dates";
import { assertDay, dayOf } from "../../domain/calendar-day";
import { isDomainError } from "../../domain/errors";
import type { AccountingGateway } from "../../ports/accounting-gateway";
import type { AccountingLedger } from "../../ports/accounting-ledger";
import { BOOKED_STATES, type AccountingStore, type VoucherRecord } from "../../ports/accounting-store";
import { requireRole, type Caller } from "../caller";
import { currentSettings } from "./accounting-settings";
import { DEFAULT_LATE_ENTRY_WAIT_NIGHTS, type SyncDeps } from "./sync-accounting";

export interface DayVoucherView {
  record: VoucherRecord;
  /** Rows read back from Fortnox, for posted vouchers; null when not posted or unreadable. */
  fortnoxRows: VoucherRow[] | null;
  fortnoxError?: string;
}

export interface WaitingGroup {
  flow: string;
  currency: string;
  entryCount: number;
  /**
   * The voucher they are to go into: the day's first voucher of the flow, or, when the day
   * has vouchers in the currency already, its next supplementary one (all flows together;
   * late entries collect for up to the sync's lateEntryWaitNights before it is made).
   */
  into: string;
  /** What they would book there (their flow's rows of a supplementary voucher). */
  rows: VoucherRow[];
  /**
   * The first Stockholm day whose nightly run (02:00) books them: the day after their business
   * day for first vouchers, else the day the day's last voucher is lateEntryWaitNights old.
   * A run on that day or later books them (the day view says "the next run" once it is past).
   */
  notBefore: string;
}

export interface DayDetail {
  day: string;
  /** Posted, booked by hand or empty: what the books hold for the day. */
  booked: DayVoucherView[];
  /** Planned but not in Fortnox yet (ready, posting, failed). */
  notPosted: DayVoucherView[];
  /** Entries of the day no voucher holds yet. */
  waiting: WaitingGroup[];
  /**
   * The names Fortnox's chart of accounts gives the accounts on this page ("1930" ->
   * "Företagskonto / checkkonto / affärskonto"), so the accountant reads accounts, not bare
   * numbers. Empty when Fortnox cannot be asked; the page then shows numbers and Kassa's texts.
   */
  accountNames: Record<string, string>;
}

type DayDeps = { ledger: AccountingLedger; store: AccountingStore; gateway: AccountingGateway } & Pick<SyncDeps, "lateEntryWaitNights" | "bookingDelayDays" | "chartCache">;

/** The day's entries that no voucher holds, grouped as the next run would book them. */
export async function waitingOfDay(deps: Omit<DayDeps, "gateway">, day: string): Promise<WaitingGroup[]> {
  const entries = await deps.ledger.entriesOfDay(day);
  const booked = new Map<string, string>();
  for (let i = 0; i < entries.length; i += 300) {
    for (const [k, v] of await deps.store.bookingsOf(entries.slice(i, i + 300).map((e) => e.id))) booked.set(k, v);
  }
  const settings = await currentSettings(deps.store);
  const waiting: WaitingGroup[] = [];
  const unbooked = entries.filter((e) => !booked.has(e.id));
  const records = unbooked.length > 0 ? await deps.store.vouchersOfDay(day) : [];
  const wait = deps.lateEntryWaitNights ?? DEFAULT_LATE_ENTRY_WAIT_NIGHTS;
  for (const g of groupEntries(unbooked)) {
    const existing = records.filter((r) => r.currency === g.currency);
    const firstNight = addDays(g.day, 1 + (deps.bookingDelayDays ?? 0));
    let key: VoucherKey;
    let notBefore = firstNight;
    if (existing.length === 0) key = { day: g.day, flow: g.flow, currency: g.currency, sequence: 1 };
    else {
      key = { day: g.day, flow: LATE_FLOW, currency: g.currency, sequence: Math.max(...existing.map((r) => r.sequence)) + 1 };
      const lateNight = addDays(dayOf(Math.max(...existing.map((r) => r.plannedAt))), wait);
      if (lateNight > notBefore) notBefore = lateNight;
    }
    const draft = buildVoucher(key, g.entries, settings.mapping);
    waiting.push({ flow: g.flow, currency: g.currency, entryCount: g.entries.length, into: voucherMarker(key), rows: draft.rows, notBefore });
  }
  return waiting;
}

export async function accountingDayDetail(deps: DayDeps, caller: Caller, input: { day: string }): Promise<DayDetail> {
  requireRole(caller, "accountant", "admin");
  assertDay(input.day);
  const records = (await deps.store.vouchersOfDay(input.day)).sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true }));
  const views: DayVoucherView[] = [];
  for (const record of records) {
    let fortnoxRows: VoucherRow[] | null = null;
    let fortnoxError: string | undefined;
    if (record.state === "posted" && record.financialYearId && record.series && record.number) {
      try {
        fortnoxRows = (await deps.gateway.getVoucher(record.financialYearId, record.series, record.number))?.rows ?? null;
      } catch (error) {
        fortnoxError = isDomainError(error) ? error.message : String(error);
      }
    }
    views.push({ record, fortnoxRows, ...(fortnoxError ? { fortnoxError } : {}) });
  }
  const waiting = await waitingOfDay(deps, input.day);
  return {
    day: input.day,
    booked: views.filter((v) => BOOKED_STATES.includes(v.record.state)),
    notPosted: views.filter((v) => !BOOKED_STATES.includes(v.record.state)),
    waiting,
    accountNames: await accountNames(deps, input.day, views, waiting),
  };
}

/**
 * One chart read per financial year on the page (a day's vouchers share one), through the
 * instance's chart cache when there is one (chart-cache.ts), only for the accounts the page
 * shows. A chart that cannot be read leaves names out rather than failing the day view: the
 * rows, amounts and states are what the accountant came for.
 */
async function accountNames(deps: Pick<SyncDeps, "gateway" | "chartCache">, day: string, views: DayVoucherView[], waiting: WaitingGroup[]): Promise<Record<string, string>> {
  const { gateway, chartCache } = deps;
  const shown = new Set<number>();
  for (const v of views) for (const r of [...v.record.rows, ...(v.fortnoxRows ?? [])]) shown.add(r.account);
  for (const w of waiting) for (const r of w.rows) shown.add(r.account);
  if (shown.size === 0) return {};
  try {
    const years = new Set(views.map((v) => v.record.financialYearId).filter((y): y is number => typeof y === "number"));
    if (years.size === 0) {
      const year = await gateway.financialYearFor(day);
      if (year) years.add(year.id);
    }
    const names: Record<string, string> = {};
    for (const year of years) {
      const chart = chartCache ? await chartCache.accounts(gateway, year) : await gateway.accounts(year);
      for (const a of chart) if (shown.has(a.number) && !(a.number in names)) names[String(a.number)] = a.description;
    }
    return names;
  } catch {
    return {};
  }
}
