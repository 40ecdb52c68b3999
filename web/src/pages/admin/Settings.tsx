import { collection, limit, orderBy, query } from "firebase/firestore";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { db } from "../../firestore";
import { describeError } from "../../lib/errors";
import { formatDateTime } from "../../lib/payments";
import {
  CURRENCIES,
  changeValue,
  fieldLabel,
  type FormErrors,
  fromForm,
  getSettings,
  type SettingsChange,
  type SettingsForm,
  toForm,
  updateSettings,
} from "../../lib/settings";
import { useLiveQuery } from "../../lib/use-live-query";

interface AuditDoc {
  id: string;
  by: string;
  byEmail: string | null;
  at: number;
  changes: SettingsChange[];
}

function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: React.ReactNode;
  error?: string | undefined;
  hint?: string;
  children: (aria: {
    id: string;
    "aria-invalid": boolean;
    "aria-describedby"?: string;
  }) => React.ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-err` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        "aria-invalid": Boolean(error),
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      })}
      {hint && (
        <span id={`${id}-hint`} className="muted small">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-err`} className="error small">
          {error}
        </span>
      )}
    </div>
  );
}

function AuditTrail() {
  const { t } = useTranslation();
  const { rows, error } = useLiveQuery<AuditDoc>(
    () => query(collection(db, "settingsAudit"), orderBy("at", "desc"), limit(20)),
    [],
  );
  return (
    <section className="card" aria-labelledby="audit-h">
      <h2 id="audit-h">{t("adminSettings.audit.title")}</h2>
      {error && (
        <p role="alert" className="error">
          {t("adminSettings.audit.loadFailed", { error })}
        </p>
      )}
      {!rows && !error && (
        <p role="status" className="muted">
          {t("adminSettings.audit.loading")}
        </p>
      )}
      {rows?.length === 0 && <p className="muted">{t("adminSettings.audit.none")}</p>}
      {rows && rows.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("adminSettings.audit.when")}</th>
                <th scope="col">{t("adminSettings.audit.who")}</th>
                <th scope="col">{t("adminSettings.audit.what")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id}>
                  <td>{formatDateTime(a.at)}</td>
                  <td>{a.byEmail ?? a.by}</td>
                  <td>
                    <ul className="plain">
                      {a.changes.map((c) => (
                        <li key={c.field}>
                          {fieldLabel(c.field)}: {changeValue(c.field, c.before)} →{" "}
                          <strong>{changeValue(c.field, c.after)}</strong>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function AdminSettings() {
  const { t } = useTranslation();
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [save, setSave] = useState<{ busy: boolean; ok?: string; error?: string }>({ busy: false });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setLoadError(null);
    // Only this effect's answer may fill the form: React runs effects twice in development,
    // and a second answer arriving after the admin started typing would wipe what they typed.
    let current = true;
    getSettings({})
      .then(({ data }) => current && setForm(toForm(data)))
      .catch((e: unknown) => current && setLoadError(describeError(e)));
    return () => {
      current = false;
    };
  }, [attempt]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    const parsed = fromForm(form);
    if ("errors" in parsed) {
      setErrors(parsed.errors);
      setSave({ busy: false, error: t("adminSettings.fixFields") });
      return;
    }
    setErrors({});
    setSave({ busy: true });
    try {
      const { data } = await updateSettings(parsed.settings);
      setForm(toForm(data.settings));
      setSave({
        busy: false,
        ok:
          data.changes.length === 0
            ? t("adminSettings.nothingChanged")
            : t("adminSettings.saved", { count: data.changes.length }),
      });
    } catch (err) {
      setSave({ busy: false, error: describeError(err) });
    }
  }

  if (loadError)
    return (
      <section className="stack">
        <h1>{t("adminSettings.title")}</h1>
        <div role="alert" className="card">
          <p className="error">{t("adminSettings.loadFailed", { error: loadError })}</p>
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t("adminSettings.tryAgain")}
          </button>
        </div>
      </section>
    );
  if (!form)
    return (
      <section className="stack">
        <h1>{t("adminSettings.title")}</h1>
        <p role="status" className="muted">
          {t("adminSettings.loading")}
        </p>
      </section>
    );
  const set = (patch: Partial<SettingsForm>) => setForm({ ...form, ...patch });
  return (
    <section className="stack">
      <h1>{t("adminSettings.title")}</h1>
      <form
        className="card settings"
        onSubmit={(e) => void submit(e)}
        noValidate
        aria-label={t("adminSettings.formLabel")}
      >
        <h2>{t("adminSettings.payments")}</h2>
        <Field
          id="fee"
          label={t("adminSettings.fee")}
          error={errors.feePercent}
          hint={t("adminSettings.feeHint")}
        >
          {(a) => (
            <input
              {...a}
              inputMode="decimal"
              value={form.feePercent}
              onChange={(e) => set({ feePercent: e.target.value })}
            />
          )}
        </Field>
        <Field
          id="hold"
          label={t("adminSettings.holdDays")}
          error={errors.holdDays}
          hint={t("adminSettings.holdHint")}
        >
          {(a) => (
            <input
              {...a}
              inputMode="numeric"
              value={form.holdDays}
              onChange={(e) => set({ holdDays: e.target.value })}
            />
          )}
        </Field>
        <Field id="reversal" label={t("adminSettings.reversal")}>
          {(a) => (
            <select
              {...a}
              value={form.refundFeeReversal}
              onChange={(e) =>
                set({ refundFeeReversal: e.target.value as SettingsForm["refundFeeReversal"] })
              }
            >
              <option value="proportional">{t("adminSettings.reversalProportional")}</option>
              <option value="none">{t("adminSettings.reversalNone")}</option>
            </select>
          )}
        </Field>
        <h2>{t("adminSettings.payouts")}</h2>
        <fieldset className="minimums">
          <legend>{t("adminSettings.minimums")}</legend>
          {CURRENCIES.map((c) => (
            <Field key={c} id={`min-${c}`} label={c.toUpperCase()} error={errors[`minimums.${c}`]}>
              {(a) => (
                <input
                  {...a}
                  inputMode="decimal"
                  value={form.minimums[c]}
                  onChange={(e) => set({ minimums: { ...form.minimums, [c]: e.target.value } })}
                />
              )}
            </Field>
          ))}
        </fieldset>
        <label className="inline">
          <input
            type="checkbox"
            checked={form.requireApproval}
            onChange={(e) => set({ requireApproval: e.target.checked })}
          />
          {t("adminSettings.requireApproval")}
        </label>
        <fieldset className="minimums" aria-describedby="second-approval-hint">
          <legend>{t("adminSettings.secondApproval")}</legend>
          {CURRENCIES.map((c) => (
            <Field
              key={c}
              id={`second-${c}`}
              // The legend says what the amount is; the hidden words keep each input's name apart from the minimum's.
              label={
                <>
                  <span className="visually-hidden">{t("adminSettings.secondApprovalHidden")}</span>
                  {c.toUpperCase()}
                </>
              }
              error={errors[`secondApprovalAbove.${c}`]}
            >
              {(a) => (
                <input
                  {...a}
                  inputMode="decimal"
                  placeholder={t("adminSettings.none")}
                  value={form.secondApprovalAbove[c]}
                  onChange={(e) =>
                    set({
                      secondApprovalAbove: { ...form.secondApprovalAbove, [c]: e.target.value },
                    })
                  }
                />
              )}
            </Field>
          ))}
        </fieldset>
        <p id="second-approval-hint" className="muted small">
          {t("adminSettings.secondApprovalHint")}
        </p>
        <h2>{t("adminSettings.notifications")}</h2>
        <label className="inline">
          <input
            type="checkbox"
            checked={form.email}
            onChange={(e) => set({ email: e.target.checked })}
          />
          {t("adminSettings.email")}
        </label>
        <h2>{t("adminSettings.schedules")}</h2>
        <p className="muted">{t("adminSettings.schedulesText")}</p>
        <div className="inline">
          <button type="submit" disabled={save.busy}>
            {save.busy ? t("adminSettings.saving") : t("adminSettings.save")}
          </button>
        </div>
        {save.ok && (
          <p role="status" className="ok">
            {save.ok}
          </p>
        )}
        {save.error && (
          <p role="alert" className="error">
            {save.error}
          </p>
        )}
      </form>
      <AuditTrail />
    </section>
  );
}
