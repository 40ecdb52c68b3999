import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink } from "react-router-dom";
import { useSession } from "../auth";
import { ROLE_LABEL, type Role } from "../lib/roles";
import { useUnreadCount } from "../pages/notifications/use-unread";
import { StackClockBar } from "./StackClockBar";
import { badgeText, useAdminCounts } from "./admin-badges";
import { LanguagePicker } from "./LanguagePicker";
import { MfaBanner } from "./MfaBanner";

/** Each role's pages (labels are catalogue keys); capabilities add their links here. */
const NAV: Record<Role, { to: string; label: string }[]> = {
  customer: [
    { to: "/customer", label: "nav.programs" },
    { to: "/customer/purchases", label: "nav.purchases" },
  ],
  coach: [
    { to: "/coach", label: "nav.overview" },
    { to: "/coach/sales", label: "nav.sales" },
    { to: "/coach/programs", label: "nav.programs" },
    { to: "/coach/notifications", label: "nav.notifications" },
  ],
  admin: [
    { to: "/admin", label: "nav.users" },
    { to: "/admin/approvals", label: "nav.approvals" },
    { to: "/admin/payments", label: "nav.payments" },
    { to: "/admin/coaches", label: "adminCoaches.title" },
    { to: "/admin/payouts", label: "nav.payouts" },
    { to: "/admin/events", label: "nav.failedEvents" },
    { to: "/admin/alerts", label: "nav.alerts" },
    { to: "/admin/analytics", label: "nav.analytics" },
    { to: "/admin/reports", label: "nav.reports" },
    { to: "/admin/settings", label: "nav.settings" },
    { to: "/security", label: "nav.security" },
  ],
  accountant: [
    { to: "/accountant", label: "nav.bookkeeping" },
    { to: "/accountant/exports", label: "nav.exports" },
    { to: "/security", label: "nav.security" },
  ],
};

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const unread = useUnreadCount(session.role === "coach" ? (session.user?.uid ?? null) : null);
  const counts = useAdminCounts(session.role === "admin" && !!session.user);
  // What waits on each admin page: its badge count and the words a screen reader hears after it.
  const waiting: Record<string, { n: number; words: string }> = {
    "/admin/alerts": { n: counts.alerts, words: "layout.openAlerts" },
    "/admin/approvals": { n: counts.approvals, words: "layout.waiting" },
    "/admin/payouts": { n: counts.payoutRequests, words: "layout.waiting" },
  };
  return (
    <>
      <header className="topbar">
        <Link to="/" className="brand" aria-label={t("layout.home")}>
          Kassa <span className="muted">· Inner Journey</span>
        </Link>
        {session.user && session.role && (
          <nav className="nav" aria-label={t("layout.mainNav")}>
            {NAV[session.role].map((l) => (
              <NavLink
                key={l.to}
                to={l.to}
                end
                className={({ isActive }) => (isActive ? "active" : "")}
              >
                {t(l.label)}
                {l.to === "/coach/notifications" && unread > 0 && (
                  <span className="count">
                    {unread}
                    <span className="visually-hidden">{t("layout.unread")}</span>
                  </span>
                )}
                {(waiting[l.to]?.n ?? 0) > 0 && (
                  <span className="count" data-testid={`badge-${l.to.split("/").pop()}`}>
                    {badgeText(waiting[l.to]!.n)}
                    <span className="visually-hidden">{t(waiting[l.to]!.words)}</span>
                  </span>
                )}
              </NavLink>
            ))}
          </nav>
        )}
        <LanguagePicker />
        {session.user && (
          <div className="who">
            <span className="email">{session.user.email}</span>
            {session.role && (
              <span className={`badge role-${session.role}`}>{ROLE_LABEL[session.role]}</span>
            )}
            <button type="button" className="secondary" onClick={() => void session.signOut()}>
              {t("layout.signOut")}
            </button>
          </div>
        )}
      </header>
      <StackClockBar />
      <MfaBanner />
      <main className="page">{children}</main>
    </>
  );
}
