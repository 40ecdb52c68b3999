/** LedgerReader over `ledger/{entryId}` documents (a LedgerEntry plus its Stockholm `day`). */
import type { Firestore } from "firebase-admin/firestore";
import type { LedgerEntry } from "../../domain/ledger-entries";
import type { LedgerReader } from "../../ports/ledger-reader";

export class FirestoreLedgerReader implements LedgerReader {
  constructor(private readonly db: Firestore) {}

  async entriesOfDay(day: string): Promise<LedgerEntry[]> {
    const snap = await this.db.collection("ledger").where("day", "==", day).get();
    return snap.docs.map((d) => {
      const { day: _day, ...entry } = d.data() as LedgerEntry & { day: string };
      return entry;
    });
  }

  async earliestDay(): Promise<string | null> {
    const snap = await this.db.collection("ledger").orderBy("day").limit(1).get();
    const day: unknown = snap.docs[0]?.get("day");
    return typeof day === "string" ? day : null;
  }
}
