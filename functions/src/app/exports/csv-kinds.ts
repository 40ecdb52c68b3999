/**
 * CSV exports as streams of text chunks: one chunk per page of the row source, formatted by
 * the same functions as the one-shot exports (app/reports/csv.ts: exact decimal amounts, and
 * cells starting = + - @ TAB or CR neutralised against spreadsheet formulas). The header line
 * comes once, with the first chunk, and also when the period holds no rows at all. The file
 * starts with a UTF-8 BOM, as the web app's one-shot downloads do, so Excel reads å, ä, ö.
 */
import { type CsvFormat, ledgerCsv, paymentsCsv, payoutsCsv } from "../reports/csv";
import { idsOfLedger, idsOfPayments, idsOfPayouts, NameCache, NO_NAMES, type Names } from "../reports/names";
import type { NameBook } from "../../ports/name-book";
import type { CsvExportKind, ExportRange, ExportRowSource, RowPage } from "../../ports/export-row-source";

export const BOM = "\ufeff";

export const CSV_EXPORT_KINDS: readonly CsvExportKind[] = ["payments", "payouts", "ledger"];

export const isCsvExportKind = (k: string): k is CsvExportKind => (CSV_EXPORT_KINDS as readonly string[]).includes(k);

export interface ExportChunk {
  text: string;
  /** Data lines in `text` (header not counted). */
  lines: number;
  /** Source records the chunk came from. */
  records: number;
}

/** The text of `format(rows)` without its header line, unless this is the file's first chunk. */
function body(csv: string, withHeader: boolean): string {
  if (withHeader) return BOM + csv;
  // The header holds no quoted line breaks, so the first CRLF ends it.
  return csv.slice(csv.indexOf("\r\n") + 2);
}

async function* paged<R>(
  read: (after: string | null) => Promise<RowPage<R>>,
  format: (rows: R[]) => string | Promise<string>,
  linesOf: (rows: R[]) => number,
): AsyncGenerator<ExportChunk> {
  let after: string | null = null;
  let first = true;
  do {
    const page: RowPage<R> = await read(after);
    if (page.rows.length > 0 || first) {
      yield { text: body(await format(page.rows), first), lines: linesOf(page.rows), records: page.rows.length };
    }
    first = false;
    after = page.after;
  } while (after !== null);
}

export function csvChunks(
  source: ExportRowSource,
  kind: CsvExportKind,
  range: ExportRange,
  pageSize: number,
  format: CsvFormat = "standard",
  book?: NameBook,
  /** False for a coach's own export: their customers stay ids (see idsOfPayments). */
  customerNames = true,
): AsyncGenerator<ExportChunk> {
  const count = (rows: readonly unknown[]) => rows.length;
  // One cache for the whole file: each page looks up only the ids earlier pages did not have.
  const cache = book ? new NameCache(book) : null;
  const names = async (ids: Parameters<NameCache["learn"]>[0]): Promise<Names> => (cache ? cache.learn(ids) : NO_NAMES);
  if (kind === "payments") return paged((a) => source.payments(range, a, pageSize), async (rows) => paymentsCsv(rows, format, await names(idsOfPayments(rows, customerNames))), count);
  if (kind === "payouts") return paged((a) => source.payouts(range, a, pageSize), async (rows) => payoutsCsv(rows, format, await names(idsOfPayouts(rows))), count);
  return paged(
    (a) => source.ledger(range, a, pageSize),
    async (entries) => ledgerCsv(entries, format, await names(idsOfLedger(entries))),
    (entries) => entries.reduce((n, e) => n + e.postings.length, 0),
  );
}
