/**
 * A live count of the documents matching equality filters, capped: the menu's badges. It lives
 * in the app's frame, which must not import Firestore's SDK (see firebase.ts), so the query
 * module is loaded when the first badge subscribes; by then the page's own chunk has usually
 * fetched the SDK already.
 */
import { useEffect, useState } from "react";

export interface CountQuery {
  collection: string;
  /** Field and the value it must equal, all of them. */
  where: [field: string, value: string | boolean][];
  /** At most this many documents are read; the count stops there. */
  cap: number;
}

/**
 * The number of matching documents (0 until the first answer, and for `null`). A count that
 * cannot be read (a network error, a rule) stays at its last value: the page itself says why.
 */
export function useLiveCount(q: CountQuery | null): number {
  const [count, setCount] = useState(0);
  const key = q ? JSON.stringify(q) : null;
  useEffect(() => {
    if (!key) return;
    const spec = JSON.parse(key) as CountQuery;
    let stop: (() => void) | null = null;
    let stopped = false;
    void import("./live-count-query").then(
      ({ subscribeCount }) => {
        if (!stopped) stop = subscribeCount(spec, setCount);
      },
      () => undefined, // the chunk could not load (offline): the badge stays as it is
    );
    return () => {
      stopped = true;
      stop?.();
      setCount(0);
    };
  }, [key]);
  return count;
}
