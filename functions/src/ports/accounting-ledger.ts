/**
 * What the Fortnox sync reads of the ledger (`ledger/{entryId}`).
 *
 * Finding "not yet booked" without ever touching an entry: every entry carries `recordedAt`,
 * the commit time of the transaction that created it (Firestore's server timestamp, written by
 * the money store). The sync keeps a watermark W and each run reads the entries recorded in
 * (W, cutoff], then moves W to cutoff. Why this cannot miss an entry:
 * - a commit timestamp is assigned when the transaction commits, not when it starts, so a
 *   transaction that began before a run and commits during it is stamped after that run's
 *   cutoff and is read by the next run;
 * - Firestore queries are strongly consistent: a query sees every commit whose timestamp is
 *   before the moment it runs; the cutoff stays settleMs behind the clock of the machine that
 *   stamps recordedAt, which covers any difference between that clock and this one;
 * - entries of a business day that has not ended are read but not booked yet, and the
 *   watermark stops just before the first of them, so the next run reads them again.
 * Reading an entry twice is harmless: the booking markers (accounting-store.ts) decide.
 */
import type { LedgerEntry } from "../domain/ledger-entries";

export interface RecordedEntry {
  entry: LedgerEntry;
  /** Epoch ms of the commit that created it; null for entries from before recordedAt existed. */
  recordedAtMs: number | null;
}

export interface AccountingLedger {
  /** Entries with afterMs < recordedAt <= throughMs, every page read. */
  entriesRecordedBetween(afterMs: number, throughMs: number): Promise<RecordedEntry[]>;
  /** The whole ledger, once, for the first run (no watermark yet; older entries have no recordedAt). */
  allEntries(): Promise<RecordedEntry[]>;
  /** The entries of one Stockholm business day (the `day` field), for the day view. */
  entriesOfDay(day: string): Promise<LedgerEntry[]>;
}
