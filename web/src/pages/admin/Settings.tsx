import { collection, limit, orderBy, query } from "firebase/firestore";
import { type FormEvent, useEffect, useState } from "react";
import { db } from "../../firebase";
import { describeError } from "../../lib/errors";
import { formatDateTime } from "../../lib/payments";
import { CURRENCIES, fieldLabel, type FormErrors, fromForm, getSettings, type SettingsChange, type SettingsForm, toForm, updateSettings } from "../../lib/settings";
import { useLiveQuery } from "../../lib/use-live-query";

interface AuditDoc {
  id: string;
  by: string;
  byEmail: string | null;
  at: number;
  changes: SettingsChange[];
}

// null: a setting with no value, e.g. no second approval for a currency.
const show = (v: unknown) => (typeof v === "boolean" ? (v ? "on" : "off") : v === null ? "none" : String(v));

function Field({ id, label, error, hint, children }: { id: string; label: React.ReactNode; error?: string | undefined; hint?: string; children: (aria: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => React.ReactNode }) {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-err` : ""].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-invalid": Boolean(error), ...(describedBy ? { "aria-describedby": describedBy } : {}) })}
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
  const { rows, error } = useLiveQuery<AuditDoc>(() => query(collection(db, "settingsAudit"), orderBy("at", "desc"), limit(20)), []);
  return (
    <section className="card" aria-labelledby="audit-h">
      <h2 id="audit-h">Changes</h2>
      {error && (
        <p role="alert" className="error">
          Could not load the audit trail: {error}
        </p>
      )}
      {!rows && !error && (
        <p role="status" className="muted">
          Loading…
        </p>
      )}
      {rows?.length === 0 && <p className="muted">No changes yet: the deployment defaults apply.</p>}
      {rows && rows.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
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
                          {fieldLabel(c.field)}: {show(c.before)} → <strong>{show(c.after)}</strong>
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
      setSave({ busy: false, error: "Fix the fields marked below." });
      return;
    }
    setErrors({});
    setSave({ busy: true });
    try {
      const { data } = await updateSettings(parsed.settings);
      setForm(toForm(data.settings));
      setSave({ busy: false, ok: data.changes.length === 0 ? "Nothing changed." : `Saved ${data.changes.length} change${data.changes.length === 1 ? "" : "s"}. New payments use them within a minute.` });
    } catch (err) {
      setSave({ busy: false, error: describeError(err) });
    }
  }

  if (loadError)
    return (
      <section className="stack">
        <h1>Settings</h1>
        <div role="alert" className="card">
          <p className="error">Could not load the settings: {loadError}</p>
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </div>
      </section>
    );
  if (!form)
    return (
      <section className="stack">
        <h1>Settings</h1>
        <p role="status" className="muted">
          Loading settings…
        </p>
      </section>
    );
  const set = (patch: Partial<SettingsForm>) => setForm({ ...form, ...patch });
  return (
    <section className="stack">
      <h1>Settings</h1>
      <form className="card settings" onSubmit={(e) => void submit(e)} noValidate aria-label="Payment and payout settings">
        <h2>Payments</h2>
        <Field id="fee" label="Platform fee (%)" error={errors.feePercent} hint="Of each program sale; 0 to 50, up to two decimals. Applies to new checkouts.">
          {(a) => <input {...a} inputMode="decimal" value={form.feePercent} onChange={(e) => set({ feePercent: e.target.value })} />}
        </Field>
        <Field id="hold" label="Hold days" error={errors.holdDays} hint="Days a coach's share waits before it can be paid out (0 to 90). Applies to new payments.">
          {(a) => <input {...a} inputMode="numeric" value={form.holdDays} onChange={(e) => set({ holdDays: e.target.value })} />}
        </Field>
        <Field id="reversal" label="Platform fee on refunds">
          {(a) => (
            <select {...a} value={form.refundFeeReversal} onChange={(e) => set({ refundFeeReversal: e.target.value as SettingsForm["refundFeeReversal"] })}>
              <option value="proportional">Given back in proportion</option>
              <option value="none">Kept by the platform</option>
            </select>
          )}
        </Field>
        <h2>Payouts</h2>
        <fieldset className="minimums">
          <legend>Minimum payout per currency</legend>
          {CURRENCIES.map((c) => (
            <Field key={c} id={`min-${c}`} label={c.toUpperCase()} error={errors[`minimums.${c}`]}>
              {(a) => <input {...a} inputMode="decimal" value={form.minimums[c]} onChange={(e) => set({ minimums: { ...form.minimums, [c]: e.target.value } })} />}
            </Field>
          ))}
        </fieldset>
        <label className="inline">
          <input type="checkbox" checked={form.requireApproval} onChange={(e) => set({ requireApproval: e.target.checked })} />
          Coach payout requests need an admin&apos;s approval
        </label>
        <fieldset className="minimums" aria-describedby="second-approval-hint">
          <legend>Second approval above, per currency</legend>
          {CURRENCIES.map((c) => (
            <Field
              key={c}
              id={`second-${c}`}
              // The legend says what the amount is; the hidden words keep each input's name apart from the minimum's.
              label={
                <>
                  <span className="visually-hidden">Second approval above </span>
                  {c.toUpperCase()}
                </>
              }
              error={errors[`secondApprovalAbove.${c}`]}
            >
              {(a) => <input {...a} inputMode="decimal" placeholder="none" value={form.secondApprovalAbove[c]} onChange={(e) => set({ secondApprovalAbove: { ...form.secondApprovalAbove, [c]: e.target.value } })} />}
            </Field>
          ))}
        </fieldset>
        <p id="second-approval-hint" className="muted small">
          Payouts above this amount need a second admin&apos;s approval (requests and weekly-run payouts alike, even with the approval box off); empty = one approval.
        </p>
        <h2>Notifications</h2>
        <label className="inline">
          <input type="checkbox" checked={form.email} onChange={(e) => set({ email: e.target.checked })} />
          Also email coaches (mail documents for the Trigger Email extension)
        </label>
        <h2>Schedules</h2>
        <p className="muted">
          Weekly payouts run Mondays at 08:00 and the Fortnox sync nightly at 02:00, both in <strong>Europe/Stockholm</strong> time; holds are released hourly. Schedules are part of the deployment, not editable here.
        </p>
        <div className="inline">
          <button type="submit" disabled={save.busy}>
            {save.busy ? "Saving…" : "Save settings"}
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
