import { useTranslation } from "react-i18next";
import { formatStockholm } from "../../lib/money";
import type { MappingChange } from "./api";
import { mappingFieldLabel } from "./mapping-refusal";

/** A mapping value as the accountant reads it: a VAT rate in %, an account or series as is. */
function shown(field: string, value: number | string | null, none: string): string {
  if (value === null) return none;
  return field === "vatBps" && typeof value === "number" ? `${value / 100} %` : String(value);
}

/** Who changed the mapping, when, old → new: the server's trail, newest first. */
export function MappingTrail({ changes }: { changes: MappingChange[] | null }) {
  const { t } = useTranslation();
  if (changes === null) return null;
  return (
    <section aria-labelledby="mapping-trail">
      <h3 id="mapping-trail">{t("accountingView.trail.title")}</h3>
      {changes.length === 0 && <p className="muted">{t("accountingView.trail.none")}</p>}
      {changes.length > 0 && (
        <ul aria-label={t("accountingView.trail.listLabel")} data-testid="mapping-trail">
          {changes.map((c) => (
            <li key={`${c.at}-${c.by}`}>
              {t("accountingView.trail.line", {
                when: formatStockholm(c.at, { dateStyle: "medium", timeStyle: "short" }),
                who: c.byEmail ?? c.by,
              })}
              :{" "}
              {c.changes
                .map((ch) =>
                  t("accountingView.trail.change", {
                    field: mappingFieldLabel(ch.field, t) ?? ch.field,
                    from: shown(ch.field, ch.from, t("accountingView.trail.none_value")),
                    to: shown(ch.field, ch.to, t("accountingView.trail.none_value")),
                  }),
                )
                .join("; ")}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
