/**
 * The admin menu's counts: open alerts, requests waiting for a second admin, and coaches'
 * payout requests waiting for approval. Each is a small live query (equality on one field,
 * served by Firestore's automatic index) capped at CAP documents, so the badge moves the moment
 * something is raised or decided and never reads more than CAP documents, however many there are.
 */
import { collection, limit, onSnapshot, query, where } from "firebase/firestore";
import { useEffect, useState } from "react";
import { db } from "../firebase";

export const BADGE_CAP = 99;

export interface AdminCounts {
  alerts: number;
  approvals: number;
  payoutRequests: number;
}

const QUERIES: Record<keyof AdminCounts, () => ReturnType<typeof query>> = {
  alerts: () => query(collection(db, "alerts"), where("status", "==", "open"), limit(BADGE_CAP + 1)),
  approvals: () => query(collection(db, "approvals"), where("state", "==", "pending"), limit(BADGE_CAP + 1)),
  payoutRequests: () => query(collection(db, "payouts"), where("status", "==", "requested"), limit(BADGE_CAP + 1)),
};

/** Zero for everyone but an admin (`enabled`), who alone may read these collections. */
export function useAdminCounts(enabled: boolean): AdminCounts {
  const [counts, setCounts] = useState<AdminCounts>({ alerts: 0, approvals: 0, payoutRequests: 0 });
  useEffect(() => {
    if (!enabled) return;
    // A badge that cannot be read (a network error) stays at its last count: the page itself says why.
    const stops = (Object.keys(QUERIES) as (keyof AdminCounts)[]).map((k) =>
      onSnapshot(QUERIES[k](), (s) => setCounts((c) => ({ ...c, [k]: s.size })), () => undefined),
    );
    return () => {
      stops.forEach((stop) => stop());
      setCounts({ alerts: 0, approvals: 0, payoutRequests: 0 });
    };
  }, [enabled]);
  return counts;
}

/** "99+" past the cap: the query read only CAP + 1 documents. */
export const badgeText = (n: number): string => (n > BADGE_CAP ? `${BADGE_CAP}+` : String(n));
