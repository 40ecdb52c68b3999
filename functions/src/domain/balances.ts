/**
 * Balances as projections of the ledger. The per-coach document `balances/{uid}_{currency}`
 * is a running total updated with `applyEntry` in the same transaction as the entry; the
 * reconciliation job recomputes it with `balanceFromEntries` and compares.
 *
 * Exports: CoachBalance, BalanceAmounts, addAmounts, emptyCoachBalance, applyEntry,
 * balanceFromEntries, accountTotals, totalsKey.
 *
 * Sign: CoachBalance fields are what the coach is owed (held, available, inPayout) or was
 * paid (paid), i.e. -(sum of postings) on the credit-normal coach accounts. `available` may
 * be negative after a refund or lost dispute; later sales net it off.
 */
import { parseAccount } from "./ledger-accounts";
import type { LedgerEntry } from "./ledger-entries";
import type { Currency } from "./money";

export interface CoachBalance {
  coachId: string;
  currency: Currency;
  held: number;
  available: number;
  inPayout: number;
  paid: number;
}

/** The four amounts of a balance, as a change to apply (minor units, may be negative). */
export type BalanceAmounts = Pick<CoachBalance, "held" | "available" | "inPayout" | "paid">;

/** `balance` moved by `delta`, field by field. */
export const addAmounts = <B extends BalanceAmounts>(balance: B, delta: BalanceAmounts): B => ({
  ...balance,
  held: balance.held + delta.held,
  available: balance.available + delta.available,
  inPayout: balance.inPayout + delta.inPayout,
  paid: balance.paid + delta.paid,
});

export const emptyCoachBalance = (coachId: string, currency: Currency): CoachBalance => ({
  coachId,
  currency,
  held: 0,
  available: 0,
  inPayout: 0,
  paid: 0,
});

const FIELD = {
  held: "held",
  available: "available",
  in_payout: "inPayout",
  paid: "paid",
} as const;

/**
 * Returns the balance after `entry`. Entries in another currency or for other coaches leave
 * it unchanged: the document is keyed by (coach, currency), and an entry may touch several.
 */
export function applyEntry(balance: CoachBalance, entry: LedgerEntry): CoachBalance {
  if (entry.currency !== balance.currency) return balance;
  let next = balance;
  for (const p of entry.postings) {
    const acc = parseAccount(p.account);
    if (acc.kind !== "coach" || acc.coachId !== balance.coachId) continue;
    const field = FIELD[acc.bucket];
    next = { ...next, [field]: next[field] - p.amount };
  }
  return next;
}

export function balanceFromEntries(
  coachId: string,
  currency: Currency,
  entries: Iterable<LedgerEntry>,
): CoachBalance {
  let balance = emptyCoachBalance(coachId, currency);
  for (const e of entries) balance = applyEntry(balance, e);
  return balance;
}

export const totalsKey = (currency: Currency, account: string): string => `${currency}|${account}`;

/** Sum of postings (debit positive) per `${currency}|${account}`, for reconciliation and reports. */
export function accountTotals(entries: Iterable<LedgerEntry>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const e of entries) {
    for (const p of e.postings) {
      const key = totalsKey(e.currency, p.account);
      totals.set(key, (totals.get(key) ?? 0) + p.amount);
    }
  }
  return totals;
}
