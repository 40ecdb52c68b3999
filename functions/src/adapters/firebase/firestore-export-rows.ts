/**
 * ExportRowSource over Firestore: each page is one range query ordered by the range field and
 * the document id, continued with startAfter(lastValue, lastId), so a page costs its own
 * documents only and rows sharing a timestamp are neither skipped nor repeated. Indexes: the
 * automatic single-field ones for admins' exports; `coachId == + date range` uses the
 * composite (coachId, date) indexes in firestore.indexes.json.
 */
import { FieldPath, type Firestore, type Query, type QueryDocumentSnapshot } from "firebase-admin/firestore";
import type { CsvExportKind, ExportRange, ExportRowSource, RowPage } from "../../ports/export-row-source";
import type { DatedEntry, PaymentExportRow, PayoutExportRow } from "../../ports/report-store";
import { paymentRow, payoutRow } from "./export-row-mapping";
import { countingReads } from "./op-counter";

/** The cursor: the last document's range value and id, as JSON (opaque to the use case). */
type Cursor = [number | string, string];

export class FirestoreExportRowSource implements ExportRowSource {
  constructor(private readonly db: Firestore) {}

  private query(kind: CsvExportKind, r: ExportRange): { q: Query; field: "date" | "day" } {
    if (kind === "ledger") {
      return { q: this.db.collection("ledger").where("day", ">=", r.fromDay).where("day", "<=", r.toDay), field: "day" };
    }
    let q: Query = this.db.collection(kind).where("date", ">=", r.fromMs).where("date", "<", r.toMs);
    if (r.coachId !== null) q = q.where("coachId", "==", r.coachId);
    return { q, field: "date" };
  }

  private async page<R>(kind: CsvExportKind, r: ExportRange, after: string | null, limit: number, map: (d: QueryDocumentSnapshot) => R): Promise<RowPage<R>> {
    const { q, field } = this.query(kind, r);
    let paged = q.orderBy(field).orderBy(FieldPath.documentId()).limit(limit);
    if (after !== null) {
      const [value, id] = JSON.parse(after) as Cursor;
      paged = paged.startAfter(value, id);
    }
    const snap = await paged.get();
    await countingReads(snap.size, async () => undefined);
    const last = snap.docs[snap.docs.length - 1];
    const next: Cursor | null = snap.size === limit && last ? [last.get(field) as number | string, last.id] : null;
    return { rows: snap.docs.map(map), after: next ? JSON.stringify(next) : null };
  }

  async count(kind: CsvExportKind, r: ExportRange): Promise<number> {
    const snap = await countingReads(1, () => this.query(kind, r).q.count().get());
    return snap.data().count;
  }

  payments(r: ExportRange, after: string | null, limit: number): Promise<RowPage<PaymentExportRow>> {
    return this.page("payments", r, after, limit, paymentRow);
  }

  payouts(r: ExportRange, after: string | null, limit: number): Promise<RowPage<PayoutExportRow>> {
    return this.page("payouts", r, after, limit, payoutRow);
  }

  ledger(r: ExportRange, after: string | null, limit: number): Promise<RowPage<DatedEntry>> {
    return this.page("ledger", r, after, limit, (d) => d.data() as DatedEntry);
  }
}
