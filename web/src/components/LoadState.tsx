/**
 * What a live list shows in place of its rows: why it could not load (rules, a missing index,
 * no network), or that it is still loading. Nothing once rows are there, so an empty table
 * never claims "none" while the answer is still on its way.
 */
import { useTranslation } from "react-i18next";

export function LoadState({ what, rows, error }: { what: string; rows: unknown[] | null; error: string | null }) {
  const { t } = useTranslation();
  if (error)
    return (
      <p role="alert" className="error">
        {t("load.failed", { what, error })}
      </p>
    );
  if (!rows)
    return (
      <p role="status" className="muted">
        {t("common.loading")}
      </p>
    );
  return null;
}
