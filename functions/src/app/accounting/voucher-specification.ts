/**
 * A voucher's specification for the accountant: the voucher as stored (rows as posted, state,
 * Fortnox number, reason when refused) and every entry it books with its Stripe ids, as a page
 * and as a CSV.
 */
import { invalidInput } from "../../domain/errors";
import { LATE_FLOW, type SpecLine } from "../../domain/accounting-vouchers";
import type { AccountingStore, VoucherRecord } from "../../ports/accounting-store";
import { requireRole, type Caller } from "../caller";
import { amount, type CsvFormat, instant, timeColumn, toCsv } from "../reports/csv";

export interface VoucherSpecification {
  voucher: VoucherRecord;
  lines: SpecLine[];
}

export async function voucherSpecification(
  deps: { store: AccountingStore },
  caller: Caller,
  input: { voucherId: string },
): Promise<VoucherSpecification> {
  requireRole(caller, "accountant", "admin");
  const voucher = await deps.store.voucher(input.voucherId);
  if (!voucher) throw invalidInput("voucherId", `no voucher ${input.voucherId}`);
  const lines = (await deps.store.specChunks(voucher.id, voucher.chunkCount)).flatMap((c) => c.lines);
  return { voucher, lines };
}

export async function voucherSpecificationCsv(
  deps: { store: AccountingStore },
  caller: Caller,
  input: { voucherId: string; format?: CsvFormat | undefined },
): Promise<{ filename: string; csv: string; rows: number }> {
  const { voucher, lines } = await voucherSpecification(deps, caller, { voucherId: input.voucherId });
  const csv = toCsv(
    ["voucher", "marker", "fortnox_voucher", "entry_id", "kind", timeColumn("occurred"), "amount", "currency", "payment_id", "payout_id", "coach_id", "stripe_object_id", "original_amount", "original_currency", "flow"],
    lines.map((l) => [
      voucher.id,
      voucher.marker,
      voucher.reference ?? voucher.bookedByHand?.voucherNumber ?? "",
      l.entryId,
      l.kind,
      instant(l.occurredAt),
      amount(l.amountMinor),
      voucher.currency.toUpperCase(),
      l.paymentId ?? "",
      l.payoutId ?? "",
      l.coachId ?? "",
      l.stripeObjectId ?? "",
      l.original ? amount(l.original.amount) : "",
      l.original ? l.original.currency.toUpperCase() : "",
      // Last, so earlier columns keep their places: a supplementary voucher holds several flows.
      l.flow ?? (voucher.flow === LATE_FLOW ? "" : voucher.flow),
    ]),
    input.format,
  );
  return { filename: `kassa-voucher-${voucher.id}.csv`, csv, rows: lines.length };
}
