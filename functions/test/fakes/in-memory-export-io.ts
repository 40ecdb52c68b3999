/**
 * The other two export ports in memory: a row source over arrays (cursor = the last row's
 * sort key, as the Firestore adapter pages) and a sink that keeps completed objects.
 */
import type { ExportFileSink, ExportFileWriter } from "../../src/ports/export-file-sink";
import type { CsvExportKind, ExportRange, ExportRowSource, RowPage } from "../../src/ports/export-row-source";
import type { DatedEntry, PaymentExportRow, PayoutExportRow } from "../../src/ports/report-store";

function page<R>(all: R[], key: (r: R) => string, after: string | null, limit: number): RowPage<R> {
  const sorted = [...all].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const start = after === null ? 0 : sorted.findIndex((r) => key(r) > after);
  const rows = start < 0 ? [] : sorted.slice(start, start + limit);
  const last = rows[rows.length - 1];
  return { rows, after: rows.length === limit && last !== undefined ? key(last) : null };
}

const dateKey = (r: { date: number; id: string }) => `${String(r.date).padStart(15, "0")}|${r.id}`;

export class ArrayExportRowSource implements ExportRowSource {
  paymentRows: PaymentExportRow[] = [];
  payoutRows: PayoutExportRow[] = [];
  entries: DatedEntry[] = [];
  /** Page reads made, per kind (a test that pages checks the count). */
  readonly reads: { kind: CsvExportKind; after: string | null; limit: number }[] = [];
  /** When set, the Nth page read (0-based) throws this error once. */
  failOnRead: { index: number; error: Error } | null = null;

  private read(kind: CsvExportKind, after: string | null, limit: number): void {
    const index = this.reads.length;
    this.reads.push({ kind, after, limit });
    if (this.failOnRead && this.failOnRead.index === index) {
      const { error } = this.failOnRead;
      this.failOnRead = null;
      throw error;
    }
  }

  private inRange<R extends { date: number; coachId: string | null }>(rows: R[], r: ExportRange): R[] {
    return rows.filter((p) => p.date >= r.fromMs && p.date < r.toMs && (r.coachId === null || p.coachId === r.coachId));
  }

  async count(kind: CsvExportKind, r: ExportRange): Promise<number> {
    if (kind === "payments") return this.inRange(this.paymentRows, r).length;
    if (kind === "payouts") return this.inRange(this.payoutRows, r).length;
    return this.entries.filter((e) => e.day >= r.fromDay && e.day <= r.toDay).length;
  }

  async payments(r: ExportRange, after: string | null, limit: number): Promise<RowPage<PaymentExportRow>> {
    this.read("payments", after, limit);
    return page(this.inRange(this.paymentRows, r), dateKey, after, limit);
  }

  async payouts(r: ExportRange, after: string | null, limit: number): Promise<RowPage<PayoutExportRow>> {
    this.read("payouts", after, limit);
    return page(this.inRange(this.payoutRows, r), dateKey, after, limit);
  }

  async ledger(r: ExportRange, after: string | null, limit: number): Promise<RowPage<DatedEntry>> {
    this.read("ledger", after, limit);
    const inDays = this.entries.filter((e) => e.day >= r.fromDay && e.day <= r.toDay);
    return page(inDays, (e) => `${e.day}|${e.id}`, after, limit);
  }
}

export class MemoryExportSink implements ExportFileSink {
  /** Completed objects by path. */
  readonly objects = new Map<string, { text: string; contentType: string }>();
  opened = 0;
  aborted = 0;
  /** Largest single write, in characters (a streaming export writes one page at a time). */
  largestWrite = 0;

  async open(objectPath: string, file: { contentType: string; filename: string }): Promise<ExportFileWriter> {
    this.opened += 1;
    const parts: string[] = [];
    let open = true;
    return {
      write: async (text) => {
        if (!open) throw new Error("write after close");
        this.largestWrite = Math.max(this.largestWrite, text.length);
        parts.push(text);
      },
      finish: async () => {
        open = false;
        const text = parts.join("");
        this.objects.set(objectPath, { text, contentType: file.contentType });
        return { bytes: Buffer.byteLength(text) };
      },
      abort: async () => {
        open = false;
        this.aborted += 1;
      },
    };
  }

  async downloadUrl(objectPath: string, _filename: string, expiresAtMs: number): Promise<string> {
    return `memory://${objectPath}?expires=${expiresAtMs}`;
  }
}
