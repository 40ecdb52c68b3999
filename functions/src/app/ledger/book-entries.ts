/**
 * Books ledger entries inside a money transaction: creates each entry and moves every
 * touched coach balance by exactly those entries, so balances stay the sum of their entries.
 * The move is an increment: booking never reads the balance (a sale costs one read, the
 * payment's, and a use case that must decide on the balance reads it itself).
 * The revenue rollups move in the same transaction, for the same reason: an entry is counted
 * exactly when it exists (ports/money-store.ts, domain/rollups.ts).
 */
import { balanceFromEntries } from "../../domain/balances";
import { parseAccount } from "../../domain/ledger-accounts";
import type { LedgerEntry } from "../../domain/ledger-entries";
import type { Currency } from "../../domain/money";
import { rollupDeltas } from "../../domain/rollups";
import type { MoneyTx } from "../../ports/money-store";

export async function bookEntries(tx: MoneyTx, entries: readonly (LedgerEntry | null)[]): Promise<LedgerEntry[]> {
  const booked = entries.filter((e): e is LedgerEntry => e !== null);
  const touched = new Map<string, { coachId: string; currency: Currency }>();
  for (const entry of booked) {
    tx.createEntry(entry);
    for (const p of entry.postings) {
      const acc = parseAccount(p.account);
      if (acc.kind === "coach") touched.set(`${acc.coachId}|${entry.currency}`, { coachId: acc.coachId, currency: entry.currency });
    }
  }
  for (const { coachId, currency } of touched.values()) {
    // The entries' effect on an empty balance is exactly the change they make to any balance.
    const { held, available, inPayout, paid } = balanceFromEntries(coachId, currency, booked);
    tx.addToBalance(coachId, currency, { held, available, inPayout, paid });
  }
  if (booked.length > 0) tx.addToRollups(rollupDeltas(booked));
  return booked;
}
