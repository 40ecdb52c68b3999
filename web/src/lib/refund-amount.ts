/**
 * The refund dialog's amount, as the admin types it in kronor: required (there is no "empty
 * means everything"), at most two decimals, above zero and not above what is left. Each
 * refusal is a sentence in the active language naming the amount in kronor, never in öre.
 */
import { i18n } from "../i18n";
import { formatMoney, parseKronor } from "./money";

/** The error for the typed text, or null when it is an amount that can be refunded. */
export function refundAmountError(text: string, left: number, currency: string): string | null {
  const v = text.trim();
  if (v === "") return i18n.t("refund.amountRequired");
  if (/^[-−]/.test(v)) return i18n.t("refund.amountNegative");
  if (/[.,]\d{3,}$/.test(v)) return i18n.t("refund.amountDecimals");
  const amount = parseKronor(v);
  if (amount === null) return i18n.t("refund.amountNotNumber");
  if (amount === 0) return i18n.t("refund.amountZero");
  if (amount > left) return i18n.t("refund.amountTooLarge", { left: formatMoney({ amount: left, currency }) });
  return null;
}

/** The öre of a text that refundAmountError accepted. */
export function refundAmount(text: string): number {
  const amount = parseKronor(text);
  if (amount === null || amount <= 0) throw new Error("refundAmount: the text was not validated");
  return amount;
}
