/**
 * The Security page ("Tvåstegsverifiering"): set up, see and remove the authenticator app
 * that staff sign in with. Everything goes through a TotpSdk, so the page renders and runs in
 * tests without Firebase; in the emulator it says TOTP cannot be had there instead of trying.
 */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../lib/payments";
import { isStaff, type Role } from "../lib/roles";
import { SecondFactorPrompt } from "./SecondFactorPrompt";
import { describeTotpError } from "./totp-errors";
import { beginEnrollment, problemOf, reauthenticate, removeFactor, totpFactors, type Enrollment, type PasswordOutcome } from "./totp-flow";
import type { TotpSdk } from "./totp-sdk";

type Done = "active" | "sign_in_again" | "removed";

/** Groups the base32 key in fours, as authenticator apps show it, so it can be typed. */
const grouped = (key: string): string => key.replace(/(.{4})(?=.)/g, "$1 ");

export function SecurityView({
  sdk,
  unavailable,
  role,
  secondFactor,
  onSignOut,
}: {
  sdk: TotpSdk;
  /** True in the emulator, which cannot enroll TOTP. */
  unavailable: boolean;
  role: Role | null;
  secondFactor: string | null;
  onSignOut: () => void;
}) {
  const { t } = useTranslation();
  const [factors, setFactors] = useState(() => totpFactors(sdk));
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  // An action Firebase refused for a stale sign-in, run again once the password (and code) are confirmed.
  const [pending, setPending] = useState<(() => Promise<void>) | null>(null);
  const [reauthStep, setReauthStep] = useState<Extract<PasswordOutcome, { kind: "code" }> | null>(null);
  const [password, setPassword] = useState("");

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      if (problemOf(e) === "recent_login") setPending(() => action);
      else setError(describeTotpError(e));
    } finally {
      setBusy(false);
    }
  }

  const start = () =>
    run(async () => {
      setDone(null);
      setEnrollment(await beginEnrollment(sdk));
    });

  const remove = (uid: string) => {
    if (!window.confirm(t("security.removeConfirm"))) return;
    void run(async () => {
      await removeFactor(sdk, uid);
      setFactors(totpFactors(sdk));
      setDone("removed");
    });
  };

  async function confirm(e: FormEvent) {
    e.preventDefault();
    if (!enrollment) return;
    await run(async () => {
      const result = await enrollment.confirm(code);
      setEnrollment(null);
      setCode("");
      setFactors(totpFactors(sdk));
      setDone(result);
    });
  }

  async function afterReauth() {
    const action = pending;
    setPending(null);
    setReauthStep(null);
    setPassword("");
    if (action) await run(action);
  }

  async function confirmPassword(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const outcome = await reauthenticate(sdk, password);
      if (outcome.kind === "code") setReauthStep(outcome);
      else await afterReauth();
    } catch (err) {
      setError(describeTotpError(err));
    } finally {
      setBusy(false);
    }
  }

  const header = (
    <>
      <h1>{t("security.title")}</h1>
      <p>{t("security.intro")}</p>
    </>
  );
  if (!isStaff(role)) {
    return (
      <section className="card">
        {header}
        <p>{t("security.notStaff")}</p>
      </section>
    );
  }
  if (unavailable) {
    return (
      <section className="card">
        {header}
        <p className="notice" role="note">
          {t("security.emulator")}
        </p>
      </section>
    );
  }

  return (
    <section className="card">
      {header}
      <p className={secondFactor === "totp" ? "ok" : "error"} role="status">
        {secondFactor === "totp" ? t("security.sessionTotp") : t("security.sessionPasswordOnly")}
      </p>

      {done && (
        <div className="notice" role="status">
          <p>{t(`security.${done === "sign_in_again" ? "signInAgain" : done}`)}</p>
          {done === "sign_in_again" && (
            <button type="button" onClick={onSignOut}>
              {t("security.signOutNow")}
            </button>
          )}
        </div>
      )}

      {pending && !reauthStep && (
        <form onSubmit={(e) => void confirmPassword(e)} aria-labelledby="reauth-title">
          <h2 id="reauth-title">{t("security.passwordTitle")}</h2>
          <p>{t("security.passwordWhy")}</p>
          <label>
            {t("security.password")}
            <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <button type="submit" disabled={busy}>
            {busy ? t("common.pleaseWait") : t("security.continue")}
          </button>{" "}
          <button type="button" className="secondary" onClick={() => setPending(null)}>
            {t("common.cancel")}
          </button>
        </form>
      )}
      {pending && reauthStep && (
        <SecondFactorPrompt
          factorName={reauthStep.factor.displayName}
          onSubmit={async (c) => {
            await reauthStep.complete(c);
            await afterReauth();
          }}
          onCancel={() => {
            setPending(null);
            setReauthStep(null);
          }}
        />
      )}

      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}

      <h2>{t("security.enrolledTitle")}</h2>
      {factors.length === 0 ? (
        <p className="muted">{t("security.none")}</p>
      ) : (
        <ul>
          {factors.map((f) => (
            <li key={f.uid}>
              {t("security.enrolledOn", { name: f.displayName ?? "Authenticator", date: formatDate(Date.parse(f.enrollmentTime)) })}{" "}
              <button type="button" className="secondary" disabled={busy || pending !== null} onClick={() => remove(f.uid)}>
                {t("security.remove")}
              </button>
            </li>
          ))}
        </ul>
      )}

      {factors.length === 0 && !enrollment && (
        <button type="button" disabled={busy || pending !== null} onClick={() => void start()}>
          {busy ? t("common.pleaseWait") : t("security.start")}
        </button>
      )}

      {enrollment && (
        <form onSubmit={(e) => void confirm(e)} aria-label={t("security.start")}>
          <p>{t("security.step1")}</p>
          <p>
            {t("security.secretKey")}: <code data-testid="totp-secret">{grouped(enrollment.secretKey)}</code>
          </p>
          <p>
            <a href={enrollment.otpauthUrl}>{t("security.openInApp")}</a>
          </p>
          <p>{t("security.step2", { digits: enrollment.codeLength })}</p>
          <label>
            {t("security.code")}
            <input
              name="totp"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 -]*"
              required
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </label>
          <p className="muted">{t("security.deadline", { time: new Date(enrollment.deadline).toLocaleTimeString() })}</p>
          <button type="submit" disabled={busy}>
            {busy ? t("common.pleaseWait") : t("security.confirm")}
          </button>
        </form>
      )}
    </section>
  );
}
