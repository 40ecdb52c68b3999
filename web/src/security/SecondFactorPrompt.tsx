/** The second step of a sign-in or re-authentication: the code from the authenticator app. */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { describeTotpError } from "./totp-errors";

export function SecondFactorPrompt({
  factorName,
  digits = 6,
  onSubmit,
  onCancel,
}: {
  factorName: string | null;
  digits?: number;
  onSubmit: (code: string) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(code);
    } catch (err) {
      setError(describeTotpError(err));
      setCode("");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="second-factor-title">
      <h2 id="second-factor-title">{t("security.codeTitle")}</h2>
      <p>{t("security.codeWhy", { digits, name: factorName ?? "Authenticator" })}</p>
      <label>
        {t("security.code")}
        <input
          name="totp"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 -]*"
          required
          autoFocus
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t("common.pleaseWait") : t("security.codeSubmit")}
      </button>{" "}
      {onCancel && (
        <button type="button" className="secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      )}
    </form>
  );
}
