import { collection, onSnapshot, query, where } from "firebase/firestore";
import { useEffect, useState } from "react";
import { db } from "../firebase";
import { describeError } from "../lib/errors";
import { formatMoney, type Money } from "../lib/money";

interface Program {
  id: string;
  title: string;
  description: string;
  coachName: string;
  price: Money;
}

/** Live list of active programs, optionally only one coach's. */
export function Programs({ coachId }: { coachId?: string }) {
  const [programs, setPrograms] = useState<Program[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const filters = [where("active", "==", true), ...(coachId ? [where("coachId", "==", coachId)] : [])];
    return onSnapshot(
      query(collection(db, "programs"), ...filters),
      (snap) => setPrograms(snap.docs.map((d) => ({ id: d.id, ...(d.data() as Omit<Program, "id">) }))),
      (e) => setError(describeError(e)),
    );
  }, [coachId]);

  if (error) return <p role="alert" className="error">Could not load programs: {error}</p>;
  if (!programs) return <p className="muted" role="status">Loading programs…</p>;
  if (programs.length === 0) return <p className="muted">No programs yet.</p>;
  return (
    <ul className="grid" aria-label="Programs">
      {programs.map((p) => (
        <li key={p.id} className="card program">
          <h3>{p.title}</h3>
          <p className="muted">by {p.coachName}</p>
          <p>{p.description}</p>
          <p className="price">{formatMoney(p.price)}</p>
        </li>
      ))}
    </ul>
  );
}
