import { createUserWithEmailAndPassword, sendEmailVerification } from "firebase/auth";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router-dom";
import { useSession } from "../auth";
import { auth } from "../firebase";
import { callable } from "../lib/callable";
import { nextPath } from "../lib/deep-link";
import { describeError } from "../lib/errors";
import { clearMfaRequired } from "../security/mfa-notice";
import { SecondFactorPrompt } from "../security/SecondFactorPrompt";
import { totp } from "../security/totp-client";
import { signInWithPassword, type PasswordOutcome } from "../security/totp-flow";
import { ForgotPassword } from "./ForgotPassword";

const DEMO = ["customer", "coach", "admin", "accountant"].map((r) => `${r}@kassa.test`);
const ensureProfile = callable("ensureUserProfile");

export function SignIn() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [mode, setMode] = useState<"signin" | "signup" | "forgot">("signin");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Staff with an authenticator app: the password was right, the code is still to come.
  const [challenge, setChallenge] = useState<Extract<PasswordOutcome, { kind: "code" }> | null>(null);

  // Back to the page that sent the person here (?next=), else their role's home.
  if (session.user && session.role) return <Navigate to={nextPath(location.search) ?? "/"} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === "signin") {
        const outcome = await signInWithPassword(totp, email, password);
        if (outcome.kind === "code") setChallenge(outcome);
      } else {
        const created = await createUserWithEmailAndPassword(auth, email, password);
        // The name goes to the profile (auth.tsx makes it too, unnamed; either may come first):
        // a coach's programs are sold under it, and people are shown by name, not address.
        await ensureProfile({ displayName: name });
        // Paying needs a verified address (the customer page says so and resends it).
        await sendEmailVerification(created.user).catch(() => undefined);
      }
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  if (challenge)
    return (
      <section className="card narrow">
        <h1>{t("signin.title")}</h1>
        <SecondFactorPrompt
          factorName={challenge.factor.displayName}
          onSubmit={async (code) => {
            await challenge.complete(code);
            clearMfaRequired();
          }}
          onCancel={() => setChallenge(null)}
        />
      </section>
    );

  if (mode === "forgot") return <ForgotPassword initialEmail={email} onDone={() => setMode("signin")} />;

  return (
    <section className="card narrow">
      <h1>{mode === "signin" ? t("signin.title") : t("signin.createTitle")}</h1>
      <form onSubmit={(e) => void submit(e)}>
        {mode === "signup" && (
          <label>
            {t("signin.name")}
            <input type="text" name="name" autoComplete="name" required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
            <span className="muted small">{t("signin.nameHint")}</span>
          </label>
        )}
        <label>
          {t("signin.email")}
          <input
            type="email"
            name="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t("signin.password")}
          <input
            type="password"
            name="password"
            autoComplete={mode === "signin" ? "current-password" : "new-password"}
            required
            minLength={6}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t("common.pleaseWait") : mode === "signin" ? t("signin.submit") : t("signin.create")}
        </button>
      </form>
      <p>
        <button
          type="button"
          className="link"
          onClick={() => setMode(mode === "signin" ? "signup" : "signin")}
        >
          {mode === "signin" ? t("signin.toSignup") : t("signin.toSignin")}
        </button>
      </p>
      {mode === "signin" && (
        <p>
          <button type="button" className="link" onClick={() => setMode("forgot")}>
            {t("signin.forgot")}
          </button>
        </p>
      )}
      {import.meta.env.DEV && (
        <details className="demo">
          <summary>{t("signin.demo")}</summary>
          <p>
            {t("signin.demoPassword")} <code>kassa-demo</code> {t("signin.demoFor")}{" "}
            {DEMO.map((d) => (
              <code key={d}>{d} </code>
            ))}
          </p>
        </details>
      )}
    </section>
  );
}
