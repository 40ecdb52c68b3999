/**
 * Tells coaches what happened to their money and what Stripe needs from them: a payout paid
 * or failed, and onboarding information Stripe asks for. Written from Firestore triggers on
 * `payouts/{id}` and `coaches/{uid}` changes, so the payout and onboarding use cases stay
 * unaware of notifications, and a lost notification never blocks a payout.
 *
 * Exports: PayoutView, CoachView, payoutNotification, onboardingNotification, notify,
 * markNotificationsRead, describeRequirement.
 */
import { moneyIn, type Bilingual, type Lang } from "../../domain/people-words";
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
  const amount = (lang: Lang) => moneyIn(lang, after.amount, after.currency);
  if (after.status === "paid") {
    return {
      id: `${after.id}:paid:${attempt}`,
      uid: after.coachId,
      kind: "payout_paid",
      ...bilingual({
        sv: { title: `Utbetalning på ${amount("sv")} skickad`, body: `${amount("sv")} är på väg till ditt bankkonto (utbetalning ${after.id}). Banken brukar visa den inom 1–2 bankdagar.` },
        en: { title: `Payout of ${amount("en")} paid`, body: `${amount("en")} is on its way to your bank account (payout ${after.id}). Banks usually show it within 1–2 business days.` },
      }),
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
      ...bilingual({
        sv: {
          title: `Utbetalningen på ${amount("sv")} misslyckades`,
          body: `${after.failureReason ? `Stripe: ${after.failureReason}` : "Stripe kunde inte betala ut den."} Pengarna finns i ditt tillgängliga saldo igen; kontrollera dina bankuppgifter hos Stripe, sedan kan en administratör försöka igen (utbetalning ${after.id}).`,
        },
        en: {
          title: `Payout of ${amount("en")} failed`,
          body: `${after.failureReason ?? "Stripe could not pay it out."} The money is back in your available balance; check your bank details in Stripe, then an admin can retry (payout ${after.id}).`,
        },
      }),
      link: "/coach",
      createdAt: now,
      read: false,
    };
  }
  return null;
}

/** The document's fields: Swedish as title/body, English beside it. */
export const bilingual = (t: Bilingual<{ title: string; body: string }>) => ({ title: t.sv.title, body: t.sv.body, en: t.en });

const REQUIREMENT_WORDS_SV: Record<string, string> = {
  external_account: "ett bankkonto för utbetalningar",
  "individual.verification.document": "en id-handling",
  "individual.verification.additional_document": "ytterligare en id-handling",
  "individual.id_number": "ditt personnummer",
  "individual.dob.day": "ditt födelsedatum",
  "individual.address.line1": "din adress",
  "business_profile.url": "din webbplats eller profil i sociala medier",
  "business_profile.mcc": "din verksamhetskategori",
  "tos_acceptance.date": "att du godkänner Stripes villkor",
};

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

export function describeRequirement(code: string, lang: Lang = "en"): string {
  return (lang === "sv" ? REQUIREMENT_WORDS_SV : REQUIREMENT_WORDS)[code] ?? (lang === "sv" ? "en uppgift till" : code.replace(/[._]/g, " "));
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
  const needs = (lang: Lang) => [...new Set(due.map((code) => describeRequirement(code, lang)))].join(", ");
  return {
    id: `${uid}:onboarding:${fingerprint([...due, reason ?? ""])}`,
    uid,
    kind: "onboarding_needed",
    ...bilingual({
      sv: {
        title: "Stripe behöver fler uppgifter",
        body:
          (due.length > 0 ? `För att utbetalningarna ska fortsätta behöver Stripe ${needs("sv")}. ` : "") +
          (reason ? "Stripe har pausat kontot tills uppgifterna finns. " : "") +
          "Öppna Utbetalningar och fortsätt registreringen hos Stripe.",
      },
      en: {
        title: "Stripe needs more information",
        body:
          (due.length > 0 ? `To keep payouts going, Stripe needs ${needs("en")}. ` : "") +
          (reason ? `Stripe says: ${reason.replace(/[._]/g, " ")}. ` : "") +
          "Open Payouts and continue onboarding with Stripe.",
      },
    }),
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
    message: { subject: `Kassa: ${n.title}`, text: `${n.body}\n\n${n.en ? `In English: ${n.en.title}. ${n.en.body}\n\n` : ""}Kassa · Inner Journey` },
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
