/**
 * The settings form: effective settings <-> what the admin types, with the same limits the
 * server checks (the server checks again; this is for saying what is wrong before a round
 * trip). Money is typed in kronor and converted to öre exactly with parseKronor.
 */
import { callable } from "./callable";
import { i18n } from "../i18n";
import { intlLocale } from "../i18n/locale";
import { formatMoney, kronorText, parseKronor } from "./money";

export const CURRENCIES = ["sek", "eur", "usd", "nok", "dkk"] as const;
export type Currency = (typeof CURRENCIES)[number];

export interface EditableSettings {
  payments: { feeBps: number; holdDays: number; refundFeeReversal: "proportional" | "none" };
  payouts: {
    minimums: Record<Currency, number>;
    requireApproval: boolean;
    /** Minor units per currency above which a payout needs a second admin; null: one approval. */
    secondApprovalAbove: Record<Currency, number | null>;
  };
  notifications: { email: boolean };
}

export interface SettingsChange {
  field: string;
  before: unknown;
  after: unknown;
}

export const getSettings = callable("getSettings");
export const updateSettings = callable("updateSettings");

/** Same limits as functions/src/app/settings/settings.ts. */
export const LIMITS = {
  feeBps: { min: 0, max: 5000 },
  holdDays: { min: 0, max: 90 },
  minimum: { min: 100, max: 100_000_000 },
  secondApprovalAbove: { min: 0, max: 100_000_000 },
} as const;

export interface SettingsForm {
  /** Percent as typed, e.g. "20" or "17,5". */
  feePercent: string;
  holdDays: string;
  refundFeeReversal: "proportional" | "none";
  minimums: Record<Currency, string>;
  requireApproval: boolean;
  /** Kronor (euro, ...) as typed; empty: no second approval. */
  secondApprovalAbove: Record<Currency, string>;
  email: boolean;
}

export function toForm(s: EditableSettings): SettingsForm {
  return {
    feePercent: kronorText(s.payments.feeBps).replace(/,00$/, ""),
    holdDays: String(s.payments.holdDays),
    refundFeeReversal: s.payments.refundFeeReversal,
    minimums: Object.fromEntries(
      CURRENCIES.map((c) => [c, kronorText(s.payouts.minimums[c])]),
    ) as Record<Currency, string>,
    requireApproval: s.payouts.requireApproval,
    secondApprovalAbove: Object.fromEntries(
      CURRENCIES.map((c) => {
        // A server from before this setting sends no map: every currency reads as "none".
        const above = s.payouts.secondApprovalAbove?.[c] ?? null;
        return [c, above === null ? "" : kronorText(above)];
      }),
    ) as Record<Currency, string>,
    email: s.notifications.email,
  };
}

export type FormErrors = Partial<
  Record<
    "feePercent" | "holdDays" | `minimums.${Currency}` | `secondApprovalAbove.${Currency}`,
    string
  >
>;

/**
 * Form -> settings, or the errors per field. A fee percent has at most two decimals, so it
 * maps to whole basis points exactly (17,25 % -> 1725 bps), with the same digit parser as money.
 */
