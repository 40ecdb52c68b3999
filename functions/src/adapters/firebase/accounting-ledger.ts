/**
 * AccountingLedger over `ledger/{entryId}`: a LedgerEntry plus its Stockholm `day` and
 * `recordedAt`, the server timestamp (commit time) the money store writes it with.
 */
import { Timestamp, type DocumentData, type Firestore, type Query, type QueryDocumentSnapshot } from "firebase-admin/firestore";
import type { LedgerEntry } from "../../domain/ledger-entries";
import type { AccountingLedger, RecordedEntry } from "../../ports/accounting-ledger";

const PAGE = 1000;

function toRecorded(data: DocumentData): RecordedEntry {
  const recordedAt: unknown = data["recordedAt"];
  return { entry: toEntry(data), recordedAtMs: recordedAt instanceof Timestamp ? recordedAt.toMillis() : null };
}

function toEntry(data: DocumentData): LedgerEntry {
  const { day: _day, recordedAt: _recordedAt, ...entry } = data as LedgerEntry & { day: string; recordedAt?: unknown };
  return entry;
}

export class FirestoreAccountingLedger implements AccountingLedger {
  constructor(private readonly db: Firestore) {}

  /** Every page of `query`, ordered by document id after its own order. */
  private async readAll(query: Query): Promise<RecordedEntry[]> {
    const out: RecordedEntry[] = [];
    let last: QueryDocumentSnapshot | undefined;
    for (;;) {
      const snap = await (last ? query.startAfter(last) : query).limit(PAGE).get();
      out.push(...snap.docs.map((d) => toRecorded(d.data())));
      if (snap.size < PAGE) return out;
      last = snap.docs[snap.docs.length - 1];
    }
  }

  entriesRecordedBetween(afterMs: number, throughMs: number): Promise<RecordedEntry[]> {
    return this.readAll(
      this.db
        .collection("ledger")
        .where("recordedAt", ">", Timestamp.fromMillis(afterMs))
        .where("recordedAt", "<=", Timestamp.fromMillis(throughMs))
        .orderBy("recordedAt"),
    );
  }

  allEntries(): Promise<RecordedEntry[]> {
    return this.readAll(this.db.collection("ledger").orderBy("__name__"));
  }

  async entriesOfDay(day: string): Promise<LedgerEntry[]> {
    const snap = await this.db.collection("ledger").where("day", "==", day).get();
    return snap.docs.map((d) => toEntry(d.data()));
  }
}
