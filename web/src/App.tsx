import { lazy, type ReactNode, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, Route, Routes, useLocation } from "react-router-dom";
import { useSession } from "./auth";
import { Layout } from "./components/Layout";
import { PageErrorBoundary } from "./components/PageErrorBoundary";
import { signInPath } from "./lib/deep-link";
import type { Role } from "./lib/roles";
import { SignIn } from "./pages/SignIn";

// Every role's pages load on first visit: the entry chunk holds only the shell, sign-in and
// Firebase, so a customer never downloads the admin's or accountant's pages.
const AccountantHome = lazy(() => import("./pages/AccountantHome").then((m) => ({ default: m.AccountantHome })));
const VoucherSpecificationPage = lazy(() => import("./pages/accounting/VoucherSpecificationPage").then((m) => ({ default: m.VoucherSpecificationPage })));
const AdminUsers = lazy(() => import("./pages/AdminUsers").then((m) => ({ default: m.AdminUsers })));
const CoachHome = lazy(() => import("./pages/CoachHome").then((m) => ({ default: m.CoachHome })));
const CustomerHome = lazy(() => import("./pages/CustomerHome").then((m) => ({ default: m.CustomerHome })));
const Security = lazy(() => import("./pages/Security").then((m) => ({ default: m.Security })));
const AdminApprovals = lazy(() => import("./pages/admin/Approvals").then((m) => ({ default: m.AdminApprovals })));
const AdminPayments = lazy(() => import("./pages/admin/Payments").then((m) => ({ default: m.AdminPayments })));
const FailedEvents = lazy(() => import("./pages/admin/FailedEvents").then((m) => ({ default: m.FailedEvents })));
const AdminAlerts = lazy(() => import("./pages/admin/Alerts").then((m) => ({ default: m.AdminAlerts })));
const AdminPayouts = lazy(() => import("./pages/admin/payouts").then((m) => ({ default: m.AdminPayouts })));
const AllPayouts = lazy(() => import("./pages/admin/AllPayouts").then((m) => ({ default: m.AllPayouts })));
const CoachPrograms = lazy(() => import("./pages/coach/Programs").then((m) => ({ default: m.CoachPrograms })));
const Sales = lazy(() => import("./pages/coach/Sales").then((m) => ({ default: m.Sales })));
const Purchases = lazy(() => import("./pages/customer/Purchases").then((m) => ({ default: m.Purchases })));
const AdminCoaches = lazy(() => import("./pages/admin/Coaches").then((m) => ({ default: m.AdminCoaches })));
const AdminCoach = lazy(() => import("./pages/admin/Coach").then((m) => ({ default: m.AdminCoach })));
const Analytics = lazy(() => import("./pages/admin/Analytics").then((m) => ({ default: m.Analytics })));
const AdminSettings = lazy(() => import("./pages/admin/Settings").then((m) => ({ default: m.AdminSettings })));
const AdminReports = lazy(() => import("./pages/admin/Reports").then((m) => ({ default: m.AdminReports })));
const BookingsExport = lazy(() => import("./pages/admin/Reports").then((m) => ({ default: m.BookingsExport })));
const Notifications = lazy(() => import("./pages/notifications/Notifications").then((m) => ({ default: m.Notifications })));

const HOME: Record<Role, string> = {
  customer: "/customer",
  coach: "/coach",
  admin: "/admin",
  accountant: "/accountant",
};

function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  if (session.loading)
    return (
      <p className="muted" role="status">
        {t("common.loading")}
      </p>
    );
  // Signed out on a deep link: sign-in brings the person back here, filters and all.
  if (!session.user) return <Navigate to={session.signedOutOnPurpose ? "/signin" : signInPath(location.pathname, location.search)} replace />;
  if (session.role !== role) {
    return (
      <div className="card" role="alert">
        <h2>{t("app.notForRole")}</h2>
        <p>{t("app.pageFor", { role: t(`roles.plural.${role}`), current: session.role ? t(`roles.${session.role}`) : t("roles.none") })}</p>
      </div>
    );
  }
  return (
    <Suspense
      fallback={
        <p className="muted" role="status">
          {t("common.loading")}
        </p>
      }
    >
      <PageErrorBoundary resetKey={location.pathname}>{children}</PageErrorBoundary>
    </Suspense>
  );
}

