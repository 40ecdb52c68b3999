/**
 * ReportStore over Firestore. Range queries on single fields (`ledger.day`, `payments.date`,
 * `payouts.date`) use Firestore's automatic single-field indexes, so each read costs one
 * document per row in the period, never a scan of the collection.
 */
import type { Firestore } from "firebase-admin/firestore";
import type {
  DatedEntry,
  PaymentExportRow,
  PayoutExportRow,
  ReportStore,
} from "../../ports/report-store";
import { paymentRow, payoutRow, str } from "./export-row-mapping";
import { countingReads } from "./op-counter";


export class FirestoreReportStore implements ReportStore {
  constructor(private readonly db: Firestore) {}

  async ledgerBetween(fromDay: string, toDay: string, limit: number): Promise<DatedEntry[]> {
    const snap = await this.db
      .collection("ledger")
      .where("day", ">=", fromDay)
      .where("day", "<=", toDay)
      .orderBy("day")
      .limit(limit)
      .get();
    await countingReads(snap.size, async () => undefined);
    return snap.docs.map((d) => d.data() as DatedEntry);
  }

  /** One collection's documents with `date` in [fromMs, toMs), oldest first, counted as reads. */
  private async between(collection: string, fromMs: number, toMs: number, limit: number) {
    const snap = await this.db
      .collection(collection)
      .where("date", ">=", fromMs)
      .where("date", "<", toMs)
      .orderBy("date")
      .limit(limit)
      .get();
    await countingReads(snap.size, async () => undefined);
    return snap;
  }

  async paymentsBetween(fromMs: number, toMs: number, limit: number): Promise<PaymentExportRow[]> {
    const snap = await this.between("payments", fromMs, toMs, limit);
    return snap.docs.map(paymentRow);
  }

  async payoutsBetween(fromMs: number, toMs: number, limit: number): Promise<PayoutExportRow[]> {
    const snap = await this.between("payouts", fromMs, toMs, limit);
    return snap.docs.map(payoutRow);
  }

  async activeConnectedAccounts(): Promise<number> {
    const snap = await countingReads(1, () =>
      this.db.collection("coaches").where("payoutsEnabled", "==", true).count().get(),
    );
    return snap.data().count;
  }

  async userLabels(uids: string[]): Promise<Record<string, string>> {
    const refs = uids.map((uid) => this.db.doc(`users/${uid}`));
    const snaps = await countingReads(refs.length, () => this.db.getAll(...refs));
    const out: Record<string, string> = {};
    for (const s of snaps) {
      const label = str(s.get("email")) ?? str(s.get("displayName"));
      if (label) out[s.id] = label;
    }
    return out;
  }
}
