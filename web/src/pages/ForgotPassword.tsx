/**
 * "Glömt lösenordet?": Firebase Auth mails a reset link (the Auth emulator keeps it as an
 * out-of-band code). The answer is the same whether or not the address has an account, so
 * the form cannot be used to find out who is a customer.
 */
import { sendPasswordResetEmail } from "firebase/auth";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { auth } from "../firebase";
import { describeError } from "../lib/errors";

const NOT_SAID = new Set(["auth/user-not-found", "auth/invalid-email"]);

export function ForgotPassword({ initialEmail, onDone }: { initialEmail: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState(initialEmail);
  const [state, setState] = useState<"idle" | "busy" | "sent">("idle");
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setState("busy");
    setError(null);
    try {
      await sendPasswordResetEmail(auth, email.trim());
      setState("sent");
    } catch (err) {
      const code = (err as { code?: string }).code ?? "";
      if (NOT_SAID.has(code)) return setState("sent");
      setError(describeError(err));
      setState("idle");
    }
  }

  return (
    <section className="card narrow" aria-label={t("signin.forgotTitle")}>
      <h1>{t("signin.forgotTitle")}</h1>
      {state === "sent" ? (
        <p role="status" className="ok">
          {t("signin.forgotSent", { email: email.trim() })}
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <p className="muted">{t("signin.forgotIntro")}</p>
          <label>
            {t("signin.email")}
            <input type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </label>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <button type="submit" disabled={state === "busy"}>
            {state === "busy" ? t("common.pleaseWait") : t("signin.forgotSend")}
          </button>
        </form>
      )}
      <p>
        <button type="button" className="link" onClick={onDone}>
          {t("signin.toSignin")}
        </button>
      </p>
    </section>
  );
}
