/**
 * One day as the accountant checks it: each voucher Kassa built (rows, state, reference,
 * error), the ledger totals per Kassa account it came from, and, for posted vouchers, the
 * rows Fortnox actually holds, so the two can be compared side by side.
 */
import { buildVouchers, type VoucherRow } from "../../domain/accounting";
import { assertDay } from "../../domain/calendar-day";
import { isDomainError } from "../../domain/errors";
import type { AccountingGateway } from "../../ports/accounting-gateway";
import type { AccountingStore, VoucherRecord } from "../../ports/accounting-store";
import type { LedgerReader } from "../../ports/ledger-reader";
import { currentSettings } from "./accounting-settings";
import { requireRole, type Caller } from "../caller";
import { voucherId } from "./sync-accounting";

export interface DayVoucherView {
  id: string;
  flow: string;
  currency: string;
  /** What Kassa would book from today's ledger (minor units). */
  kassaRows: VoucherRow[];
  /** Net per Kassa ledger account (minor units, debit positive) of the entries behind it. */
  ledgerTotals: { account: string; amount: number }[];
  entryCount: number;
  record: VoucherRecord | null;
  /** Rows read back from Fortnox, for posted vouchers; null when not posted or unreadable. */
  fortnoxRows: VoucherRow[] | null;
  fortnoxError?: string;
}

export async function accountingDayDetail(
  deps: { ledger: LedgerReader; store: AccountingStore; gateway: AccountingGateway },
  caller: Caller,
  input: { day: string },
): Promise<{ day: string; vouchers: DayVoucherView[] }> {
  requireRole(caller, "accountant", "admin");
  assertDay(input.day);
  const [entries, records, settings] = await Promise.all([
    deps.ledger.entriesOfDay(input.day),
    deps.store.vouchersOfDay(input.day),
    currentSettings(deps.store),
  ]);
  const drafts = buildVouchers(input.day, entries, settings.mapping);
  const byId = new Map(records.map((r) => [r.id, r]));
  const views: DayVoucherView[] = [];
  for (const d of drafts) {
    const totals = new Map<string, number>();
    for (const e of entries) {
      if (e.flow !== d.flow || e.currency !== d.currency) continue;
      for (const p of e.postings) totals.set(p.account, (totals.get(p.account) ?? 0) + p.amount);
    }
    const record = byId.get(voucherId(d)) ?? null;
    byId.delete(voucherId(d));
    let fortnoxRows: VoucherRow[] | null = null;
    let fortnoxError: string | undefined;
    if (record?.state === "posted" && record.financialYearId && record.series && record.number) {
      try {
        fortnoxRows = (await deps.gateway.getVoucher(record.financialYearId, record.series, record.number))?.rows ?? null;
      } catch (error) {
        fortnoxError = isDomainError(error) ? error.message : String(error);
      }
    }
    views.push({
      id: voucherId(d),
      flow: d.flow,
      currency: d.currency,
      kassaRows: d.rows,
      ledgerTotals: [...totals].filter(([, a]) => a !== 0).map(([account, amount]) => ({ account, amount })),
      entryCount: d.entryIds.length,
      record,
      fortnoxRows,
      ...(fortnoxError ? { fortnoxError } : {}),
    });
  }
  // Reservations whose flow no longer has entries (should not happen: entries are immutable).
  for (const r of byId.values()) {
    views.push({ id: r.id, flow: r.flow, currency: r.currency, kassaRows: [], ledgerTotals: [], entryCount: 0, record: r, fortnoxRows: null });
  }
  return { day: input.day, vouchers: views };
}
