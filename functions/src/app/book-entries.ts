/**
 * Books ledger entries inside a money transaction: creates each entry and moves every
 * touched coach balance by exactly that entry, so balances stay the sum of their entries.
 */
import { applyEntry, type CoachBalance } from "../domain/balances";
import { parseAccount } from "../domain/ledger-accounts";
import type { LedgerEntry } from "../domain/ledger-entries";
import type { MoneyTx } from "../ports/money-store";

export async function bookEntries(tx: MoneyTx, entries: readonly (LedgerEntry | null)[]): Promise<LedgerEntry[]> {
  const booked = entries.filter((e): e is LedgerEntry => e !== null);
  const balances = new Map<string, CoachBalance>();
  for (const entry of booked) {
    for (const p of entry.postings) {
      const acc = parseAccount(p.account);
      if (acc.kind !== "coach") continue;
      const key = `${acc.coachId}|${entry.currency}`;
      if (!balances.has(key)) balances.set(key, await tx.getBalance(acc.coachId, entry.currency));
    }
  }
  for (const entry of booked) {
    tx.createEntry(entry);
    for (const [key, balance] of balances) {
      if (key.endsWith(`|${entry.currency}`)) balances.set(key, applyEntry(balance, entry));
    }
  }
  for (const balance of balances.values()) tx.setBalance(balance);
  return booked;
}
