import type { Firestore } from "firebase-admin/firestore";
import type { CustomerProfile, CustomerStore } from "../../ports/catalogue-store";
import { countingReads } from "./op-counter";

export class FirestoreCustomerStore implements CustomerStore {
  constructor(private readonly db: Firestore) {}

  async get(uid: string): Promise<CustomerProfile | null> {
    const snap = await countingReads(1, () => this.db.doc(`users/${uid}`).get());
    if (!snap.exists) return null;
    return {
      uid,
      email: snap.get("email") ?? null,
      stripeCustomerId: snap.get("stripeCustomerId") ?? null,
      premium: snap.get("premium") ?? null,
    };
  }

  async claimStripeCustomerId(uid: string, customerId: string): Promise<string> {
    const ref = this.db.doc(`users/${uid}`);
    return this.db.runTransaction(async (tx) => {
      const existing: string | undefined = (await tx.get(ref)).get("stripeCustomerId");
      if (existing) return existing;
      tx.set(ref, { stripeCustomerId: customerId }, { merge: true });
      return customerId;
    });
  }

  async findByStripeCustomerId(customerId: string): Promise<string | null> {
    const snap = await this.db
      .collection("users")
      .where("stripeCustomerId", "==", customerId)
      .limit(1)
      .get();
    return snap.docs[0]?.id ?? null;
  }
}
