import type { ReactNode } from "react";
import { Link, NavLink } from "react-router-dom";
import { useSession } from "../auth";
import { ROLE_LABEL, type Role } from "../lib/roles";
import { useUnreadCount } from "../pages/notifications/use-unread";
import { StackClockBar } from "./StackClockBar";

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
    { to: "/coach/notifications", label: "Notifications" },
  ],
  admin: [
    { to: "/admin", label: "Users" },
    { to: "/admin/payments", label: "Payments" },
    { to: "/admin/payouts", label: "Payouts" },
    { to: "/admin/events", label: "Failed events" },
    { to: "/admin/alerts", label: "Alerts" },
    { to: "/admin/analytics", label: "Analytics" },
    { to: "/admin/reports", label: "Reports" },
    { to: "/admin/settings", label: "Settings" },
  ],
  accountant: [
    { to: "/accountant", label: "Bookkeeping" },
    { to: "/accountant/exports", label: "Exports" },
  ],
};

export function Layout({ children }: { children: ReactNode }) {
  const session = useSession();
  const unread = useUnreadCount(session.role === "coach" ? (session.user?.uid ?? null) : null);
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
                {l.to === "/coach/notifications" && unread > 0 && (
                  <span className="count">
                    {unread}
                    <span className="visually-hidden"> unread</span>
                  </span>
                )}
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
      <StackClockBar />
      <main className="page">{children}</main>
    </>
  );
}
