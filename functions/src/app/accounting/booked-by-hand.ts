/**
 * "Booked by hand": the accountant posted a voucher Kassa could not (a locked period, an EUR
 * voucher converted at their own rate) directly in Fortnox, and records who, when and under
 * which Fortnox number. The voucher stops retrying and its entries count as booked. Only an
 * accountant or admin may, and only for a voucher Kassa has not posted and is not posting.
 */
import { invalidInput } from "../../domain/errors";
import { DomainError } from "../../domain/errors";
import type { AccountingStore, VoucherRecord } from "../../ports/accounting-store";
import type { Clock } from "../../ports/clock";
import { requireRole, type Caller } from "../caller";

/** A Fortnox voucher number as the accountant reads it: series and number, e.g. "A-123". */
export const VOUCHER_NUMBER_PATTERN = /^[A-Z]{1,3}-?\d{1,9}$/;

export async function markVoucherBookedByHand(
  deps: { store: AccountingStore; clock: Clock },
  caller: Caller,
  input: { voucherId: string; voucherNumber: string; note?: string | undefined },
): Promise<{ voucher: VoucherRecord }> {
  requireRole(caller, "accountant", "admin");
  const voucherNumber = input.voucherNumber.trim().toUpperCase();
  if (!VOUCHER_NUMBER_PATTERN.test(voucherNumber)) {
    throw invalidInput("voucherNumber", `must be the Fortnox voucher number the voucher was booked as, such as A-123; got ${JSON.stringify(input.voucherNumber)}`);
  }
  const now = deps.clock.now().getTime();
  const note = input.note?.trim();
  const result = await deps.store.markBookedByHand(input.voucherId, { by: caller.uid, at: now, voucherNumber, ...(note ? { note } : {}) }, now);
  if (result.outcome === "refused") {
    if (!result.record) throw invalidInput("voucherId", `no voucher ${input.voucherId}`);
    throw new DomainError("precondition", result.reason, "voucherId");
  }
  return { voucher: result.record };
}
