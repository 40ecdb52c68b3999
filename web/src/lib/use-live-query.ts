import { onSnapshot, type Query } from "firebase/firestore";
import { useEffect, useState } from "react";
import { describeError } from "./errors";

/** A Firestore query kept live: rows update the moment a webhook's effect lands. */
export function useLiveQuery<T>(makeQuery: () => Query | null, deps: unknown[]): { rows: T[] | null; error: string | null } {
  const [rows, setRows] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const q = makeQuery();
    if (!q) return;
    setRows(null);
    setError(null);
    return onSnapshot(
      q,
      (snap) => setRows(snap.docs.map((d) => ({ id: d.id, ...d.data() }) as T)),
      (e) => setError(describeError(e)),
    );
  }, deps);
  return { rows, error };
}
