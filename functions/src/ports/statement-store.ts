/**
 * `statements/{payoutId}` (one per paid payout) and `statementCounters/{year}` (the last
 * number of the year's series), and the payout records a statement is made from (read-only).
 */
import type { PayoutStatement } from "../domain/statements/payout-statement";
import type { PaymentRecord } from "./money-store";
import type { PayoutRecord } from "./payout-store";

export interface StatementStore {
  get(payoutId: string): Promise<PayoutStatement | null>;
  /**
   * In one transaction: the payout's statement if it exists (created false); otherwise the
   * year's counter moves by one and make(that number) is written with it (created true). Both
   * or neither, so a number is never skipped and never given twice.
   */
  issue(payoutId: string, year: number, make: (sequence: number) => PayoutStatement): Promise<{ statement: PayoutStatement; created: boolean }>;
  /** The coach's statements, newest first. */
  forCoach(coachId: string, limit: number): Promise<PayoutStatement[]>;
}

export interface StatementSources {
  payout(id: string): Promise<PayoutRecord | null>;
  payments(ids: readonly string[]): Promise<PaymentRecord[]>;
}

/** The statement as a PDF file. */
export interface StatementPdfRenderer {
  render(statement: PayoutStatement): Promise<Uint8Array>;
}
