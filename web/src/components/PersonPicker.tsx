/**
 * Picks a person (a coach, a customer) by the beginning of their name or email, for filters
 * that need a uid: two indexed prefix queries on `users` (role + email, role + displayName),
 * a handful of rows each, so it stays cheap however many users there are. The picked person
 * shows by name with a button to clear it; the uid never has to be typed.
 */
import { collection, getDocs, limit, orderBy, query, where } from "firebase/firestore";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { db } from "../firestore";
import type { Role } from "../lib/roles";
import { PersonName } from "../lib/use-people";

export interface Match {
  uid: string;
  email: string | null;
  displayName: string | null;
}

const SHOWN = 6;

/** Names are stored as written ("Corinna Coach"): a typed "cor" is looked up as "Cor". */
const capitalised = (s: string) => s.charAt(0).toLocaleUpperCase("sv") + s.slice(1);

/** Users of a role whose email or name begins with `text`, names first, at most `n`. */
export async function findPeople(role: Role, text: string, n = SHOWN): Promise<Match[]> {
  const users = collection(db, "users");
  const range = (field: string, p: string) => [where("role", "==", role), where(field, ">=", p), where(field, "<", `${p}\uf8ff`), orderBy(field), limit(n)];
  const [byEmail, byName] = await Promise.all([
    getDocs(query(users, ...range("email", text.toLowerCase()))),
    getDocs(query(users, ...range("displayName", capitalised(text)))),
  ]);
  const seen = new Map<string, Match>();
  for (const d of [...byName.docs, ...byEmail.docs]) {
    if (!seen.has(d.id)) seen.set(d.id, { uid: d.id, email: (d.get("email") as string | null) ?? null, displayName: (d.get("displayName") as string | null) ?? null });
  }
  return [...seen.values()].slice(0, n);
}

export function PersonPicker({ role, label, value, onChange }: { role: Role; label: string; value: string | null; onChange: (uid: string | null) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState("");
  const [matches, setMatches] = useState<Match[] | null>(null);
  const [error, setError] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const typed = text.trim();
    if (!typed) return setMatches(null);
    const request = ++latest.current;
    findPeople(role, typed).then(
      (m) => request === latest.current && (setMatches(m), setError(false)),
      () => request === latest.current && (setMatches([]), setError(true)),
    );
  }, [role, text]);

  if (value)
    return (
      <div className="picker picked" role="group" aria-label={label}>
        <span className="picker-label">{label}</span>
        <PersonName uid={value} />{" "}
        <button type="button" className="link" onClick={() => onChange(null)} aria-label={t("picker.clear", { label })}>
          {t("picker.clearShort")}
        </button>
      </div>
    );

  return (
    <div className="picker">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t("picker.placeholder")} autoComplete="off" />
      {matches && (
        <ul className="picker-matches" aria-label={t("picker.matches", { label })}>
          {matches.length === 0 && <li className="muted">{error ? t("picker.failed") : t("picker.none")}</li>}
          {matches.map((m) => (
            <li key={m.uid}>
              <button
                type="button"
                className="link"
                onClick={() => {
                  setText("");
                  onChange(m.uid);
                }}
              >
                {m.displayName ?? m.email ?? m.uid}
                {m.displayName && m.email && <span className="muted"> · {m.email}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
