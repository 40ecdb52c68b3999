/**
 * The admin menu's counts: open alerts, requests waiting for a second admin, and coaches'
 * payout requests waiting for approval. Each is a small live query (equality on one field,
 * served by Firestore's automatic index) capped at CAP documents, so the badge moves the moment
 * something is raised or decided and never reads more than CAP documents, however many there are.
 */
import { type CountQuery, useLiveCount } from "../lib/live-count";

export const BADGE_CAP = 99;

export interface AdminCounts {
  alerts: number;
  approvals: number;
  payoutRequests: number;
}

const one = (collection: string, field: string, value: string): CountQuery => ({ collection, where: [[field, value]], cap: BADGE_CAP + 1 });
const QUERIES: Record<keyof AdminCounts, CountQuery> = {
  alerts: one("alerts", "status", "open"),
  approvals: one("approvals", "state", "pending"),
  payoutRequests: one("payouts", "status", "requested"),
};

/** Zero for everyone but an admin (`enabled`), who alone may read these collections. */
export function useAdminCounts(enabled: boolean): AdminCounts {
  return {
    alerts: useLiveCount(enabled ? QUERIES.alerts : null),
    approvals: useLiveCount(enabled ? QUERIES.approvals : null),
    payoutRequests: useLiveCount(enabled ? QUERIES.payoutRequests : null),
  };
}

/** "99+" past the cap: the query read only CAP + 1 documents. */
export const badgeText = (n: number): string => (n > BADGE_CAP ? `${BADGE_CAP}+` : String(n));
