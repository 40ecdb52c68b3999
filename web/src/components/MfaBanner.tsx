/**
 * A line under the top bar for staff whose session lacks the second factor the server asks
 * for, linking to the page that fixes it; not shown on that page itself.
 */
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router-dom";
import { useSession } from "../auth";
import { useEmulators } from "../firebase";
import { needsSecondFactor, useMfaRefused } from "../security/mfa-notice";

export function MfaBanner() {
  const { t } = useTranslation();
  const session = useSession();
  const refused = useMfaRefused();
  const { pathname } = useLocation();
  if (session.loading || !session.user || pathname === "/security") return null;
  if (!needsSecondFactor(session, useEmulators, refused)) return null;
  return (
    <p className="notice page" role="alert" data-testid="mfa-banner">
      {t("security.required")} <Link to="/security">{t("security.requiredLink")}</Link>
    </p>
  );
}
