/**
 * `booksReconciliations/{day}_{currency}`: the three-way reconciliation of a day (ledger,
 * Fortnox, Stripe) per BAS account, plus the balance checks, as the accountant's page shows
 * it. `coachLiabilities` reads the coaches and their running balances (read-only).
 */
import type { Currency } from "../domain/money";

/** ok: compared and equal; difference: compared and not equal; not_checked: a side could not be read, or has no counterpart. */
export type CheckState = "ok" | "difference" | "not_checked";

/** One BAS account's movement on the day: debit positive, minor units of the record's currency. */
export interface BasAccountRow {
  account: number;
  ledger: number;
  /** null when Fortnox was not read. */
  fortnox: number | null;
  /** null when Stripe has no figure for this account (revenue, VAT, bank) or was not read. */
  stripe: number | null;
  /** The ledger in Stripe's terms where that differs from `ledger` (1580 without dispute claims, 2890 without money in payout). */
  ledgerForStripe: number | null;
  /** What the Stripe figure is, for the reader. */
  stripeBasis: string | null;
  fortnoxDifference: number | null;
  stripeDifference: number | null;
  state: CheckState;
}

export interface CoachLiabilityLine {
  coachId: string;
  stripeAccountId: string | null;
  /** held + available + in_payout at the end of the day, per Kassa's running balance. */
  ledger: number;
  inPayout: number;
  /** Stripe's available + pending at the end of the day plus the coach's payouts still on their way; null without an account. */
  stripe: number | null;
  difference: number | null;
  state: CheckState;
  note: string | null;
}

export interface BalanceCheck {
  id: "coach_liabilities" | "platform_balance";
  label: string;
  ledger: number;
  stripe: number | null;
  /** Money on its way to a bank that Stripe has taken out of the balance but the ledger not yet. */
  inTransit: number;
  difference: number | null;
  state: CheckState;
  note: string | null;
}

export interface SourceState {
  state: "read" | "failed";
  error: string | null;
}

export interface DayReconciliation {
  id: string;
  day: string;
  currency: Currency;
  rows: BasAccountRow[];
  checks: BalanceCheck[];
  coaches: CoachLiabilityLine[];
  sources: { ledger: SourceState & { entries: number }; fortnox: SourceState & { vouchers: number }; stripe: SourceState & { accounts: number; transactions: number } };
  /** ok only when every check ran and agreed; incomplete when one could not run and none disagreed. */
  state: "ok" | "difference" | "incomplete";
  differences: number;
  checkedAt: number;
  runBy: string;
}

export interface CoachLiability {
  coachId: string;
  stripeAccountId: string | null;
  currency: Currency;
  held: number;
  available: number;
  inPayout: number;
}

export interface BooksReconciliationStore {
  save(record: DayReconciliation): Promise<void>;
  get(day: string, currency: Currency): Promise<DayReconciliation | null>;
  /** The newest records first (by day), at most `limit`. */
  latest(limit: number): Promise<DayReconciliation[]>;
}

export interface CoachLiabilityReader {
  /** Every coach balance (`balances/`), and coaches with a Stripe account but no balance yet (amounts 0). */
  coachLiabilities(): Promise<CoachLiability[]>;
}
