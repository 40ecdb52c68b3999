/**
 * Paying needs a verified email address (the server refuses a payment without one: card
 * testing signs up with throwaway addresses). This notice says so before the customer meets
 * the refusal, resends the link, and, once the link was opened, refreshes the ID token so the
 * server sees email_verified at once rather than within the hour.
 */
import { sendEmailVerification } from "firebase/auth";
import { useState } from "react";
import { useSession } from "../auth";

export function VerifyEmail() {
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
      } else setMessage("Not confirmed yet: open the link in the email we sent, then try again.");
    } finally {
      setBusy(false);
    }
  }

  async function resend() {
    if (!user) return;
    setBusy(true);
    try {
      await sendEmailVerification(user);
      setMessage(`A new link is on its way to ${user.email ?? "your address"}.`);
    } catch {
      setMessage("Could not send a new link just now; wait a minute and try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="notice" role="status" aria-label="Confirm your email address">
      <p>
        Confirm your email address before your first purchase: we sent a link to <strong>{user.email}</strong>.
      </p>
      <p>
        <button type="button" disabled={busy} onClick={() => void confirmed()}>
          I have opened the link
        </button>{" "}
        <button type="button" className="secondary" disabled={busy} onClick={() => void resend()}>
          Send the link again
        </button>
      </p>
      {message && <p>{message}</p>}
    </div>
  );
}
