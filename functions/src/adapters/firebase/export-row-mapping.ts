/**
 * How a payments / payouts document becomes an export row: one mapping for the one-shot report
 * store and the streaming export source, so the two files agree column for column.
 */
import type { DocumentData } from "firebase-admin/firestore";
import type { PaymentExportRow, PayoutExportRow } from "../../ports/report-store";

export const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
export const int = (v: unknown): number => (typeof v === "number" && Number.isSafeInteger(v) ? v : 0);

interface Doc {
  id: string;
  data(): DocumentData;
}

export function paymentRow(d: Doc): PaymentExportRow {
  const p = d.data();
  return {
    id: d.id,
    date: int(p["date"]),
    kind: str(p["kind"]) ?? "",
    status: str(p["status"]) ?? "",
    userId: str(p["userId"]) ?? "",
    coachId: str(p["coachId"]),
    programId: str(p["programId"]),
    currency: str(p["currency"]) ?? "",
    amount: int(p["amount"]),
    feeAmount: int(p["feeAmount"]),
    coachAmount: int(p["coachAmount"]),
    stripeFee: typeof p["stripeFee"] === "number" ? int(p["stripeFee"]) : null,
    refundedAmount: int(p["refundedAmount"]),
  };
}

export function payoutRow(d: Doc): PayoutExportRow {
  const p = d.data();
  return {
    id: d.id,
    date: int(p["date"]),
    coachId: str(p["coachId"]) ?? "",
    status: str(p["status"]) ?? "",
    trigger: str(p["trigger"]) ?? "",
    currency: str(p["currency"]) ?? "",
    amount: int(p["amount"]),
    stripePayoutId: str(p["stripePayoutId"]),
    failureReason: str(p["failureReason"]),
  };
}
