/** `reconciliation/{coachId}_{currency}`: the latest comparison of ledger and Stripe per coach. */
import type { Currency } from "../domain/money";

export interface ReconciliationFlag {
  id: string;
  coachId: string;
  currency: Currency;
  stripeAccountId: string;
  ledger: { held: number; available: number; inPayout: number };
  stripe: { available: number; pending: number };
  /** Stripe minus ledger: available vs available, pending vs held, and their sum. */
  difference: { available: number; pending: number; total: number };
  /** True when the totals agree (a release still on its way only shifts pending/available). */
  ok: boolean;
  checkedAt: number;
}

export interface ReconciliationStore {
  save(flag: ReconciliationFlag): Promise<void>;
}