export function fromForm(
  form: SettingsForm,
): { settings: EditableSettings } | { errors: FormErrors } {
  const errors: FormErrors = {};
  const feeBps = parseKronor(form.feePercent);
  if (feeBps === null || feeBps < LIMITS.feeBps.min || feeBps > LIMITS.feeBps.max)
    errors.feePercent = i18n.t("adminSettings.errors.fee", { max: LIMITS.feeBps.max / 100 });
  const holdText = form.holdDays.trim();
  const holdDays = /^\d{1,3}$/.test(holdText) ? Number(holdText) : NaN;
  if (
    !Number.isInteger(holdDays) ||
    holdDays < LIMITS.holdDays.min ||
    holdDays > LIMITS.holdDays.max
  )
    errors.holdDays = i18n.t("adminSettings.errors.holdDays", {
      min: LIMITS.holdDays.min,
      max: LIMITS.holdDays.max,
    });
  const minimums = {} as Record<Currency, number>;
  for (const c of CURRENCIES) {
    const ore = parseKronor(form.minimums[c]);
    if (ore === null || ore < LIMITS.minimum.min || ore > LIMITS.minimum.max)
      errors[`minimums.${c}`] = i18n.t("adminSettings.errors.minimum", {
        min: LIMITS.minimum.min / 100,
        max: (LIMITS.minimum.max / 100).toLocaleString("sv-SE"),
      });
    else minimums[c] = ore;
  }
  const secondApprovalAbove = {} as Record<Currency, number | null>;
  for (const c of CURRENCIES) {
    const text = form.secondApprovalAbove[c].trim();
    const ore = text === "" ? null : parseKronor(text);
    if (text === "") secondApprovalAbove[c] = null;
    else if (
      ore === null ||
      ore < LIMITS.secondApprovalAbove.min ||
      ore > LIMITS.secondApprovalAbove.max
    )
      errors[`secondApprovalAbove.${c}`] = i18n.t("adminSettings.errors.secondApproval", {
        max: (LIMITS.secondApprovalAbove.max / 100).toLocaleString("sv-SE"),
      });
    else secondApprovalAbove[c] = ore;
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    settings: {
      payments: { feeBps: feeBps!, holdDays, refundFeeReversal: form.refundFeeReversal },
      payouts: { minimums, requireApproval: form.requireApproval, secondApprovalAbove },
      notifications: { email: form.email },
    },
  };
}

/** How an audit field reads to a person ("Plattformsavgift", "Lägsta utbetalning SEK"). */
const FIELD_KEY: Record<string, string> = {
  "payments.feeBps": "fee",
  "payments.holdDays": "holdDays",
  "payments.refundFeeReversal": "reversal",
  "payouts.requireApproval": "requireApproval",
  "notifications.email": "email",
};

const perCurrency = (
  field: string,
): { kind: "minimum" | "secondApproval"; currency: string } | null => {
  const m = /^payouts\.(minimums|secondApprovalAbove)\.(\w+)$/.exec(field);
  return m ? { kind: m[1] === "minimums" ? "minimum" : "secondApproval", currency: m[2]! } : null;
};

export function fieldLabel(field: string): string {
  const c = perCurrency(field);
  if (c) return i18n.t(`adminSettings.field.${c.kind}`, { currency: c.currency.toUpperCase() });
  const key = FIELD_KEY[field];
  return key ? i18n.t(`adminSettings.field.${key}`) : field;
}

/** Basis points as a percent in the page's language, exactly ("15,5 %", "20 %"). */
export function percentText(bps: number): string {
  const whole = Math.trunc(bps / 100);
  const frac = String(Math.abs(bps % 100))
    .padStart(2, "0")
    .replace(/0+$/, "");
  const decimal = (1.5).toLocaleString(intlLocale()).charAt(1);
  return `${whole}${frac ? `${decimal}${frac}` : ""}\u00a0%`;
}

/**
 * An audited value as a person reads it: the fee in percent, days as days, money in its
 * currency (the server stores minor units), choices and switches in words.
 */
export function changeValue(field: string, value: unknown): string {
  if (value === null || value === undefined) return i18n.t("adminSettings.value.none");
  if (typeof value === "boolean")
    return i18n.t(value ? "adminSettings.value.on" : "adminSettings.value.off");
  const c = perCurrency(field);
  if (c && typeof value === "number") return formatMoney({ amount: value, currency: c.currency });
  if (field === "payments.feeBps" && typeof value === "number") return percentText(value);
  if (field === "payments.holdDays" && typeof value === "number")
    return i18n.t("adminSettings.value.days", { count: value });
  if (field === "payments.refundFeeReversal")
    return i18n.t(
      value === "none" ? "adminSettings.value.kept" : "adminSettings.value.proportional",
    );
  return String(value);
}
