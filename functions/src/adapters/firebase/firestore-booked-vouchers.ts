/**
 * BookedVoucherReader over `accounting/{id}`, the sync's voucher records. Reads only.
 *
 * A record counts as booked when it is `posted` with a voucher number, or `booked_by_hand` by
 * the accountant under the number they typed ("A-123"). Its date in the books is `transactionDate` when the sync
 * recorded one (a supplementary voucher moved into the first open period) and its day
 * otherwise.
 */
import type { Firestore } from "firebase-admin/firestore";
import type { VoucherRow } from "../../domain/accounting";
import { isCurrency } from "../../domain/money";
import type { BookedVoucher, BookedVoucherReader } from "../../ports/booked-vouchers";

const BOOKED_STATES = new Set(["posted", "booked_by_hand"]);

/** How far before an export's first day a voucher's ledger day may lie (a period locked for long). */
const LOOKBACK_DAYS = 366;

const minusDays = (day: string, days: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
};

/** "A-123" as the accountant typed a hand-booked voucher's number. */
const HAND_NUMBER = /^\s*([A-Za-z0-9]{1,10})\s*-?\s*(\d+)\s*$/;

/** The record as a booked voucher, or null when it is not (yet) in the books. */
export function bookedVoucherOf(id: string, data: Record<string, unknown>): BookedVoucher | null {
  const state = data["state"];
  const day = data["day"];
  const currency = data["currency"];
  if (typeof state !== "string" || !BOOKED_STATES.has(state)) return null;
  if (typeof day !== "string" || !isCurrency(currency)) return null;
  let series = typeof data["series"] === "string" ? data["series"] : "";
  let number = typeof data["number"] === "number" ? data["number"] : null;
  let postedAt = typeof data["postedAt"] === "number" ? data["postedAt"] : null;
  const hand = data["bookedByHand"] as { voucherNumber?: unknown; at?: unknown } | undefined;
  if (state === "booked_by_hand" && typeof hand?.voucherNumber === "string") {
    // The accountant booked it in Fortnox themselves: it is in the books under their number.
    const m = HAND_NUMBER.exec(hand.voucherNumber);
    if (m) {
      series = m[1] as string;
      number = Number(m[2]);
    }
    if (typeof hand.at === "number") postedAt = hand.at;
  }
  if (number === null) return null;
  const transactionDate = typeof data["transactionDate"] === "string" ? data["transactionDate"] : day;
  const rows = Array.isArray(data["rows"]) ? (data["rows"] as VoucherRow[]) : [];
  return {
    id,
    day,
    transactionDate,
    marker: typeof data["marker"] === "string" ? data["marker"] : "",
    currency,
    series,
    number,
    financialYearId: typeof data["financialYearId"] === "number" ? data["financialYearId"] : null,
    rows,
    postedAt,
  };
}

export class FirestoreBookedVouchers implements BookedVoucherReader {
  constructor(private readonly db: Firestore) {}

  private async byDay(fromDay: string, toDay: string): Promise<BookedVoucher[]> {
    const snap = await this.db.collection("accounting").where("day", ">=", fromDay).where("day", "<=", toDay).get();
    return snap.docs.flatMap((d) => bookedVoucherOf(d.id, d.data()) ?? []);
  }

  async bookedBetween(fromDate: string, toDate: string): Promise<BookedVoucher[]> {
    // Queried by ledger day (the field every record has), widened backwards so a voucher
    // moved forward out of a locked period is found by the date it carries.
    const found = await this.byDay(minusDays(fromDate, LOOKBACK_DAYS), toDate);
    return found.filter((v) => v.transactionDate >= fromDate && v.transactionDate <= toDate);
  }

  bookedForDay(day: string): Promise<BookedVoucher[]> {
    return this.byDay(day, day);
  }
}
