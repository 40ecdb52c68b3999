/**
 * A list that stays fast however long it grows: the first page is a live query (limit N on
 * an indexed order), and "Show older" fetches the next page after the last row shown
 * (startAfter on the same order). Each page costs N reads whatever the collection's size;
 * nothing ever reads the whole collection.
 */
import { getDocs, limit, onSnapshot, query, startAfter, type Query, type QueryDocumentSnapshot } from "firebase/firestore";
import { useCallback, useEffect, useRef, useState } from "react";
import { describeError } from "./errors";
import { mergePages, morePossible } from "./paged-rows";

export interface PagedRows<T> {
  /** null while the first page loads. */
  rows: T[] | null;
  error: string | null;
  /** True when the last page fetched was full: there may be older rows. */
  hasMore: boolean;
  loadingMore: boolean;
  more: () => Promise<void>;
}

/** `makeQuery` is the ordered query without a limit; `key` changes when the query does. */
export function usePagedQuery<T extends { id: string }>(makeQuery: () => Query | null, key: string, pageSize = 50): PagedRows<T> {
  const [live, setLive] = useState<{ rows: T[]; last: QueryDocumentSnapshot | null } | null>(null);
  const [older, setOlder] = useState<{ pages: T[][]; last: QueryDocumentSnapshot | null; full: boolean }>({ pages: [], last: null, full: true });
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const base = useRef<Query | null>(null);

  useEffect(() => {
    const q = makeQuery();
    base.current = q;
    setLive(null);
    setOlder({ pages: [], last: null, full: true });
    setError(null);
    if (!q) return;
    return onSnapshot(
      query(q, limit(pageSize)),
      (snap) => setLive({ rows: snap.docs.map((d) => ({ ...d.data(), id: d.id }) as T), last: snap.docs[snap.docs.length - 1] ?? null }),
      (e) => setError(describeError(e)),
    );
  }, [key, pageSize]);

  const more = useCallback(async () => {
    const q = base.current;
    const after = older.last ?? live?.last ?? null;
    if (!q || !after) return;
    setLoadingMore(true);
    try {
      const snap = await getDocs(query(q, startAfter(after), limit(pageSize)));
      const page = snap.docs.map((d) => ({ ...d.data(), id: d.id }) as T);
      setOlder((o) => ({ pages: [...o.pages, page], last: snap.docs[snap.docs.length - 1] ?? o.last, full: morePossible(page.length, pageSize) }));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setLoadingMore(false);
    }
  }, [live, older, pageSize]);

  const rows = live ? mergePages(live.rows, older.pages) : null;
  const hasMore = live !== null && morePossible(live.rows.length, pageSize) && older.full;
  return { rows, error, hasMore, loadingMore, more };
}
