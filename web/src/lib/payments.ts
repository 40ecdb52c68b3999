import { i18n } from "../i18n";
import { intlLocale } from "../i18n/locale";
/** The payments document as the web app reads it (written by functions only). */
export interface PaymentDoc {
  id: string;
  kind: "program" | "subscription";
  userId: string | null;
  coachId: string | null;
  programId: string | null;
  description: string | null;
  amount: number;
  currency: string;
  date: number;
  status: string;
  feeAmount: number;
  coachAmount: number;
  stripeFee: number;
  refundedAmount: number;
  availableOn: number | null;
  failureReason?: string | null;
  /** While disputed: by when Stripe must have the evidence (epoch ms). */
  disputeDueBy?: number;
  /** Set when Stripe converted the sale: what landed, in the platform's and coach's currency. */
  settlement?: { currency: string; gross: number; fee: number; coach: number; exchangeRate: number };
}

/**
 * The coach's share as their Stripe account holds it: a converted sale (49,90 € on a Swedish
 * account) is shown in the SEK Stripe credited, which is what the balance and payouts count.
 */
export const coachShare = (p: PaymentDoc): { amount: number; currency: string } =>
  p.settlement
    ? { amount: p.settlement.coach, currency: p.settlement.currency }
    : { amount: p.coachAmount, currency: p.currency };

/** Status names in the active language; an unknown status shows as it is. */
export const STATUS_LABEL: Record<string, string> = new Proxy({} as Record<string, string>, {
  get: (_, status) => (typeof status === "string" && i18n.exists(`status.${status}`) ? i18n.t(`status.${status}`) : undefined),
});

export const formatDate = (ms: number | null | undefined): string =>
  ms ? new Date(ms).toLocaleDateString(intlLocale(), { year: "numeric", month: "short", day: "numeric" }) : "—";

export const formatDateTime = (ms: number | null | undefined): string =>
  ms ? new Date(ms).toLocaleString(intlLocale(), { dateStyle: "medium", timeStyle: "short" }) : "—";
