import type { Firestore } from "firebase-admin/firestore";
import type { SubscriptionState, SubscriptionStore } from "../../ports/subscription-store";

export class FirestoreSubscriptionStore implements SubscriptionStore {
  constructor(private readonly db: Firestore) {}

  async get(id: string): Promise<SubscriptionState | null> {
    const snap = await this.db.doc(`subscriptions/${id}`).get();
    return snap.exists ? (snap.data() as SubscriptionState) : null;
  }

  async apply(state: SubscriptionState, eventCreated: number): Promise<"applied" | "stale"> {
    const ref = this.db.doc(`subscriptions/${state.id}`);
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      const last: number = snap.get("lastEventCreated") ?? 0;
      if (eventCreated < last) return "stale";
      tx.set(ref, { ...state, lastEventCreated: eventCreated, updatedAt: new Date() });
      tx.set(
        this.db.doc(`users/${state.userId}`),
        {
          premium: {
            subscriptionId: state.id,
            status: state.status,
            cancelAtPeriodEnd: state.cancelAtPeriodEnd,
            currentPeriodEnd: state.currentPeriodEnd,
          },
        },
        { merge: true },
      );
      return "applied";
    });
  }
}
