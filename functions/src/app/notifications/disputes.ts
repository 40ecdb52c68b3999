/**
 * Tells the coach when a sale of theirs is disputed and how the dispute ended. Stripe takes the
 * coach's share back from their account when a dispute opens and returns it only if the
 * platform wins, so the coach's balance drops with no sale refunded: without a word, that looks
 * like money gone missing. Written by a trigger on `payments/{id}` (the dispute use case stays
 * unaware of notifications), with ids from the payment and the event, so a retried trigger
 * notifies once.
 */
import { moneyIn, type Lang } from "../../domain/people-words";
import type { CoachNotification } from "../../ports/notification-store";
import { bilingual } from "./notify";

export interface DisputedPaymentView {
  id: string;
  coachId: string | null;
  status: string;
  amount: number;
  currency: string;
  description?: string | null;
  disputeOutcome?: "won" | "lost";
  /** Epoch ms by which Stripe must have the evidence. */
  disputeDueBy?: number;
  /** What Stripe took back from the coach per dispute, in the charge's currency. */
  disputeTransfers?: { coachAmount?: number }[];
}

/** True for the change that made the payment disputed (the admins' alert goes with it, coach or not). */
export const becameDisputed = (before: Pick<DisputedPaymentView, "status"> | null, after: Pick<DisputedPaymentView, "status">): boolean =>
  after.status === "disputed" && before?.status !== "disputed";

/** A notification when a coach's sale became disputed or its dispute closed; null otherwise. */
export function disputeNotification(before: DisputedPaymentView | null, after: DisputedPaymentView, now: number): CoachNotification | null {
  if (!after.coachId) return null; // a subscription: no coach's share at stake
  const sale = (lang: Lang) => moneyIn(lang, after.amount, after.currency);
  const what = after.description ? ` (${after.description})` : "";
  const taken = (after.disputeTransfers ?? []).reduce((s, t) => s + (t.coachAmount ?? 0), 0);
  const share = (lang: Lang) => (taken > 0 ? moneyIn(lang, taken, after.currency) : null);
  const base = { uid: after.coachId, link: "/coach/sales", createdAt: now, read: false };

  if (after.disputeOutcome && before?.disputeOutcome !== after.disputeOutcome) {
    const won = after.disputeOutcome === "won";
    return {
      ...base,
      id: `${after.id}:dispute_${after.disputeOutcome}`,
      kind: won ? "dispute_won" : "dispute_lost",
      ...bilingual(
        won
          ? {
              sv: { title: `Tvisten om köpet på ${sale("sv")} är vunnen`, body: `Kortutgivaren gav plattformen rätt i tvisten om köpet${what}. ${share("sv") ? `Din del, ${share("sv")}, är` : "Din del är"} tillbaka på ditt saldo och kommer med i nästa utbetalning.` },
              en: { title: `The dispute over the ${sale("en")} sale is won`, body: `The card issuer decided the dispute over the sale${what} for the platform. ${share("en") ? `Your share, ${share("en")}, is` : "Your share is"} back in your balance and goes with your next payout.` },
            }
          : {
              sv: { title: `Tvisten om köpet på ${sale("sv")} förlorades`, body: `Kortutgivaren gav kunden rätt i tvisten om köpet${what}: kunden har fått tillbaka pengarna, och ${share("sv") ? `din del, ${share("sv")},` : "din del"} kommer inte tillbaka.` },
              en: { title: `The dispute over the ${sale("en")} sale was lost`, body: `The card issuer decided the dispute over the sale${what} for the customer: they have their money back, and ${share("en") ? `your share, ${share("en")},` : "your share"} does not come back.` },
            },
      ),
    };
  }
  if (becameDisputed(before, after)) {
    return {
      ...base,
      id: `${after.id}:dispute_opened`,
      kind: "dispute_opened",
      ...bilingual({
        sv: {
          title: `En kund har bestridit ett köp på ${sale("sv")}`,
          body: `Kunden har bestridit köpet${what} hos sin kortutgivare. ${share("sv") ? `Din del, ${share("sv")}, har` : "Din del har"} dragits tillbaka medan tvisten pågår; plattformen svarar kortutgivaren, och vinner den får du tillbaka pengarna. Du får besked när tvisten är avgjord.`,
        },
        en: {
          title: `A customer disputed a ${sale("en")} sale`,
          body: `The customer disputed the sale${what} with their card issuer. ${share("en") ? `Your share, ${share("en")}, has` : "Your share has"} been taken back while the dispute lasts; the platform answers the card issuer, and if it wins you get the money back. You will hear when the dispute is decided.`,
        },
      }),
    };
  }
  return null;
}
