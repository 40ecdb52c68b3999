/**
 * Which date a voucher carries in Fortnox. Bokföringslagen: a voucher states the date of the
 * business event, and a locked period is never written to again. So a voucher is dated on its
 * business day when that period is open, and otherwise on the first open day, with the
 * business day kept in its marker and comments (the reference to the original day).
 */
import { assertDay } from "./calendar-day";

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export type BookingDate =
  | { ok: true; transactionDate: string; movedFromLockedPeriod: boolean }
  | { ok: false; reason: string };

/**
 * `lockedThrough` is Fortnox's last locked day (null: nothing locked); `today` the Stockholm
 * day the run happens. A lock reaching today or later leaves no open day to book into yet
 * without dating a voucher in the future: the voucher waits (and is retried) until it opens.
 */
export function bookingDate(businessDay: string, lockedThrough: string | null, today: string): BookingDate {
  assertDay(businessDay);
  if (lockedThrough === null || businessDay > lockedThrough) {
    return { ok: true, transactionDate: businessDay, movedFromLockedPeriod: false };
  }
  const firstOpen = addDays(lockedThrough, 1);
  if (firstOpen > today) {
    return {
      ok: false,
      reason: `Fortnox's period is locked through ${lockedThrough}, so there is no open day up to today (${today}) to book ${businessDay} into. Open the period in Fortnox; the voucher is retried every run.`,
    };
  }
  return { ok: true, transactionDate: firstOpen, movedFromLockedPeriod: true };
}
