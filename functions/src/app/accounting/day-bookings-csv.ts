/**
 * The day's bookings as a CSV: first the rows of the vouchers Kassa stored for the day, exactly
 * as posted and with their Fortnox number (or booked-by-hand number, or why not posted), then,
 * marked "waiting", what the day's entries no voucher holds yet would book. Nothing in it is
 * rebuilt from today's ledger under a posted voucher's number.
 */
import { assertDay } from "../../domain/calendar-day";
import type { AccountingLedger } from "../../ports/accounting-ledger";
import type { AccountingStore } from "../../ports/accounting-store";
import { requireRole, type Caller } from "../caller";
import { amount, type CsvFormat, toCsv } from "../reports/csv";
import { waitingOfDay } from "./day-detail";

export async function dayBookingsCsv(
  deps: { ledger: AccountingLedger; store: AccountingStore },
  caller: Caller,
  input: { day: string; format?: CsvFormat | undefined },
): Promise<{ filename: string; csv: string; rows: number }> {
  requireRole(caller, "accountant", "admin");
  assertDay(input.day);
  const records = (await deps.store.vouchersOfDay(input.day)).sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true }));
  const money = (n: number) => (n ? amount(n) : "");
  const rows: (string | number | ReturnType<typeof amount>)[][] = [];
  for (const r of records) {
    const number = r.reference ?? (r.bookedByHand ? `${r.bookedByHand.voucherNumber} (by hand)` : "");
    for (const row of r.rows) {
      rows.push([input.day, "booked", r.marker, r.flow, r.currency.toUpperCase(), r.state, number, r.transactionDate ?? "", row.account, money(row.debit), money(row.credit), row.info ?? "", r.entryCount, r.error?.message ?? ""]);
    }
  }
  for (const w of await waitingOfDay(deps, input.day)) {
    for (const row of w.rows) {
      rows.push([input.day, "waiting", "", w.flow, w.currency.toUpperCase(), "not in a voucher yet", "", "", row.account, money(row.debit), money(row.credit), row.info ?? "", w.entryCount, ""]);
    }
  }
  const csv = toCsv(
    ["day", "section", "voucher_marker", "flow", "currency", "state", "fortnox_voucher", "transaction_date", "bas_account", "debit", "credit", "text", "entries", "reason"],
    rows,
    input.format,
  );
  return { filename: `kassa-bookings-${input.day}.csv`, csv, rows: rows.length };
}
