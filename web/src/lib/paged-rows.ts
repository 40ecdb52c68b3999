/**
 * The rows of a paged list: the live first page followed by the older pages fetched with
 * cursors. A row that moved (a new document pushed it off the live page onto an older one
 * already fetched) is shown once, where the live page has it.
 */
export function mergePages<T extends { id: string }>(live: readonly T[], older: readonly (readonly T[])[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const row of [live, ...older].flat()) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    out.push(row);
  }
  return out;
}

/** A page shorter than the page size was the last one. */
export const morePossible = (lastPageLength: number, pageSize: number): boolean => lastPageLength === pageSize;
