import { collection, limit, query, where } from "firebase/firestore";
import { db } from "../../firebase";
import { useLiveQuery } from "../../lib/use-live-query";

/** Live count of the signed-in user's unread notifications (capped at 99 for the badge). */
export function useUnreadCount(uid: string | null): number {
  const { rows } = useLiveQuery<{ id: string }>(
    () => (uid ? query(collection(db, "notifications"), where("uid", "==", uid), where("read", "==", false), limit(99)) : null),
    [uid],
  );
  return rows?.length ?? 0;
}
