/** The Firestore side of useLiveCount (live-count.ts), loaded lazily with the SDK. */
import { collection, limit, onSnapshot, query, where } from "firebase/firestore";
import { db } from "../firestore";
import type { CountQuery } from "./live-count";

export function subscribeCount(q: CountQuery, onCount: (n: number) => void): () => void {
  const filters = q.where.map(([field, value]) => where(field, "==", value));
  return onSnapshot(
    query(collection(db, q.collection), ...filters, limit(q.cap)),
    (s) => onCount(s.size),
    () => undefined,
  );
}
