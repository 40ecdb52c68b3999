/**
 * Kassa's own bookkeeping records in Firestore. The shape here is what the reconciliation, the
 * SIE export and the payout statements read; keep it stable.
 *
 * - `accounting/{voucherId}` (VoucherRecord): one voucher, `2026-11-22_refunds_sek` for a
 *   day's first voucher of a flow and currency, `2026-11-22_late_sek_2` (marker
 *   `KASSA 2026-11-22 late SEK #2`) for a supplementary one, which holds late entries of
 *   every flow of that day and currency (records from before that, `..._refunds_sek_2`, stay
 *   valid and count in the day's numbering). Its rows and its entries are
 *   fixed when it is planned and never change; posting only adds the Fortnox number.
 *   state: planned -> ready -> posting -> posted, or failed (retried every run) until posted or
 *   booked_by_hand (the accountant posted it in Fortnox; never retried); empty when its
 *   entries net to zero per BAS account (hold releases) and nothing goes to Fortnox.
 *   "Booked" means posted, booked_by_hand or empty; every entry is in exactly one voucher.
 * - `accounting/{voucherId}/entries/{chunk}` (SpecChunk): the voucher's entries with their
 *   Stripe ids, SPEC_CHUNK_SIZE lines per document (~250 bytes a line, ~125 KB a document,
 *   far from Firestore's 1 MiB), so a voucher of any size fits. Cost: one extra write per 500
 *   entries when planning, one read per 500 when a specification is opened.
 * - `accountingBookings/{entryId}` (BookingMarker): which voucher holds the entry. One write
 *   per entry; the sync reads the markers of the entries it sees, so an entry read twice is
 *   never planned twice. Entries themselves are immutable and never marked.
 * - `accountingCursor/ledger`: the recordedAt watermark (see accounting-ledger.ts).
 * - `settings/accounting`: the BAS mapping and voucher series.
 * - `jobs/{runId}`: one document per sync run (type accounting_sync).
 * - write-back of `fortnoxReference` / `fortnoxVouchers` onto `payments/{id}` and `payouts/{id}`.
 */
import type { AccountingFlow, VoucherRow } from "../domain/accounting";
import type { BasMapping } from "../domain/accounting-mapping";
import type { SpecLine, VoucherFlow } from "../domain/accounting-vouchers";
import type { Currency } from "../domain/money";

export type VoucherState = "planned" | "ready" | "posting" | "posted" | "failed" | "booked_by_hand" | "empty";

/** States in which a voucher's entries count as booked. */
export const BOOKED_STATES: readonly VoucherState[] = ["posted", "booked_by_hand", "empty"];
/** States the sync posts (or retries). */
export const TO_POST_STATES: readonly VoucherState[] = ["ready", "posting", "failed"];

export const SPEC_CHUNK_SIZE = 500;

export interface VoucherError {
  message: string;
  /** The bookkeeping system's error code (e.g. Fortnox 2000401), when it gave one. */
  code?: number;
  kind: string;
  /** True when the POST may have happened: look up the marker before posting again. */
  ambiguous: boolean;
  at: number;
}

export interface BookedByHand {
  by: string;
  at: number;
  /** The Fortnox voucher number the accountant booked it as, e.g. "A-123". */
  voucherNumber: string;
  note?: string;
}

