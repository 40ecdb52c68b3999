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
      // Another user starts the page afresh; the same user's new token (after a code) must not,
      // or an action waiting for that re-authentication would be lost.
      key={session.user.uid}
      sdk={totp}
      unavailable={totpUnavailableHere}
      role={session.role}
      secondFactor={session.secondFactor}
      onSignOut={() => void session.signOut()}
    />
  );
}
