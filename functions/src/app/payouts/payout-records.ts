/**
 * Small helpers shared by the payout use cases: defaults for a coach without a document,
 * the Stripe idempotency key of an attempt, the ISO week a run belongs to, line items.
 */
import type { Currency } from "../../domain/money";
import type { CoachRecord, PayoutLineItem, PayoutRecord, RelatedPayment } from "../../ports/payout-store";
import type { PayoutAccountState } from "../../domain/payout-policy";

export const emptyCoach = (uid: string, now: number): CoachRecord => ({
  uid,
  stripeAccountId: null,
  chargesEnabled: false,
  payoutsEnabled: false,
  detailsSubmitted: false,
  requirementsDue: [],
  disabledReason: null,
  accountEventAt: null,
  openPayouts: {},
  paidThrough: {},
  payoutMinimums: {},
  payoutRequests: 0,
  updatedAt: now,
});

/** Firestore documents written before a field existed read back without it. */
export const withCoachDefaults = (uid: string, doc: Partial<CoachRecord> | null, now = 0): CoachRecord => ({ ...emptyCoach(uid, now), ...(doc ?? {}) });

export const accountStateOf = (coach: CoachRecord | null): PayoutAccountState | null =>
  coach?.stripeAccountId
    ? { detailsSubmitted: coach.detailsSubmitted, payoutsEnabled: coach.payoutsEnabled, disabledReason: coach.disabledReason }
    : null;

/**
 * Attempt 1 uses the payout id itself, so a task retried after Stripe answered (but before
 * Firestore recorded it) gets the same Stripe payout back. A retry after a failure is a new
 * payout at Stripe and needs a new key, or Stripe would replay the failed attempt.
 */
export const stripeKeyOf = (p: Pick<PayoutRecord, "id" | "attempt">): string => (p.attempt === 1 ? p.id : `${p.id}:retry-${p.attempt}`);

/** Stripe keeps idempotency keys for 24 h; after that a resend could pay twice, so we stop earlier. */
export const IDEMPOTENCY_WINDOW_MS = 20 * 3600 * 1000;

export const runPayoutId = (runId: string, coachId: string, currency: Currency): string => `${runId}_${coachId}_${currency}`;

export const outcomeKey = (coachId: string, currency: Currency): string => `${coachId}_${currency}`;

/** ISO 8601 week ("2026-W05") of an instant as seen in `timeZone`. */
export function isoWeek(epochMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date(epochMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const date = new Date(Date.UTC(get("year"), get("month") - 1, get("day")));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86400000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** One line per program; refunds and earlier negative balances show as the difference to the payout amount. */
export function lineItemsOf(payments: readonly RelatedPayment[]): PayoutLineItem[] {
  const byProgram = new Map<string, PayoutLineItem>();
  for (const p of payments) {
    const key = p.programId ?? "";
    const item = byProgram.get(key) ?? { programId: p.programId, description: p.description ?? p.programId ?? "Sale", payments: 0, coachAmount: 0 };
    item.payments += 1;
    item.coachAmount += p.coachAmount;
    byProgram.set(key, item);
  }
  return [...byProgram.values()];
}

/** Clears the open marker only if it still points at this payout. */
export function openPayoutsWithout(coach: CoachRecord, payout: Pick<PayoutRecord, "id" | "currency">): Partial<Record<Currency, string>> {
  const open = { ...coach.openPayouts };
  if (open[payout.currency] === payout.id) delete open[payout.currency];
  return open;
}
