import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { describeError } from "../../lib/errors";
import { MappingTrail } from "./MappingTrail";
import { api, type BasMapping, type MappingChange } from "./api";
import { MAPPING_FIELDS, mappingRefusal } from "./mapping-refusal";
import type { VAT_RATES_BPS } from "@server/contracts/vocabulary";

type VatRate = (typeof VAT_RATES_BPS)[number];

const FIELDS = MAPPING_FIELDS;

/** The BAS accounts each flow books to; checked on the server against Fortnox's chart. */
export function MappingForm() {
  const { t } = useTranslation();
  const [mapping, setMapping] = useState<BasMapping | null>(null);
  const [defaults, setDefaults] = useState<BasMapping | null>(null);
  const [changes, setChanges] = useState<MappingChange[] | null>(null);
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
        setChanges(res.changes);
      },
      (e: unknown) =>
        current && setMessage({ ok: false, text: t("accounting.mapping.loadFailed", { error: describeError(e) }) }),
    );
    return () => {
      current = false;
    };
  }, [t]);

  const localProblem = (m: BasMapping): string | null => {
    for (const f of FIELDS) {
      const v = m[f];
      if (!Number.isInteger(v) || v < 1000 || v > 9999)
        return t("accounting.mapping.badAccount", { label: t(`accounting.mapping.fields.${f}`) });
    }
    if (![2500, 1200, 600, 0].includes(m.vatBps)) return t("accounting.mapping.badVat");
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
      // localProblem refused any other rate, so this is one of the Swedish ones the contract takes.
      const res = await api.updateMapping({ mapping: { ...mapping, vatBps: mapping.vatBps as VatRate } });
      setMessage({
        ok: true,
        text: res.warning ?? t("accounting.mapping.saved"),
      });
      // The trail as the server wrote it with the change (the form keeps what was typed).
      void api.mapping({}).then((r) => setChanges(r.changes), () => undefined);
    } catch (err) {
      // A refusal names the field in the person's language; what was typed stays in the form.
      setMessage({ ok: false, text: mappingRefusal(err, t) ?? describeError(err) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card" aria-labelledby="mapping">
      <h2 id="mapping">{t("accounting.mapping.title")}</h2>
      {!mapping && !message && (
        <p className="muted" role="status">
          {t("accounting.mapping.loading")}
        </p>
      )}
      {mapping && (
        <form onSubmit={save}>
          {FIELDS.map((f) => (
            <label key={f} className="field">
              {t(`accounting.mapping.fields.${f}`)}{" "}
              <input
                type="number"
                inputMode="numeric"
                value={Number.isNaN(mapping[f]) ? "" : mapping[f]}
                onChange={(e) => setMapping({ ...mapping, [f]: e.target.valueAsNumber })}
              />
              {defaults && defaults[f] !== mapping[f] && (
                <span className="muted"> {t("accounting.mapping.default", { account: defaults[f] })}</span>
              )}
            </label>
          ))}
          <label className="field">
            {t("accounting.mapping.vat")}{" "}
            <input
              type="number"
              step="1"
              list="vat-rates"
              value={Number.isNaN(mapping.vatBps) ? "" : mapping.vatBps / 100}
              onChange={(e) =>
                setMapping({ ...mapping, vatBps: Math.round(e.target.valueAsNumber * 100) })
              }
            />
          </label>
          {/* The Swedish rates: the only ones the server accepts. */}
          <datalist id="vat-rates">
            {[25, 12, 6, 0].map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
          <button type="submit" disabled={saving}>
            {saving ? t("accounting.saving") : t("accounting.mapping.save")}
          </button>
        </form>
      )}
      {message && <p role={message.ok ? "status" : "alert"}>{message.text}</p>}
      <MappingTrail changes={changes} />
    </section>
  );
}
