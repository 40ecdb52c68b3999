import type { ReactNode } from "react";
import { Link, NavLink } from "react-router-dom";
import { useSession } from "../auth";
import { ROLE_LABEL, type Role } from "../lib/roles";

/** Each role's pages; capabilities add their links here. */
const NAV: Record<Role, { to: string; label: string }[]> = {
  customer: [
    { to: "/customer", label: "Programs" },
    { to: "/customer/purchases", label: "Purchases" },
  ],
  coach: [
    { to: "/coach", label: "Overview" },
    { to: "/coach/sales", label: "Sales" },
    { to: "/coach/programs", label: "Programs" },
  ],
  admin: [
    { to: "/admin", label: "Users" },
    { to: "/admin/payments", label: "Payments" },
    { to: "/admin/payouts", label: "Payouts" },
    { to: "/admin/events", label: "Failed events" },
    { to: "/admin/alerts", label: "Alerts" },
  ],
  accountant: [{ to: "/accountant", label: "Bookkeeping" }],
};

export function Layout({ children }: { children: ReactNode }) {
  const session = useSession();
  return (
    <>
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Kassa home">
          Kassa <span className="muted">· Inner Journey</span>
        </Link>
        {session.user && session.role && (
          <nav className="nav" aria-label="Main">
            {NAV[session.role].map((l) => (
              <NavLink
                key={l.to}
                to={l.to}
                end
                className={({ isActive }) => (isActive ? "active" : "")}
              >
                {l.label}
              </NavLink>
            ))}
          </nav>
        )}
        {session.user && (
          <div className="who">
            <span className="email">{session.user.email}</span>
            {session.role && (
              <span className={`badge role-${session.role}`}>{ROLE_LABEL[session.role]}</span>
            )}
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
