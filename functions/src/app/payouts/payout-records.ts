/**
 * Small helpers shared by the payout use cases: defaults for a coach without a document,
 * the Stripe idempotency key of an attempt, the ISO week a run belongs to, line items.
 */
import type { Currency } from "../../domain/money";
import type { CarriedLines, CoachRecord, PayoutLineItem, PayoutRecord, RelatedPayment } from "../../ports/payout-store";
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
  carriedLines: {},
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

/** Payout documents written before the lifecycle's fields existed read back with them. */
export const withPayoutDefaults = (p: PayoutRecord): PayoutRecord => ({
  ...p,
  pastAttempts: p.pastAttempts ?? [],
  approvals: p.approvals ?? [],
  requiredApprovals: p.requiredApprovals ?? 1,
  auditCount: p.auditCount ?? 0,
  lineItems: (p.lineItems ?? []).map((l) => ({ ...l, kind: l.kind ?? "sales" })),
});

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

/**
 * One sales line per program (sales carried from a voided or returned payout first, then the
 * newly released ones), and one adjustment line for the difference to the amount: refunds and
 * disputes netted in, an earlier negative balance, or money a partial request left for later.
 * So the lines always add up to the payout.
 */
export function lineItemsOf(carried: CarriedLines | undefined, payments: readonly RelatedPayment[], amount: number): PayoutLineItem[] {
  const byProgram = new Map<string, PayoutLineItem>();
  const add = (programId: string | null, description: string, count: number, coachAmount: number) => {
    const key = programId ?? "";
    const item = byProgram.get(key) ?? { kind: "sales" as const, programId, description, payments: 0, coachAmount: 0 };
    item.payments += count;
    item.coachAmount += coachAmount;
    byProgram.set(key, item);
  };
  for (const l of carried?.lineItems ?? []) if (l.kind === "sales") add(l.programId, l.description, l.payments, l.coachAmount);
  for (const p of payments) add(p.programId, p.description ?? p.programId ?? "Sale", 1, p.coachAmount);
  const lines = [...byProgram.values()];
  const rest = amount - lines.reduce((sum, l) => sum + l.coachAmount, 0);
  if (rest !== 0) lines.push({ kind: "adjustment", programId: null, description: "Refunds, disputes and balance carried between payouts", payments: 0, coachAmount: rest });
  return lines;
}

/** The payout's sales lines added to the coach's carried lines (the payout was voided or returned). */
export function carryLines(coach: CoachRecord, payout: Pick<PayoutRecord, "currency" | "relatedPaymentIds" | "lineItems">): Partial<Record<Currency, CarriedLines>> {
  const all = coach.carriedLines ?? {};
  const before = all[payout.currency] ?? { paymentIds: [], lineItems: [] };
  const known = new Set(before.paymentIds);
  const ids = payout.relatedPaymentIds.filter((id) => !known.has(id));
  if (ids.length === 0) return all;
  return {
    ...all,
    [payout.currency]: { paymentIds: [...before.paymentIds, ...ids], lineItems: [...before.lineItems, ...payout.lineItems.filter((l) => l.kind === "sales")] },
  };
}

/** Clears the open marker only if it still points at this payout. */
export function openPayoutsWithout(coach: CoachRecord, payout: Pick<PayoutRecord, "id" | "currency">): Partial<Record<Currency, string>> {
  const open = { ...coach.openPayouts };
  if (open[payout.currency] === payout.id) delete open[payout.currency];
  return open;
}
