import type { LedgerEntry } from "../domain/ledger-entries";

/** Read side of the ledger for bookkeeping: entries by their Stockholm day (`day` field). */
export interface LedgerReader {
  entriesOfDay(day: string): Promise<LedgerEntry[]>;
  /** The earliest day that has an entry, or null for an empty ledger. */
  earliestDay(): Promise<string | null>;
}
