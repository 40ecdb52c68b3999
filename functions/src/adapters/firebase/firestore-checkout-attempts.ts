/**
 * checkoutAttempts/{uid}: one small document per user holding the last hour's payment
 * attempts, changed in a transaction so two calls at once cannot both take the last slot.
 * Functions only (firestore.rules denies every client): it holds client secrets.
 */
import type { Firestore } from "firebase-admin/firestore";
import type { CheckoutAttempt, CheckoutAttemptStore } from "../../ports/checkout-attempts";

const attemptsOf = (data: FirebaseFirestore.DocumentData | undefined): CheckoutAttempt[] => (Array.isArray(data?.["attempts"]) ? (data["attempts"] as CheckoutAttempt[]) : []);

export class FirestoreCheckoutAttempts implements CheckoutAttemptStore {
  constructor(private readonly db: Firestore) {}

  private ref(uid: string) {
    return this.db.doc(`checkoutAttempts/${uid}`);
  }

  admit(uid: string, attempt: CheckoutAttempt, sinceMs: number, limit: number): Promise<{ admitted: boolean; recent: CheckoutAttempt[] }> {
    return this.db.runTransaction(async (tx) => {
      const recent = attemptsOf((await tx.get(this.ref(uid))).data()).filter((a) => a.at > sinceMs);
      const admitted = recent.length < limit;
      tx.set(this.ref(uid), { attempts: admitted ? [...recent, attempt] : recent, updatedAt: attempt.at });
      return { admitted, recent };
    });
  }

  attach(uid: string, attemptId: string, stripe: { stripeId: string; clientSecret: string | null }): Promise<void> {
    return this.db.runTransaction(async (tx) => {
      const attempts = attemptsOf((await tx.get(this.ref(uid))).data()).map((a) => (a.id === attemptId ? { ...a, ...stripe } : a));
      tx.set(this.ref(uid), { attempts }, { merge: true });
    });
  }

  async recent(uid: string, sinceMs: number): Promise<CheckoutAttempt[]> {
    return attemptsOf((await this.ref(uid).get()).data()).filter((a) => a.at > sinceMs);
  }
}