export interface VoucherRecord {
  id: string;
  /** Business day (Europe/Stockholm) of every entry the voucher holds. */
  day: string;
  /** The flow of a day's first voucher, or `late` for a supplementary one (entries of any flow). */
  flow: VoucherFlow;
  currency: Currency;
  /** 1 for the first voucher of (day, flow, currency), 2.. for supplementary ones, per (day, currency). */
  sequence: number;
  /** Fortnox Description: `KASSA {day} {flow} {CURRENCY}` or `KASSA {day} late {CURRENCY} #n`. */
  marker: string;
  state: VoucherState;
  rows: VoucherRow[];
  /** Sum of debits (= credits), minor units. */
  totalMinor: number;
  /** Output VAT booked (sum of the entries' own VAT), minor units. */
  vatMinor: number;
  /** Net exchange difference, debit positive (loss). */
  fxMinor: number;
  entryCount: number;
  /** Number of `entries/{chunk}` documents (chunks 0..chunkCount-1). */
  chunkCount: number;
  plannedAt: number;
  plannedByRun: string;
  attempts: number;
  /** Run that last reserved it. */
  runId: string;
  /** While state is posting: until when the reserving run may still be talking to Fortnox. */
  postingUntil?: number;
  /** Every TransactionDate a POST was attempted with: where the marker is looked up. */
  attemptedDates: string[];
  /** The date it was posted with (its business day, or the first open day when that was locked). */
  transactionDate?: string;
  /** Set when the business day was locked: the voucher went to the first open period. */
  movedFromLockedPeriod?: boolean;
  financialYearId?: number;
  series?: string;
  number?: number;
  /** The fiscal year's calendar year, for the human-readable reference. */
  year?: number;
  /** "A-12 (2026)", also written to payments and payouts. */
  reference?: string;
  postedAt?: number;
  /** true once fortnoxReference is on every payment and payout the voucher covers. */
  referencesWritten?: boolean;
  error?: VoucherError | null;
  /** When the accountants were alerted that it cannot be posted (once per voucher). */
  alertedAt?: number;
  bookedByHand?: BookedByHand;
  updatedAt: number;
}

export interface SpecChunk {
  index: number;
  lines: SpecLine[];
}

export interface BookingMarker {
  entryId: string;
  voucherId: string;
  day: string;
  /** The entry's own flow (a supplementary voucher holds several). */
  flow: AccountingFlow;
  currency: Currency;
  at: number;
}

export interface AccountingSettings {
  mapping: BasMapping;
  series: string;
  updatedAt?: number;
  updatedBy?: string;
}

/**
 * One saved change of the mapping or series, `accountingMappingAudit/{id}`: written by the
 * server in the same transaction as the settings it describes, never by a client, never
 * changed; the accountant and admins read it on the bookkeeping page.
 */
export interface MappingChange {
  at: number;
  by: string;
  /** The signed-in person's email when the token had one, so the page names a person. */
  byEmail: string | null;
  byRole: string | null;
  /** Field by field: a mapping field (clearing, vatBps, ...) or "series", old and new value. */
  changes: { field: string; from: number | string | null; to: number | string }[];
}

export type VoucherOutcome = "posted" | "recovered" | "failed" | "busy" | "deferred";

export interface JobVoucherOutcome {
  id: string;
  day: string;
  flow: VoucherFlow;
  currency: Currency;
  outcome: VoucherOutcome;
  reference?: string;
  totalMinor: number;
  error?: { message: string; code?: number };
}

export interface SyncJob {
  id: string;
  type: "accounting_sync";
  trigger: "schedule" | "manual";
  requestedBy?: string;
  /** running -> succeeded | partial (some voucher not posted) | failed (the run stopped). */
  state: "running" | "succeeded" | "partial" | "failed";
  /** Business days of the vouchers this run planned or posted. */
  days: string[];
  progress: { vouchersDone: number; vouchersTotal: number };
  counts: {
    /** Entries newly put into vouchers by this run. */
    entriesPlanned: number;
    vouchersPlanned: number;
    empty: number;
    posted: number;
    recovered: number;
    failed: number;
    busy: number;
    /** Left for the next run because this one ran out of time. */
    deferred: number;
    /**
     * Late entries left collecting for their day's next supplementary voucher (a day and
     * currency gets a new voucher at most every lateEntryWaitNights nights).
     */
    waiting?: number;
  };
  errors: { day?: string; voucherId?: string; message: string; code?: number }[];
  /** The first MAX_JOB_VOUCHERS outcomes (the counts have them all). */
  vouchers: JobVoucherOutcome[];
  startedAt: number;
  finishedAt?: number;
  /** Set when the run stopped early, e.g. "Reconnect Fortnox". */
  stoppedReason?: string;
}

export type ReserveResult =
  | { outcome: "reserved"; previous: VoucherRecord }
  | { outcome: "done"; record: VoucherRecord }
  | { outcome: "busy"; record: VoucherRecord };

