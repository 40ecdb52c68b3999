import { Navigate } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { useSession } from "../auth";
import { SecurityView } from "../security/SecurityView";
import { totp, totpUnavailableHere } from "../security/totp-client";

/** /security: staff set up the authenticator app the server asks of them (security/SecurityView.tsx). */
export function Security() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.loading)
    return (
      <p className="muted" role="status">
        {t("common.loading")}
      </p>
    );
  if (!session.user) return <Navigate to="/signin" replace />;
  return (
    <SecurityView
      // A new sign-in (another user, or the same one after the code) starts the page afresh.
      key={`${session.user.uid}:${session.secondFactor ?? "password"}`}
      sdk={totp}
      unavailable={totpUnavailableHere}
      role={session.role}
      secondFactor={session.secondFactor}
      onSignOut={() => void session.signOut()}
    />
  );
}
