/** The bookkeeping callables and the shapes they return (declared in functions/src). */
import { httpsCallable } from "firebase/functions";
import { functions } from "../../firebase";

// The server's own shapes, type-only (erased from the bundle), so the two sides cannot drift.
import type { FortnoxStatusView } from "@server/contracts/shapes";
import type { BasMapping } from "@server/contracts/shapes";
import type { DayDetail } from "@server/contracts/shapes";
import type { VoucherSpecification } from "@server/contracts/shapes";
import type { MappingChange, VoucherRecord } from "@server/contracts/shapes";
import type { CsvFormat } from "@server/contracts/vocabulary";
export type { BasMapping, VoucherRow } from "@server/contracts/shapes";
export type { DayDetail, DayVoucherView, WaitingGroup } from "@server/contracts/shapes";
export type { VoucherSpecification } from "@server/contracts/shapes";
export type { MappingChange, SyncJob, VoucherRecord } from "@server/contracts/shapes";
export type FortnoxStatus = FortnoxStatusView;

const fn = <I, O>(name: string) => {
  const c = httpsCallable<I, O>(functions, name);
  return async (input: I): Promise<O> => (await c(input)).data;
};

export const api = {
  status: fn<Record<string, never>, FortnoxStatus>("fortnoxStatus"),
  connectUrl: fn<{ returnPath?: string }, { url: string }>("fortnoxConnectUrl"),
  disconnect: fn<Record<string, never>, FortnoxStatus>("fortnoxDisconnect"),
  syncNow: fn<{ day?: string }, { runId: string; state: string; stoppedReason: string | null }>(
    "syncAccountingNow",
  ),
  mapping: fn<Record<string, never>, { mapping: BasMapping; series: string; defaults: BasMapping; changes: MappingChange[] }>(
    "getAccountingMapping",
  ),
  updateMapping: fn<
    { mapping: Partial<BasMapping>; series?: string },
    { checkedAgainstFortnox: boolean; warning?: string }
  >("updateAccountingMapping"),
  day: fn<{ day: string }, DayDetail>("accountingDay"),
  specification: fn<{ voucherId: string }, VoucherSpecification>("voucherSpecification"),
  specificationCsv: fn<{ voucherId: string; format?: CsvFormat }, { filename: string; csv: string; rows: number }>(
    "voucherSpecificationCsv",
  ),
  vouchersToFix: fn<Record<string, never>, { vouchers: VoucherRecord[] }>("accountingVouchersToFix"),
  markBookedByHand: fn<
    { voucherId: string; voucherNumber: string; note?: string },
    { voucher: VoucherRecord }
  >("markVoucherBookedByHand"),
};

/** Yesterday in Stockholm: the latest day that can be booked. */
export function yesterdayInStockholm(): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm" }).format(
    new Date(),
  );
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export const sandboxUrl: string | undefined = import.meta.env.VITE_FORTNOX_SANDBOX_URL;

/** Where a voucher can be found in Fortnox (the sandbox's page locally). */
export function voucherLink(
  r: Pick<VoucherRecord, "financialYearId" | "series" | "number">,
): string | null {
  if (!sandboxUrl || !r.financialYearId || !r.series || !r.number) return null;
  return `${sandboxUrl}/#voucher-${r.financialYearId}-${r.series}-${r.number}`;
}
