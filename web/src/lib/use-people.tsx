/**
 * People by uid, for pages that list what a person did or is owed (payouts, runs): their name
 * and email from `users/{uid}` (admins may read it), fetched once per uid per session and
 * shared by every row that names them. A page of 50 payouts reads at most 50 profiles, however
 * many coaches there are; the uid stays visible only when no profile can be read.
 */
import { doc, getDoc } from "firebase/firestore";
import { useEffect, useState } from "react";
import { db } from "../firestore";

export interface Person {
  uid: string;
  name: string | null;
  email: string | null;
}

const cache = new Map<string, Promise<Person>>();

export function loadPerson(uid: string): Promise<Person> {
  let p = cache.get(uid);
  if (!p) {
    p = getDoc(doc(db, "users", uid)).then(
      (s) => ({ uid, name: (s.get("displayName") as string | null | undefined) ?? null, email: (s.get("email") as string | null | undefined) ?? null }),
      () => ({ uid, name: null, email: null }),
    );
    cache.set(uid, p);
  }
  return p;
}

/** The person's label for text (a dialog, a message): the name, else the email, else the uid. */
export const personLabel = (p: Person | undefined, uid: string): string => p?.name ?? p?.email ?? uid;

export function usePerson(uid: string | null | undefined): Person | undefined {
  const [person, setPerson] = useState<Person>();
  useEffect(() => {
    if (!uid) return;
    let live = true;
    void loadPerson(uid).then((p) => live && setPerson(p));
    return () => {
      live = false;
    };
  }, [uid]);
  return person && person.uid === uid ? person : undefined;
}

/** A person in a table cell: the name with the email beneath (the uid while it loads). */
export function PersonName({ uid }: { uid: string }) {
  const p = usePerson(uid);
  if (!p || (!p.name && !p.email)) return <span>{uid}</span>;
  return (
    <span data-uid={uid}>
      {p.name ?? p.email}
      {p.name && p.email && (
        <>
          <br />
          <span className="muted">{p.email}</span>
        </>
      )}
    </span>
  );
}
