import { useTranslation } from "react-i18next";
import type { PagedRows } from "../lib/use-paged-query";

/** The "Show older" button under a paged list; absent when the last page was short. */
export function ShowOlder({ paged, label }: { paged: Pick<PagedRows<never>, "hasMore" | "loadingMore" | "more">; label: string }) {
  const { t } = useTranslation();
  if (!paged.hasMore) return null;
  return (
    <button type="button" className="secondary" aria-label={`${t("common.showOlder")}: ${label}`} disabled={paged.loadingMore} onClick={() => void paged.more()}>
      {paged.loadingMore ? t("common.loadingOlder") : t("common.showOlder")}
    </button>
  );
}
