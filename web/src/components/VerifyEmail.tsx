/**
 * Paying needs a verified email address (the server refuses a payment without one: card
 * testing signs up with throwaway addresses). This notice says so before the customer meets
 * the refusal, resends the link, and, once the link was opened, refreshes the ID token so the
 * server sees email_verified at once rather than within the hour.
 */
import { sendEmailVerification } from "firebase/auth";
import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { useSession } from "../auth";

export function VerifyEmail() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [verified, setVerified] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!user || user.emailVerified || verified) return null;

  async function confirmed() {
    if (!user) return;
    setBusy(true);
    try {
      await user.reload();
      if (user.emailVerified) {
        await user.getIdToken(true);
        setVerified(true);
      } else setMessage(t("verifyEmail.notYet"));
    } finally {
      setBusy(false);
    }
  }

  async function resend() {
    if (!user) return;
    setBusy(true);
    try {
      await sendEmailVerification(user);
      setMessage(t("verifyEmail.sent", { email: user.email ?? "" }));
    } catch {
      setMessage(t("verifyEmail.sendFailed"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="notice" role="status" aria-label={t("verifyEmail.label")}>
      <p>
        <Trans i18nKey="verifyEmail.intro" values={{ email: user.email ?? "" }} components={{ b: <strong /> }} />
      </p>
      <p>
        <button type="button" disabled={busy} onClick={() => void confirmed()}>
          {t("verifyEmail.opened")}
        </button>{" "}
        <button type="button" className="secondary" disabled={busy} onClick={() => void resend()}>
          {t("verifyEmail.resend")}
        </button>
      </p>
      {message && <p>{message}</p>}
    </div>
  );
}
