import type { Firestore } from "firebase-admin/firestore";
import type { EventOutcome, StripeEventRecord } from "../../ports/event-store";
import type { EventStore, StoredEvent } from "../../ports/event-store";

const ALREADY_EXISTS = 6;

export class FirestoreEventStore implements EventStore {
  constructor(private readonly db: Firestore) {}

  async record(event: StripeEventRecord, receivedAt: number, endpoint: "platform" | "connect"): Promise<"stored" | "duplicate"> {
    const doc: StoredEvent = {
      ...event,
      endpoint,
      status: "received",
      attempts: 0,
      error: null,
      note: null,
      receivedAt,
      nextAttemptAt: null,
    };
    try {
      await this.db.doc(`stripeEvents/${event.id}`).create(doc);
      return "stored";
    } catch (e) {
      if ((e as { code?: number }).code === ALREADY_EXISTS) return "duplicate";
      throw e;
    }
  }

  async get(id: string): Promise<StoredEvent | null> {
    const snap = await this.db.doc(`stripeEvents/${id}`).get();
    return snap.exists ? (snap.data() as StoredEvent) : null;
  }

  async markDone(id: string, outcome: EventOutcome, attempts: number): Promise<void> {
    await this.db.doc(`stripeEvents/${id}`).update({
      status: outcome.result,
      note: outcome.note ?? null,
      error: null,
      attempts,
      nextAttemptAt: null,
      processedAt: Date.now(),
    });
  }

  async markFailed(
    id: string,
    f: { error: string; attempts: number; nextAttemptAt: number | null; dead: boolean },
  ): Promise<void> {
    await this.db.doc(`stripeEvents/${id}`).update({
      status: f.dead ? "dead" : "failed",
      error: f.error,
      attempts: f.attempts,
      nextAttemptAt: f.nextAttemptAt,
    });
  }

  async dueForRetry(now: number, limit: number, stuckBefore: number): Promise<string[]> {
    const [failed, stuck] = await Promise.all([
      this.db
        .collection("stripeEvents")
        .where("status", "==", "failed")
        .where("nextAttemptAt", "<=", now)
        .orderBy("nextAttemptAt")
        .limit(limit)
        .get(),
      this.db
        .collection("stripeEvents")
        .where("status", "==", "received")
        .where("receivedAt", "<=", stuckBefore)
        .orderBy("receivedAt", "desc")
        .limit(limit)
        .get(),
    ]);
    return [...failed.docs, ...stuck.docs].map((d) => d.id);
  }
}
