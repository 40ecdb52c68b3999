/** The bookkeeping callables and the shapes they return (declared in functions/src). */
import { callData } from "../../lib/callable";

// The server's own shapes, type-only (erased from the bundle), so the two sides cannot drift.
import type { FortnoxStatusView } from "@server/contracts/shapes";
import type { VoucherRecord } from "@server/contracts/shapes";
export type { BasMapping, VoucherRow } from "@server/contracts/shapes";
export type { DayDetail, DayVoucherView, WaitingGroup } from "@server/contracts/shapes";
export type { VoucherSpecification } from "@server/contracts/shapes";
export type { MappingChange, SyncJob, VoucherRecord } from "@server/contracts/shapes";
export type FortnoxStatus = FortnoxStatusView;

export const api = {
  status: callData("fortnoxStatus"),
  connectUrl: callData("fortnoxConnectUrl"),
  disconnect: callData("fortnoxDisconnect"),
  syncNow: callData("syncAccountingNow"),
  mapping: callData("getAccountingMapping"),
  updateMapping: callData("updateAccountingMapping"),
  day: callData("accountingDay"),
  specification: callData("voucherSpecification"),
  specificationCsv: callData("voucherSpecificationCsv"),
  vouchersToFix: callData("accountingVouchersToFix"),
  markBookedByHand: callData("markVoucherBookedByHand"),
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
