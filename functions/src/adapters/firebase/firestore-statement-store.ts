/**
 * Statements on Firestore: `statements/{payoutId}` and `statementCounters/{year}` written in
 * one transaction (the counter document serialises numbering: two payouts paid at once retry
 * rather than share a number), plus reads of `payouts/` and `payments/` (owned by the payout
 * and payment code; read only here).
 */
import type { Firestore } from "firebase-admin/firestore";
import type { PayoutStatement } from "../../domain/statements/payout-statement";
import type { PaymentRecord } from "../../ports/money-store";
import type { PayoutRecord } from "../../ports/payout-store";
import type { StatementSources, StatementStore } from "../../ports/statement-store";

export class FirestoreStatementStore implements StatementStore, StatementSources {
  constructor(private readonly db: Firestore) {}

  async get(payoutId: string): Promise<PayoutStatement | null> {
    const snap = await this.db.doc(`statements/${payoutId}`).get();
    return snap.exists ? (snap.data() as PayoutStatement) : null;
  }

  issue(payoutId: string, year: number, make: (sequence: number) => PayoutStatement): Promise<{ statement: PayoutStatement; created: boolean }> {
    const ref = this.db.doc(`statements/${payoutId}`);
    const counter = this.db.doc(`statementCounters/${year}`);
    return this.db.runTransaction(async (tx) => {
      const [existing, count] = await Promise.all([tx.get(ref), tx.get(counter)]);
      if (existing.exists) return { statement: existing.data() as PayoutStatement, created: false };
      const last: unknown = count.get("last");
      const sequence = (typeof last === "number" ? last : 0) + 1;
      const statement = make(sequence);
      tx.create(ref, statement);
      tx.set(counter, { year, last: sequence, lastPayoutId: payoutId });
      return { statement, created: true };
    });
  }

  async forCoach(coachId: string, limit: number): Promise<PayoutStatement[]> {
    const snap = await this.db.collection("statements").where("coachId", "==", coachId).get();
    return snap.docs
      .map((d) => d.data() as PayoutStatement)
      .sort((a, b) => b.paidAt - a.paidAt)
      .slice(0, limit);
  }

  async payout(id: string): Promise<PayoutRecord | null> {
    const snap = await this.db.doc(`payouts/${id}`).get();
    return snap.exists ? (snap.data() as PayoutRecord) : null;
  }

  async payments(ids: readonly string[]): Promise<PaymentRecord[]> {
    if (ids.length === 0) return [];
    const out: PaymentRecord[] = [];
    for (let i = 0; i < ids.length; i += 300) {
      const snaps = await this.db.getAll(...ids.slice(i, i + 300).map((id) => this.db.doc(`payments/${id}`)));
      for (const s of snaps) if (s.exists) out.push(s.data() as PaymentRecord);
    }
    return out;
  }
}
