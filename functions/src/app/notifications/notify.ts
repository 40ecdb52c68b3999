/**
 * Tells coaches what happened to their money and what Stripe needs from them: a payout paid
 * or failed, and onboarding information Stripe asks for. Written from Firestore triggers on
 * `payouts/{id}` and `coaches/{uid}` changes, so the payout and onboarding use cases stay
 * unaware of notifications, and a lost notification never blocks a payout.
 *
 * Exports: PayoutView, CoachView, payoutNotification, onboardingNotification, notify,
 * markNotificationsRead, describeRequirement.
 */
import { moneyText } from "../../domain/money";
import type { Clock } from "../../ports/clock";
import type { CoachNotification, NotificationStore } from "../../ports/notification-store";
import { requireRole, type Caller } from "../caller";

export interface PayoutView {
  id: string;
  coachId: string;
  status: string;
  amount: number;
  currency: string;
  attempt?: number;
  failureReason?: string | null;
}

export interface CoachView {
  requirementsDue?: string[];
  disabledReason?: string | null;
}

/** A notification when a payout became paid or failed; null for any other change. */
export function payoutNotification(
  before: PayoutView | null,
  after: PayoutView,
  now: number,
): CoachNotification | null {
  if (before?.status === after.status) return null;
  const attempt = after.attempt ?? 1;
  const amount = moneyText(after.amount, after.currency);
  if (after.status === "paid") {
    return {
      id: `${after.id}:paid:${attempt}`,
      uid: after.coachId,
      kind: "payout_paid",
      title: `Payout of ${amount} paid`,
      body: `${amount} is on its way to your bank account (payout ${after.id}). Banks usually show it within 1–2 business days.`,
      link: "/coach",
      createdAt: now,
      read: false,
    };
  }
  // A bank return after payment ends as "returned": the coach must hear of it as of a failure.
  if (after.status === "failed" || after.status === "returned") {
    return {
      id: `${after.id}:${after.status}:${attempt}`,
      uid: after.coachId,
      kind: "payout_failed",
      title: `Payout of ${amount} failed`,
      body: `${after.failureReason ?? "Stripe could not pay it out."} The money is back in your available balance; check your bank details in Stripe, then an admin can retry (payout ${after.id}).`,
      link: "/coach",
      createdAt: now,
      read: false,
    };
  }
  return null;
}

const REQUIREMENT_WORDS: Record<string, string> = {
  external_account: "a bank account for payouts",
  "individual.verification.document": "an identity document",
  "individual.verification.additional_document": "an additional identity document",
  "individual.id_number": "your personal identity number",
  "individual.dob.day": "your date of birth",
  "individual.address.line1": "your address",
  "business_profile.url": "your website or social profile",
  "business_profile.mcc": "your business category",
  "tos_acceptance.date": "acceptance of Stripe's terms",
};

export function describeRequirement(code: string): string {
  return REQUIREMENT_WORDS[code] ?? code.replace(/[._]/g, " ");
}

/** Short deterministic hash so one set of requirements maps to one notification id. */
function fingerprint(parts: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const ch of parts.join("|")) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/**
 * A notification when Stripe asks for something new: requirements appear (or change) or the
 * account gets a disabled reason. Null when nothing is newly needed (e.g. requirements cleared).
 */
export function onboardingNotification(
  uid: string,
  before: CoachView | null,
  after: CoachView,
  now: number,
): CoachNotification | null {
  const due = [...(after.requirementsDue ?? [])].sort();
  const was = [...(before?.requirementsDue ?? [])].sort();
  const reason = after.disabledReason ?? null;
  const newlyDue = due.some((r) => !was.includes(r));
  const newReason = reason !== null && reason !== (before?.disabledReason ?? null);
  if (!newlyDue && !newReason) return null;
  const needs = due.map(describeRequirement);
  return {
    id: `${uid}:onboarding:${fingerprint([...due, reason ?? ""])}`,
    uid,
    kind: "onboarding_needed",
    title: "Stripe needs more information",
    body:
      (needs.length > 0 ? `To keep payouts going, Stripe needs ${needs.join(", ")}. ` : "") +
      (reason ? `Stripe says: ${reason.replace(/[._]/g, " ")}. ` : "") +
      "Open Payouts and continue onboarding with Stripe.",
    link: "/coach",
    createdAt: now,
    read: false,
  };
}

/** Stores the notification and, when mail is on and the coach has an address, its mail. */
export async function notify(
  deps: { notifications: NotificationStore },
  n: CoachNotification | null,
): Promise<{ notified: boolean; mailed: boolean }> {
  if (!n) return { notified: false, mailed: false };
  const created = await deps.notifications.add(n);
  if (!created || !(await deps.notifications.mailEnabled())) return { notified: created, mailed: false };
  const to = await deps.notifications.emailOf(n.uid);
  if (!to) return { notified: true, mailed: false };
  await deps.notifications.addMail(n.id, {
    to,
    message: { subject: `Kassa: ${n.title}`, text: `${n.body}\n\nKassa · Inner Journey` },
  });
  return { notified: true, mailed: true };
}

export async function markNotificationsRead(
  deps: { notifications: NotificationStore; clock: Clock },
  caller: Caller,
  input: { ids?: string[] | undefined },
): Promise<{ marked: number }> {
  requireRole(caller, "coach", "admin", "customer", "accountant");
  const marked = await deps.notifications.markRead(caller.uid, input.ids ?? null, deps.clock.now().getTime());
  return { marked };
}
