/**
 * Tells the coach what an admin decided on their payout request: approved (it is sent next)
 * or rejected, with the admin's reason. Written by the same payout trigger as paid/failed, so
 * the decision use cases stay unaware of notifications. Ids come from the decision (payout and
 * status), so a trigger that runs twice writes one notification.
 */
import type { CoachNotification } from "../../ports/notification-store";
import type { PayoutView } from "./notify";

/** Kronor as a Swede and an English reader write them: "1 000,50 kr" / "SEK 1,000.50". */
function money(lang: "sv" | "en", amount: number, currency: string): string {
  const locale = lang === "sv" ? "sv-SE" : "en-GB";
  return new Intl.NumberFormat(locale, { style: "currency", currency: currency.toUpperCase(), currencyDisplay: lang === "sv" ? "symbol" : "code" })
    .format(amount / 100)
    .replace(/\u00a0/g, " ");
}

/** A notification when a requested payout was approved or rejected; null for any other change. */
export function payoutDecisionNotification(before: PayoutView | null, after: PayoutView, now: number): CoachNotification | null {
  if (before?.status !== "requested" || after.status === "requested") return null;
  const sv = money("sv", after.amount, after.currency);
  const en = money("en", after.amount, after.currency);
  // A second admin's approval can take the payout straight on to sending: still "approved" to the coach.
  const approved = after.status === "approved" || after.status === "sending" || after.status === "processing";
  if (approved) {
    const n = {
      id: `${after.id}:approved`,
      uid: after.coachId,
      kind: "payout_approved" as const,
      title: `Din utbetalning på ${sv} är godkänd`,
      body: `En administratör har godkänt din begäran. ${sv} skickas nu till ditt bankkonto via Stripe; du får ett meddelande när den är utbetald.`,
      en: { title: `Your payout of ${en} is approved`, body: `An admin approved your request. ${en} is now being sent to your bank account through Stripe; you will hear when it is paid.` },
      link: "/coach",
      createdAt: now,
      read: false,
    };
    return n;
  }
  if (after.status === "rejected") {
    const given = after.failureReason?.trim() || null;
    const reason = given && !/[.!?]$/.test(given) ? `${given}.` : given;
    const n = {
      id: `${after.id}:rejected`,
      uid: after.coachId,
      kind: "payout_rejected" as const,
      title: `Din begäran om ${sv} avslogs`,
      body: `${reason ? `Skäl: ${reason}` : "En administratör avslog begäran."} Pengarna finns kvar i ditt tillgängliga saldo och kommer med i en senare utbetalning, eller så kan du begära igen.`,
      en: {
        title: `Your request for ${en} was rejected`,
        body: `${reason ? `Reason: ${reason}` : "An admin rejected the request."} The money stays in your available balance for a later payout, or you can request again.`,
      },
      link: "/coach",
      createdAt: now,
      read: false,
    };
    return n;
  }
  return null;
}
