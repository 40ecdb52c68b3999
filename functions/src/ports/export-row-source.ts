/**
 * Rows of a CSV export, page by page: each page is one indexed range query continued after
 * the previous page's last document (orderBy + startAfter), never an offset, so page N costs
 * as much as page 1 and a year of payments is read once. `after` is opaque to the caller.
 */
import type { DatedEntry, PaymentExportRow, PayoutExportRow } from "./report-store";

export type CsvExportKind = "payments" | "payouts" | "ledger";

export interface ExportRange {
  /** Instants [fromMs, toMs) of the Stockholm days fromDay..toDay. */
  fromMs: number;
  toMs: number;
  fromDay: string;
  toDay: string;
  /** Only this coach's payments or payouts; null for all (admins). */
  coachId: string | null;
}

export interface RowPage<R> {
  rows: R[];
  /** Where the next page starts; null when this page was the last. */
  after: string | null;
}

export interface ExportRowSource {
  /** How many records the range holds (an aggregation count, not a read of every document). */
  count(kind: CsvExportKind, range: ExportRange): Promise<number>;
  payments(range: ExportRange, after: string | null, limit: number): Promise<RowPage<PaymentExportRow>>;
  payouts(range: ExportRange, after: string | null, limit: number): Promise<RowPage<PayoutExportRow>>;
  ledger(range: ExportRange, after: string | null, limit: number): Promise<RowPage<DatedEntry>>;
}
