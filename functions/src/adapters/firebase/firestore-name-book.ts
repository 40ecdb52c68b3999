/**
 * NameBook over `users/{uid}.displayName` and `programs/{id}.title`, read with getAll in
 * batches (one round trip per 300 ids), so a page of rows costs one read per new id.
 */
import type { Firestore } from "firebase-admin/firestore";
import type { NameBook } from "../../ports/name-book";

const BATCH = 300;

export class FirestoreNameBook implements NameBook {
  constructor(private readonly db: Firestore) {}

  async names(ask: { uids: readonly string[]; programIds: readonly string[] }) {
    const [people, programs] = await Promise.all([this.read("users", "displayName", ask.uids), this.read("programs", "title", ask.programIds)]);
    return { people, programs };
  }

  private async read(collection: string, field: string, asked: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    // An id that cannot name a document (a '/' in it, '.' or '..') names nobody: no read, no name.
    const ids = asked.filter((id) => id !== "" && !id.includes("/") && id !== "." && id !== "..");
    for (let i = 0; i < ids.length; i += BATCH) {
      const refs = ids.slice(i, i + BATCH).map((id) => this.db.collection(collection).doc(id));
      for (const snap of await this.db.getAll(...refs)) {
        const value: unknown = snap.get(field);
        if (snap.exists && typeof value === "string" && value.trim()) out.set(snap.id, value);
      }
    }
    return out;
  }
}
