import type { Firestore } from "firebase-admin/firestore";
import type {
  CatalogueStore,
  CoachPaymentAccount,
  Plan,
  Program,
} from "../../ports/catalogue-store";
import { countingReads } from "./op-counter";

const PROGRAM_DEFAULTS = {
  priceVersion: 1,
  stripeProductId: null,
  stripePriceId: null,
  stripePriceVersion: null,
};

export class FirestoreCatalogueStore implements CatalogueStore {
  constructor(private readonly db: Firestore) {}

  async getProgram(id: string): Promise<Program | null> {
    const snap = await countingReads(1, () => this.db.doc(`programs/${id}`).get());
    return snap.exists ? ({ ...PROGRAM_DEFAULTS, ...snap.data(), id } as Program) : null;
  }

  async saveProgram(program: Program): Promise<void> {
    await this.db.doc(`programs/${program.id}`).set(program, { merge: true });
  }

  async getPlan(id: string): Promise<Plan | null> {
    const snap = await countingReads(1, () => this.db.doc(`plans/${id}`).get());
    return snap.exists ? ({ ...PROGRAM_DEFAULTS, ...snap.data(), id } as Plan) : null;
  }

  async setStripePrice(
    kind: "program" | "plan",
    id: string,
    version: number,
    ids: { productId: string; priceId: string },
  ) {
    const ref = this.db.doc(`${kind === "program" ? "programs" : "plans"}/${id}`);
    await this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if ((snap.get("priceVersion") ?? 1) !== version) return; // price changed meanwhile: keep the newer
      tx.update(ref, {
        stripeProductId: ids.productId,
        stripePriceId: ids.priceId,
        stripePriceVersion: version,
      });
    });
  }

  async setCoachCanSell(coachId: string, canSell: boolean): Promise<number> {
    const snap = await this.db.collection("programs").where("coachId", "==", coachId).get();
    const stale = snap.docs.filter((d) => d.get("coachCanSell") !== canSell);
    // A coach has a handful of programs; one batch holds 500 writes.
    for (let i = 0; i < stale.length; i += 500) {
      const batch = this.db.batch();
      for (const d of stale.slice(i, i + 500)) batch.update(d.ref, { coachCanSell: canSell });
      await batch.commit();
    }
    return stale.length;
  }

  async getCoachAccount(uid: string): Promise<CoachPaymentAccount | null> {
    const snap = await countingReads(1, () => this.db.doc(`coaches/${uid}`).get());
    if (!snap.exists) return null;
    return {
      stripeAccountId: snap.get("stripeAccountId") ?? null,
      chargesEnabled: snap.get("chargesEnabled") === true,
    };
  }
}
