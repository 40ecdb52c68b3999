/**
 * FortnoxConnectionStore in Firestore: `_fortnox/connection` (status, cached access token),
 * `_fortnox/refreshLease` (who may refresh now) and `_fortnoxOAuthStates/{state}`. All denied
 * to clients by the rules; only functions touch them.
 */
import { FieldValue, type Firestore } from "firebase-admin/firestore";
import type {
  FortnoxConnection,
  FortnoxConnectionStore,
  OAuthStateRecord,
} from "../../ports/fortnox-connection-store";

export class FirestoreFortnoxConnectionStore implements FortnoxConnectionStore {
  constructor(private readonly db: Firestore) {}

  private get doc() {
    return this.db.doc("_fortnox/connection");
  }
  private get lease() {
    return this.db.doc("_fortnox/refreshLease");
  }

  async get(): Promise<FortnoxConnection> {
    const snap = await this.doc.get();
    return snap.exists ? (snap.data() as FortnoxConnection) : { status: "disconnected" };
  }

  async set(connection: FortnoxConnection): Promise<void> {
    await this.doc.set(connection);
  }

  async update(patch: Partial<FortnoxConnection>): Promise<void> {
    await this.doc.set(patch, { merge: true });
  }

  tryAcquireLease(holder: string, nowMs: number, ttlMs: number): Promise<boolean> {
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(this.lease);
      const until = Number(snap.get("until") ?? 0);
      const current: unknown = snap.get("holder");
      if (snap.exists && current && current !== holder && until > nowMs) return false;
      tx.set(this.lease, { holder, until: nowMs + ttlMs });
      return true;
    });
  }

  async releaseLease(holder: string): Promise<void> {
    await this.db.runTransaction(async (tx) => {
      const snap = await tx.get(this.lease);
      if (snap.get("holder") === holder) tx.set(this.lease, { holder: FieldValue.delete(), until: 0 }, { merge: true });
    });
  }

  async saveOAuthState(state: string, record: OAuthStateRecord): Promise<void> {
    await this.db.doc(`_fortnoxOAuthStates/${state}`).create(record);
  }

  takeOAuthState(state: string): Promise<OAuthStateRecord | null> {
    if (!/^[A-Za-z0-9_-]{16,128}$/.test(state)) return Promise.resolve(null);
    const ref = this.db.doc(`_fortnoxOAuthStates/${state}`);
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (!snap.exists) return null;
      tx.delete(ref);
      return snap.data() as OAuthStateRecord;
    });
  }
}
