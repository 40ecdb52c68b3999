/** Payout documents as the web app reads them, and the payout callables. */
import { callable } from "../../lib/callable";
import { i18n } from "../../i18n";
import { intlLocale } from "../../i18n/locale";

export interface CoachDoc {
  stripeAccountId: string | null;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  requirementsDue: string[];
  disabledReason: string | null;
  openPayouts?: Record<string, string>;
}

export interface BalanceDoc {
  coachId: string;
  currency: string;
  held: number;
  available: number;
  inPayout: number;
  paid: number;
}

export interface PayoutDoc {
  id: string;
  coachId: string;
  amount: number;
  currency: string;
  date: number;
  status: "requested" | "approved" | "sending" | "processing" | "paid" | "failed" | "returned" | "cancelled" | "rejected";
  trigger: "schedule" | "request" | "admin";
  runId: string | null;
  stripePayoutId: string | null;
  sendStartedAt: number | null;
  attempt: number;
  relatedPaymentIds: string[];
  lineItems: { kind?: "sales" | "adjustment"; programId: string | null; description: string; payments: number; coachAmount: number }[];
  failureCode: string | null;
  failureReason: string | null;
  /** Older documents have none of these. */
  approvals?: { by: string; at: number }[];
  requiredApprovals?: number;
  requestedBy?: string | null;
}

/** `payouts/{id}/audit/{n}`: who decided what on the payout, when and why (append-only). */
export interface PayoutAuditDoc {
  id: string;
  action: "requested" | "created" | "approval" | "approved" | "rejected" | "cancelled" | "retried" | "stale_event";
  by: string | null;
  byRole: string | null;
  at: number;
  reason: string | null;
  from: PayoutDoc["status"] | null;
  to: PayoutDoc["status"];
  attempt: number;
}

/** An audit action in words (payoutAudit.* of the catalogues); an action this build does not know, as stored. */
export const auditActionLabel = (action: PayoutAuditDoc["action"]): string => i18n.t(`payoutAudit.${action}`, { defaultValue: action });

export interface RunDoc {
  id: string;
  trigger: string;
  status: "planning" | "paying" | "done";
  startedAt: number;
  planned: boolean;
  counts: { due: number; done: number; awaiting?: number; skipped: number; failed: number; settled: number; amounts: Record<string, number> };
  skippedByReason: Record<string, number>;
  summary: string | null;
}

/** A coach in a run: skip outcomes are documents; the others are read off the run's payouts. */
export interface OutcomeDoc {
  key: string;
  coachId: string;
  currency: string;
  status: "done" | "awaiting" | "sending" | "skipped" | "failed";
  reason: string | null;
  message: string | null;
  amount: number | null;
  payoutId: string | null;
}

export interface ReconciliationDoc {
  id: string;
  coachId: string;
  currency: string;
  ledger: { held: number; available: number; inPayout: number };
  stripe: { available: number; pending: number };
  difference: { available: number; pending: number; total: number };
  ok: boolean;
  checkedAt: number;
}

/** A payout status in words: the one map of them is payoutStatus.* in the catalogues. */
export const payoutStatusLabel = (status: PayoutDoc["status"]): string => i18n.t(`payoutStatus.${status}`);

export const startCoachOnboarding = callable("startCoachOnboarding");
export const coachDashboardLink = callable("coachDashboardLink");
export const requestPayout = callable("requestPayout");
export const payableNow = callable("payableNow");
export const cancelPayoutRequest = callable("cancelPayoutRequest");
export const approvePayout = callable("approvePayout");
export const rejectPayout = callable("rejectPayout");
export const retryPayout = callable("retryPayout");
export const runWeeklyPayoutNow = callable("runWeeklyPayoutNow");

/** The next Monday 08:00 in Stockholm after `now`: when the weekly run pays. */
export function nextWeeklyRun(now: Date): Date {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Stockholm", weekday: "short", hour: "2-digit", hour12: false }).formatToParts(now);
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(parts.find((p) => p.type === "weekday")?.value ?? "Mon");
  const hour = Number(parts.find((p) => p.type === "hour")?.value ?? 0);
  const days = weekday === 0 && hour < 8 ? 0 : 7 - weekday;
  const target = new Date(now.getTime() + days * 86_400_000);
  // Stockholm is UTC+1 or +2: find the instant that reads 08:00 there on that date.
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm" }).format(target);
  for (const offset of [1, 2]) {
    const candidate = new Date(`${day}T${String(8 - offset).padStart(2, "0")}:00:00Z`);
    const h = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Stockholm", hour: "2-digit", hour12: false }).format(candidate);
    if (Number(h) === 8) return candidate;
  }
  return target;
}

export const formatWhen = (ms: number | null | undefined): string =>
  ms ? new Date(ms).toLocaleString(intlLocale(), { timeZone: "Europe/Stockholm", dateStyle: "medium", timeStyle: "short" }) : "–";
