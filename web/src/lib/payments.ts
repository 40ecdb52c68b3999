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
}

export const STATUS_LABEL: Record<string, string> = {
  pending: "Pending",
  succeeded: "Paid",
  failed: "Failed",
  refunded: "Refunded",
  partially_refunded: "Partly refunded",
  disputed: "Disputed",
};

export const formatDate = (ms: number | null | undefined): string =>
  ms ? new Date(ms).toLocaleDateString("sv-SE", { year: "numeric", month: "short", day: "numeric" }) : "—";

export const formatDateTime = (ms: number | null | undefined): string =>
  ms ? new Date(ms).toLocaleString("sv-SE", { dateStyle: "medium", timeStyle: "short" }) : "—";
