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
import { countingReads } from "./op-counter";

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const int = (v: unknown): number => (typeof v === "number" && Number.isSafeInteger(v) ? v : 0);

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
    return snap.docs.map((d) => {
      const p = d.data();
      return {
        id: d.id,
        date: int(p["date"]),
        kind: str(p["kind"]) ?? "",
        status: str(p["status"]) ?? "",
        userId: str(p["userId"]) ?? "",
        coachId: str(p["coachId"]),
        programId: str(p["programId"]),
        currency: str(p["currency"]) ?? "",
        amount: int(p["amount"]),
        feeAmount: int(p["feeAmount"]),
        coachAmount: int(p["coachAmount"]),
        stripeFee: typeof p["stripeFee"] === "number" ? int(p["stripeFee"]) : null,
        refundedAmount: int(p["refundedAmount"]),
      };
    });
  }

  async payoutsBetween(fromMs: number, toMs: number, limit: number): Promise<PayoutExportRow[]> {
    const snap = await this.between("payouts", fromMs, toMs, limit);
    return snap.docs.map((d) => {
      const p = d.data();
      return {
        id: d.id,
        date: int(p["date"]),
        coachId: str(p["coachId"]) ?? "",
        status: str(p["status"]) ?? "",
        trigger: str(p["trigger"]) ?? "",
        currency: str(p["currency"]) ?? "",
        amount: int(p["amount"]),
        stripePayoutId: str(p["stripePayoutId"]),
        failureReason: str(p["failureReason"]),
      };
    });
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
