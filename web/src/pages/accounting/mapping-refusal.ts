/**
 * The server's refusal of a mapping as a sentence naming the field in the person's language
 * (never "mapping.vatBps" or an HTTP code); null when the error is not about one field.
 */
import type { TFunction } from "i18next";
import type { BasMapping } from "./api";

/** The account fields, in the form's order; their labels are accounting.mapping.fields.<key>. */
export const MAPPING_FIELDS = [
  "clearing",
  "coachLiability",
  "coachPaid",
  "commissionRevenue",
  "subscriptionRevenue",
  "outputVat",
  "paymentFees",
  "disputeSuspense",
  "bank",
  "exchangeGain",
  "exchangeLoss",
] as const satisfies readonly (keyof BasMapping)[];

// Every account field of the server's BasMapping is in the list (the server's own list,
// MAPPING_ACCOUNT_FIELDS, cannot be imported by the web): a new field fails this line.
const allAccountFields: Record<Exclude<keyof BasMapping, "vatBps">, true> = Object.fromEntries(MAPPING_FIELDS.map((f) => [f, true])) as Record<(typeof MAPPING_FIELDS)[number], true>;
void allAccountFields;

const ACCOUNT_FIELDS = new Set<string>(MAPPING_FIELDS);

/** The form's label for a mapping field ("vatBps", "bank", "series"), or null if unknown. */
export function mappingFieldLabel(field: string, t: TFunction): string | null {
  if (field === "vatBps") return t("accounting.mapping.vat");
  if (field === "series") return t("accountingView.trail.series");
  return ACCOUNT_FIELDS.has(field) ? t(`accounting.mapping.fields.${field}`) : null;
}

export function mappingRefusal(error: unknown, t: TFunction): string | null {
  const details = (error as { details?: unknown } | null)?.details;
  if (!details || typeof details !== "object") return null;
  const { field, reason, account } = details as { field?: unknown; reason?: unknown; account?: unknown };
  if (typeof field !== "string") return null;
  const name = field.replace(/^mapping\./, "");
  const label = mappingFieldLabel(name, t);
  if (!label) return null;
  const why =
    reason === "account_not_in_fortnox"
      ? t("accountingView.mappingErrors.notInFortnox", { account })
      : reason === "account_inactive_in_fortnox"
        ? t("accountingView.mappingErrors.inactive", { account })
        : name === "vatBps"
          ? t("accountingView.mappingErrors.vat")
          : name === "series"
            ? null
            : t("accountingView.mappingErrors.account");
  return why ? t("accountingView.mappingErrors.refused", { label, reason: why }) : null;
}
