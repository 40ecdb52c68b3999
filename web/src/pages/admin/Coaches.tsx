/**
 * The admin's coach list: every user with the coach role, by email, paged with a cursor (a
 * page is 50 reads however many coaches there are) and searched by the beginning of the
 * email or the name. Each row shows the Stripe account's state and links to the coach's page.
 */
import { collection, doc, getDoc, orderBy, query, where } from "firebase/firestore";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { db } from "../../firestore";
import { LoadState } from "../../components/LoadState";
import { findPeople } from "../../components/PersonPicker";
import { ShowOlder } from "../../components/ShowOlder";
import { describeError } from "../../lib/errors";
import { usePagedQuery } from "../../lib/use-paged-query";
import type { CoachDoc } from "../coach/payouts-api";
import { onboardingState, type OnboardingState } from "./coach-state";

interface CoachUser {
  id: string;
  email: string | null;
  displayName: string | null;
}

function StripeState({ uid }: { uid: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<OnboardingState | null>(null);
  useEffect(() => {
    let live = true;
    void getDoc(doc(db, "coaches", uid)).then(
      (s) => live && setState(onboardingState(s.exists() ? (s.data() as CoachDoc) : null)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [uid]);
  if (!state) return <span className="muted">…</span>;
  return <span className={state === "ready" ? "ok" : "muted"}>{t(`adminCoaches.${state}`)}</span>;
}

const SEARCHED = 20;

function useFound(typed: string): { rows: CoachUser[] | null; error: string | null } {
  const [found, setFound] = useState<{ text: string; rows: CoachUser[] | null; error: string | null }>({ text: "", rows: null, error: null });
  useEffect(() => {
    if (!typed) return;
    let live = true;
    findPeople("coach", typed, SEARCHED).then(
      (m) => live && setFound({ text: typed, rows: m.map((p) => ({ id: p.uid, email: p.email, displayName: p.displayName })), error: null }),
      (e: unknown) => live && setFound({ text: typed, rows: null, error: describeError(e) }),
    );
    return () => {
      live = false;
    };
  }, [typed]);
  return found.text === typed ? found : { rows: null, error: null };
}

export function AdminCoaches() {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const typed = search.trim();
  // Browsing is paged by email; a search asks for the first SEARCHED by name or email instead.
  const users = collection(db, "users");
  const paged = usePagedQuery<CoachUser>(() => (typed ? null : query(users, where("role", "==", "coach"), orderBy("email"))), `coaches:${typed ? "search" : "all"}`);
  const found = useFound(typed);
  const rows = typed ? found.rows : paged.rows;
  const error = typed ? found.error : paged.error;
  return (
    <section>
      <h1>{t("adminCoaches.title")}</h1>
      <p className="muted">{t("adminCoaches.intro")}</p>
      <label>
        {t("adminCoaches.search")} <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />
      </label>
      <LoadState what={t("adminCoaches.what")} rows={rows} error={error} />
      {rows && rows.length === 0 && <p className="muted">{typed ? t("adminCoaches.noMatch", { search: typed }) : t("adminCoaches.none")}</p>}
      {rows && rows.length > 0 && (
        <table className="table" aria-label={t("adminCoaches.title")}>
          <thead>
            <tr>
              <th scope="col">{t("adminCoaches.name")}</th>
              <th scope="col">{t("adminCoaches.email")}</th>
              <th scope="col">{t("adminCoaches.stripe")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} data-uid={c.id}>
                <td>
                  <Link to={`/admin/coaches/${encodeURIComponent(c.id)}`}>{c.displayName ?? c.email ?? c.id}</Link>
                </td>
                <td>{c.email ?? "—"}</td>
                <td>
                  <StripeState uid={c.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!typed && <ShowOlder paged={paged} label={t("adminCoaches.title")} />}
    </section>
  );
}
