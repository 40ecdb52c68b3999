import { useLiveCount } from "../../lib/live-count";

/** Live count of the signed-in user's unread notifications (capped at 99 for the badge). */
export function useUnreadCount(uid: string | null): number {
  return useLiveCount(uid ? { collection: "notifications", where: [["uid", uid], ["read", false]], cap: 99 } : null);
}
