/**
 * Kassa's own bookkeeping records, in Firestore:
 * - `accounting/{day}_{flow}_{currency}`: one voucher reservation each (the marker is its
 *   Description in Fortnox); state posting -> posted | failed.
 * - `accountingDays/{day}`: the outcome of a day (booked, nothing_to_book, failed).
 * - `settings/accounting`: the BAS mapping and voucher series.
 * - `jobs/{runId}`: one document per sync run (type accounting_sync).
 * - write-back of `fortnoxReference` onto `payments/{id}` and `payouts/{id}`.
 */
import type { AccountingFlow, BasMapping, VoucherRow } from "../domain/accounting";
import type { Currency } from "../domain/money";

export type VoucherState = "posting" | "posted" | "failed";

export interface VoucherError {
  message: string;
  /** The bookkeeping system's error code (e.g. Fortnox 2000401), when it gave one. */
  code?: number;
  kind: string;
  /** True when the POST may have happened: look up the marker before posting again. */
  ambiguous: boolean;
  at: number;
}

export interface VoucherRecord {
  id: string;
  day: string;
  flow: AccountingFlow;
  currency: Currency;
  marker: string;
  state: VoucherState;
  rows: VoucherRow[];
  /** Sum of debits (= credits), minor units. */
  totalMinor: number;
  entryCount: number;
  paymentIds: string[];
  payoutIds: string[];
  attempts: number;
  runId: string;
  /** While state is posting: until when the reserving run may still be talking to Fortnox. */
  postingUntil?: number;
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
  updatedAt: number;
}

export type DayState = "booked" | "nothing_to_book" | "failed";

export interface DayRecord {
  day: string;
  state: DayState;
  vouchers: number;
  failed: number;
  lastRunId: string;
  updatedAt: number;
}

export interface AccountingSettings {
  mapping: BasMapping;
  series: string;
  updatedAt?: number;
  updatedBy?: string;
}

export type VoucherOutcome = "posted" | "already_posted" | "recovered" | "failed" | "busy";

export interface JobVoucherOutcome {
  id: string;
  day: string;
  flow: AccountingFlow;
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
  /** running -> succeeded | partial (some vouchers failed) | failed (the run stopped). */
  state: "running" | "succeeded" | "partial" | "failed";
  days: string[];
  progress: { daysDone: number; daysTotal: number };
  counts: {
    posted: number;
    alreadyPosted: number;
    recovered: number;
    failed: number;
    busy: number;
    nothingToBook: number;
  };
  errors: { day?: string; voucherId?: string; message: string; code?: number }[];
  vouchers: JobVoucherOutcome[];
  dayOutcomes: { day: string; state: DayState | "skipped" }[];
  startedAt: number;
  finishedAt?: number;
  /** Set when the run stopped early, e.g. "Reconnect Fortnox". */
  stoppedReason?: string;
}

export type ReserveResult =
  | { outcome: "reserved"; previous: VoucherRecord | null }
  | { outcome: "posted"; record: VoucherRecord }
  | { outcome: "busy"; record: VoucherRecord };

export interface AccountingStore {
  settings(): Promise<AccountingSettings | null>;
  saveSettings(settings: AccountingSettings): Promise<void>;

  voucher(id: string): Promise<VoucherRecord | null>;
  /**
   * In one transaction: refuse if posted (returns it) or if another run holds a fresh
   * `posting` reservation (busy); otherwise write `record` (state posting) and return what was
   * there before, so the caller knows whether a POST may already have happened.
   */
  reserveVoucher(record: VoucherRecord, nowMs: number): Promise<ReserveResult>;
  updateVoucher(id: string, patch: Partial<VoucherRecord>): Promise<void>;
  vouchersOfDay(day: string): Promise<VoucherRecord[]>;

  day(day: string): Promise<DayRecord | null>;
  saveDay(record: DayRecord): Promise<void>;
  /** Day records from..to inclusive. */
  daysBetween(fromDay: string, toDay: string): Promise<DayRecord[]>;

  createJob(job: SyncJob): Promise<void>;
  updateJob(id: string, patch: Partial<SyncJob>): Promise<void>;

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
