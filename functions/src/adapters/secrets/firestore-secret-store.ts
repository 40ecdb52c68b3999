/**
 * SecretStore for the emulator: `_secrets/{name}` in Firestore, denied to every client by
 * the rules. Stands in for Secret Manager, which the emulator suite does not have.
 */
import { FieldValue, type Firestore } from "firebase-admin/firestore";
import type { SecretStore } from "../../ports/secret-store";

export class FirestoreSecretStore implements SecretStore {
  constructor(private readonly db: Firestore) {}

  async readLatest(name: string): Promise<string | null> {
    const snap = await this.db.doc(`_secrets/${name}`).get();
    const value: unknown = snap.get("value");
    return typeof value === "string" && value !== "" ? value : null;
  }

  async writeVersion(name: string, value: string): Promise<void> {
    await this.db.doc(`_secrets/${name}`).set({ value, version: FieldValue.increment(1), updatedAt: Date.now() }, { merge: true });
  }

  async clear(name: string): Promise<void> {
    await this.db.doc(`_secrets/${name}`).set({ value: "", version: FieldValue.increment(1), updatedAt: Date.now() }, { merge: true });
  }
}