export interface AccountingStore {
  settings(): Promise<AccountingSettings | null>;
  /** Saves the settings and, when given, their change record in one transaction. */
  saveSettings(settings: AccountingSettings, change?: MappingChange): Promise<void>;
  /** The newest mapping changes first. */
  mappingChanges(limit: number): Promise<MappingChange[]>;

  /**
   * One sync at a time: takes `accountingCursor/lease` for runId until untilMs unless another
   * run holds it unexpired. Planning relies on it (two planners would number the same
   * supplementary voucher twice).
   */
  acquireRunLease(runId: string, untilMs: number, nowMs: number): Promise<{ acquired: true } | { acquired: false; heldBy: string }>;
  releaseRunLease(runId: string): Promise<void>;

  cursor(): Promise<number | null>;
  saveCursor(recordedThroughMs: number, runId: string): Promise<void>;

  /** The voucher ids holding these entries (entries without a marker are absent). */
  bookingsOf(entryIds: string[]): Promise<Map<string, string>>;
  /**
   * Writes the record (state planned) and its spec chunks. Then writeBookings and markReady.
   * A crash in between leaves a planned voucher that completePlanned finishes. Refuses
   * (throws) when a voucher with this id exists beyond state planned: vouchers never change.
   */
  planVoucher(record: VoucherRecord, chunks: SpecChunk[]): Promise<void>;
  writeBookings(markers: BookingMarker[]): Promise<void>;
  vouchersInState(states: readonly VoucherState[]): Promise<VoucherRecord[]>;
  voucher(id: string): Promise<VoucherRecord | null>;
  specChunks(id: string, chunkCount: number): Promise<SpecChunk[]>;
  vouchersOfDay(day: string): Promise<VoucherRecord[]>;

  /**
   * In one transaction: refuse if the voucher is booked (done) or another run holds a fresh
   * `posting` reservation (busy); otherwise apply `patch` (state posting) and return what was
   * there before, so the caller knows whether a POST may already have happened.
   */
  reserveVoucher(id: string, patch: Partial<VoucherRecord>, runId: string, nowMs: number): Promise<ReserveResult>;
  updateVoucher(id: string, patch: Partial<VoucherRecord>): Promise<void>;
  /**
   * In one transaction: sets booked_by_hand unless the voucher is booked or being posted
   * right now; returns the record before and after, or why not.
   */
  markBookedByHand(id: string, byHand: BookedByHand, nowMs: number): Promise<
    { outcome: "marked"; record: VoucherRecord } | { outcome: "refused"; record: VoucherRecord | null; reason: string }
  >;

  createJob(job: SyncJob): Promise<void>;
  updateJob(id: string, patch: Partial<SyncJob>): Promise<void>;

  /** uids of users whose role is accountant: they are told about vouchers that cannot be posted. */
  accountantIds(): Promise<string[]>;

  /**
   * Puts `reference` on the payments and payouts that exist (others are skipped): as
   * fortnoxReference when `primary` or when the document has none yet, and always into its
   * fortnoxVouchers list. Returns how many documents were written.
   */
  writeReferences(input: {
    paymentIds: string[];
    payoutIds: string[];
    reference: string;
    voucherId: string;
    primary: { payments: boolean; payouts: boolean };
  }): Promise<{ written: number; skipped: number }>;
}

/** Why a voucher in this state cannot be marked (null: it can). Both store adapters check it inside their transaction. */
export function bookedByHandRefusal(record: VoucherRecord, nowMs: number): string | null {
  if (record.state === "posted") return `${record.marker} is already posted in Fortnox as ${record.reference ?? "a voucher"}; it cannot be booked by hand too.`;
  if (record.state === "booked_by_hand") return `${record.marker} was already marked booked by hand as ${record.bookedByHand?.voucherNumber ?? "?"}.`;
  if (record.state === "empty") return `${record.marker} has nothing to post to Fortnox.`;
  if (record.state === "posting" && (record.postingUntil ?? 0) > nowMs) return `${record.marker} is being posted right now; try again in a few minutes.`;
  if (record.state === "planned") return `${record.marker} is still being planned; try again in a few minutes.`;
  return null;
}
