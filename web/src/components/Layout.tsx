import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { useSession } from "../auth";
import { ROLE_LABEL } from "../lib/roles";

export function Layout({ children }: { children: ReactNode }) {
  const session = useSession();
  return (
    <>
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Kassa home">
          Kassa <span className="muted">· Inner Journey</span>
        </Link>
        {session.user && (
          <div className="who">
            <span className="email">{session.user.email}</span>
            {session.role && <span className={`badge role-${session.role}`}>{ROLE_LABEL[session.role]}</span>}
            <button type="button" className="secondary" onClick={() => void session.signOut()}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main className="page">{children}</main>
    </>
  );
}
