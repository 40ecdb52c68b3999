/**
 * A program's title by id, for rows that carry only the id (a declined attempt, an old
 * payment without a description): read once per id per session from `programs/{id}`
 * (admins read every program) and shared by every row that names it.
 */
import { doc, getDoc } from "firebase/firestore";
import { useEffect, useState } from "react";
import { db } from "../firestore";

const cache = new Map<string, Promise<string | null>>();

export function loadProgramTitle(id: string): Promise<string | null> {
  let p = cache.get(id);
  if (!p) {
    p = getDoc(doc(db, "programs", id)).then(
      (s) => (s.get("title") as string | undefined) ?? null,
      () => null,
    );
    cache.set(id, p);
  }
  return p;
}

/** The title when `known` is missing; null while it loads or when the program cannot be read. */
export function useProgramTitle(id: string | null | undefined, known?: string | null): string | null {
  const [title, setTitle] = useState<{ id: string; title: string | null } | null>(null);
  useEffect(() => {
    if (!id || known) return;
    let live = true;
    void loadProgramTitle(id).then((t) => live && setTitle({ id, title: t }));
    return () => {
      live = false;
    };
  }, [id, known]);
  if (known) return known;
  return title && title.id === id ? title.title : null;
}
