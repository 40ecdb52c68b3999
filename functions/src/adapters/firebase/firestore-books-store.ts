/**
 * `booksReconciliations/{day}_{currency}` (the reconciliation's results) and the read of the
 * coaches' running balances (`balances/`, `coaches/`) it compares with Stripe. Reads of
 * balances and coaches only: the payout code owns them.
 */
import { FieldPath, type Firestore, type Query, type QueryDocumentSnapshot } from "firebase-admin/firestore";
import { isCurrency, type Currency } from "../../domain/money";
import type { BooksReconciliationStore, CoachLiability, CoachLiabilityReader, DayReconciliation } from "../../ports/books-reconciliation-store";

const PAGE = 500;

const num = (v: unknown): number => (typeof v === "number" && Number.isSafeInteger(v) ? v : 0);

export class FirestoreBooksStore implements BooksReconciliationStore, CoachLiabilityReader {
  constructor(private readonly db: Firestore) {}

  async save(record: DayReconciliation): Promise<void> {
    await this.db.doc(`booksReconciliations/${record.id}`).set(record);
  }

  async get(day: string, currency: Currency): Promise<DayReconciliation | null> {
    const snap = await this.db.doc(`booksReconciliations/${day}_${currency}`).get();
    return snap.exists ? (snap.data() as DayReconciliation) : null;
  }

  async latest(limit: number): Promise<DayReconciliation[]> {
    const snap = await this.db.collection("booksReconciliations").orderBy("day", "desc").limit(limit).get();
    return snap.docs.map((d) => d.data() as DayReconciliation);
  }

  private async allDocs(collection: string): Promise<QueryDocumentSnapshot[]> {
    const out: QueryDocumentSnapshot[] = [];
    let q: Query = this.db.collection(collection).orderBy(FieldPath.documentId()).limit(PAGE);
    for (;;) {
      const snap = await q.get();
      out.push(...snap.docs);
      const last = snap.docs.at(-1);
      if (snap.size < PAGE || !last) return out;
      q = this.db.collection(collection).orderBy(FieldPath.documentId()).startAfter(last.id).limit(PAGE);
    }
  }

  async coachLiabilities(): Promise<CoachLiability[]> {
    const [balances, coaches] = await Promise.all([this.allDocs("balances"), this.allDocs("coaches")]);
    const accountOf = new Map<string, string | null>(coaches.map((c) => [c.id, typeof c.get("stripeAccountId") === "string" && c.get("stripeAccountId") ? (c.get("stripeAccountId") as string) : null]));
    const out: CoachLiability[] = [];
    const seen = new Set<string>();
    for (const b of balances) {
      const coachId: unknown = b.get("coachId");
      const currency: unknown = b.get("currency");
      if (typeof coachId !== "string" || !isCurrency(currency)) continue;
      seen.add(coachId);
      out.push({ coachId, currency, stripeAccountId: accountOf.get(coachId) ?? null, held: num(b.get("held")), available: num(b.get("available")), inPayout: num(b.get("inPayout")) });
    }
    // A coach with an account and no balance yet still has a Stripe balance to compare (it should be 0).
    for (const [coachId, stripeAccountId] of accountOf) {
      if (!seen.has(coachId) && stripeAccountId) out.push({ coachId, currency: "sek", stripeAccountId, held: 0, available: 0, inPayout: 0 });
    }
    return out;
  }
}
