/** The vouchers that need the accountant: not posted yet, with Fortnox's reason when refused. */
import type { AccountingStore, VoucherRecord } from "../../ports/accounting-store";
import { requireRole, type Caller } from "../caller";

export async function vouchersNeedingAttention(deps: { store: AccountingStore }, caller: Caller): Promise<{ vouchers: VoucherRecord[] }> {
  requireRole(caller, "accountant", "admin");
  const vouchers = await deps.store.vouchersInState(["failed", "posting", "ready"]);
  return { vouchers: vouchers.sort((a, b) => a.day.localeCompare(b.day) || a.id.localeCompare(b.id)).slice(0, 500) };
}