function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status">
      {t("common.loading")}
    </p>
  );
}

function Home() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.loading)
    return (
      <p className="muted" role="status">
        {t("common.loading")}
      </p>
    );
  if (!session.user) return <Navigate to="/signin" replace />;
  if (!session.role)
    return <p role="alert">{t("app.noRole")}</p>;
  return <Navigate to={HOME[session.role]} replace />;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <p>
      {t("app.notFound")} <a href="/">{t("app.goHome")}</a>
    </p>
  );
}

export function App() {
  return (
    <Layout>
      <Routes>
        <Route path="/" element={<Home />} />
        <Route path="/signin" element={<SignIn />} />
        <Route
          path="/security"
          element={
            <Suspense fallback={<Loading />}>
              <Security />
            </Suspense>
          }
        />
        <Route
          path="/customer"
          element={
            <RequireRole role="customer">
              <CustomerHome />
            </RequireRole>
          }
        />
        <Route
          path="/customer/purchases"
          element={
            <RequireRole role="customer">
              <Purchases />
            </RequireRole>
          }
        />
        <Route
          path="/coach"
          element={
            <RequireRole role="coach">
              <CoachHome />
            </RequireRole>
          }
        />
        <Route
          path="/coach/sales"
          element={
            <RequireRole role="coach">
              <Sales />
            </RequireRole>
          }
        />
        <Route
          path="/coach/programs"
          element={
            <RequireRole role="coach">
              <CoachPrograms />
            </RequireRole>
          }
        />
        <Route
          path="/admin/approvals"
          element={
            <RequireRole role="admin">
              <AdminApprovals />
            </RequireRole>
          }
        />
        <Route
          path="/admin/payments"
          element={
            <RequireRole role="admin">
              <AdminPayments />
            </RequireRole>
          }
        />
        <Route
          path="/admin/payouts"
          element={
            <RequireRole role="admin">
              <AdminPayouts />
            </RequireRole>
          }
        />
        <Route
          path="/admin/payouts/all"
          element={
            <RequireRole role="admin">
              <AllPayouts />
            </RequireRole>
          }
        />
        <Route
          path="/admin/events"
          element={
            <RequireRole role="admin">
              <FailedEvents />
            </RequireRole>
          }
        />
        <Route
          path="/admin/alerts"
          element={
            <RequireRole role="admin">
              <AdminAlerts />
            </RequireRole>
          }
        />
        <Route
          path="/admin/coaches"
          element={
            <RequireRole role="admin">
              <AdminCoaches />
            </RequireRole>
          }
        />
        <Route
          path="/admin/coaches/:uid"
          element={
            <RequireRole role="admin">
              <AdminCoach />
            </RequireRole>
          }
        />
        <Route
          path="/admin/analytics"
          element={
            <RequireRole role="admin">
              <Analytics />
            </RequireRole>
          }
        />
        <Route
          path="/admin/reports"
          element={
            <RequireRole role="admin">
              <AdminReports />
            </RequireRole>
          }
        />
        <Route
          path="/admin/settings"
          element={
            <RequireRole role="admin">
              <AdminSettings />
            </RequireRole>
          }
        />
        <Route
          path="/coach/notifications"
          element={
            <RequireRole role="coach">
              <Notifications />
            </RequireRole>
          }
        />
        <Route
          path="/accountant/vouchers/:voucherId"
          element={
            <RequireRole role="accountant">
              <VoucherSpecificationPage />
            </RequireRole>
          }
        />
        <Route
          path="/accountant/exports"
          element={
            <RequireRole role="accountant">
              <BookingsExport />
            </RequireRole>
          }
        />
        <Route
          path="/admin"
          element={
            <RequireRole role="admin">
              <AdminUsers />
            </RequireRole>
          }
        />
        <Route
          path="/accountant"
          element={
            <RequireRole role="accountant">
              <AccountantHome />
            </RequireRole>
          }
        />
        <Route
          path="*"
          element={<NotFound />}
        />
      </Routes>
    </Layout>
  );
}
