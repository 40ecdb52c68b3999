import { useEffect, useState, type FormEvent } from "react";
import { describeError } from "../../lib/errors";
import { api, type BasMapping } from "./api";

const FIELDS: { key: keyof BasMapping; label: string }[] = [
  { key: "clearing", label: "Card receivables at Stripe" },
  { key: "coachLiability", label: "Liability to coaches" },
  { key: "coachPaid", label: "Coach payouts (out of)" },
  { key: "commissionRevenue", label: "Commission revenue (excl. VAT)" },
  { key: "subscriptionRevenue", label: "Subscription revenue (excl. VAT)" },
  { key: "outputVat", label: "Output VAT" },
  { key: "paymentFees", label: "Bank and payment fees" },
  { key: "disputeSuspense", label: "Disputed funds" },
  { key: "bank", label: "Bank account" },
  { key: "exchangeGain", label: "Exchange-rate gains" },
  { key: "exchangeLoss", label: "Exchange-rate losses" },
];

/** The BAS accounts each flow books to; checked on the server against Fortnox's chart. */
export function MappingForm() {
  const [mapping, setMapping] = useState<BasMapping | null>(null);
  const [defaults, setDefaults] = useState<BasMapping | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    // Only this effect's answer may fill the form (React runs effects twice in development; a
    // late second answer would wipe what the accountant typed).
    let current = true;
    api.mapping({}).then(
      (res) => {
        if (!current) return;
        setMapping(res.mapping);
        setDefaults(res.defaults);
      },
      (e: unknown) =>
        current && setMessage({ ok: false, text: `Could not load the mapping: ${describeError(e)}` }),
    );
    return () => {
      current = false;
    };
  }, []);

  const localProblem = (m: BasMapping): string | null => {
    for (const f of FIELDS) {
      const v = m[f.key];
      if (!Number.isInteger(v) || v < 1000 || v > 9999)
        return `${f.label}: must be a BAS account number between 1000 and 9999`;
    }
    if (![2500, 1200, 600, 0].includes(m.vatBps)) return "VAT: must be 25, 12, 6 or 0 %";
    return null;
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!mapping) return;
    const problem = localProblem(mapping);
    if (problem) return setMessage({ ok: false, text: problem });
    setSaving(true);
    setMessage(null);
    try {
      const res = await api.updateMapping({ mapping });
      setMessage({
        ok: true,
        text: res.warning ?? "Saved; checked against Fortnox's chart of accounts.",
      });
    } catch (err) {
      setMessage({ ok: false, text: describeError(err) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card" aria-labelledby="mapping">
      <h2 id="mapping">Account mapping (BAS)</h2>
      {!mapping && !message && (
        <p className="muted" role="status">
          Loading the mapping…
        </p>
      )}
      {mapping && (
        <form onSubmit={save}>
          {FIELDS.map((f) => (
            <label key={f.key} className="field">
              {f.label}{" "}
              <input
                type="number"
                inputMode="numeric"
                value={Number.isNaN(mapping[f.key]) ? "" : mapping[f.key]}
                onChange={(e) => setMapping({ ...mapping, [f.key]: e.target.valueAsNumber })}
              />
              {defaults && defaults[f.key] !== mapping[f.key] && (
                <span className="muted"> (default {defaults[f.key]})</span>
              )}
            </label>
          ))}
          <label className="field">
            VAT on platform revenue (%){" "}
            <input
              type="number"
              step="0.01"
              value={mapping.vatBps / 100}
              onChange={(e) =>
                setMapping({ ...mapping, vatBps: Math.round(e.target.valueAsNumber * 100) })
              }
            />
          </label>
          <button type="submit" disabled={saving}>
            {saving ? "Saving…" : "Save mapping"}
          </button>
        </form>
      )}
      {message && <p role={message.ok ? "status" : "alert"}>{message.text}</p>}
    </section>
  );
}
