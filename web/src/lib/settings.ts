/**
 * The settings form: effective settings <-> what the admin types, with the same limits the
 * server checks (the server checks again; this is for saying what is wrong before a round
 * trip). Money is typed in kronor and converted to öre exactly with parseKronor.
 */
import { httpsCallable } from "firebase/functions";
import { functions } from "../firebase";
import { kronorText, parseKronor } from "./money";

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

export const getSettings = httpsCallable<Record<string, never>, EditableSettings>(functions, "getSettings");
export const updateSettings = httpsCallable<
  EditableSettings,
  { settings: EditableSettings; changes: SettingsChange[]; auditId: string | null }
>(functions, "updateSettings");

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
    minimums: Object.fromEntries(CURRENCIES.map((c) => [c, kronorText(s.payouts.minimums[c])])) as Record<Currency, string>,
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

export type FormErrors = Partial<Record<"feePercent" | "holdDays" | `minimums.${Currency}` | `secondApprovalAbove.${Currency}`, string>>;

/**
 * Form -> settings, or the errors per field. A fee percent has at most two decimals, so it
 * maps to whole basis points exactly (17,25 % -> 1725 bps), with the same digit parser as money.
 */
export function fromForm(form: SettingsForm): { settings: EditableSettings } | { errors: FormErrors } {
  const errors: FormErrors = {};
  const feeBps = parseKronor(form.feePercent);
  if (feeBps === null || feeBps < LIMITS.feeBps.min || feeBps > LIMITS.feeBps.max)
    errors.feePercent = `Write a percent from 0 to ${LIMITS.feeBps.max / 100}, at most two decimals (e.g. 20 or 17,5).`;
  const holdText = form.holdDays.trim();
  const holdDays = /^\d{1,3}$/.test(holdText) ? Number(holdText) : NaN;
  if (!Number.isInteger(holdDays) || holdDays < LIMITS.holdDays.min || holdDays > LIMITS.holdDays.max)
    errors.holdDays = `Write whole days from ${LIMITS.holdDays.min} to ${LIMITS.holdDays.max}.`;
  const minimums = {} as Record<Currency, number>;
  for (const c of CURRENCIES) {
    const ore = parseKronor(form.minimums[c]);
    if (ore === null || ore < LIMITS.minimum.min || ore > LIMITS.minimum.max)
      errors[`minimums.${c}`] = `Write an amount from ${LIMITS.minimum.min / 100} to ${(LIMITS.minimum.max / 100).toLocaleString("sv-SE")}, e.g. 100 or 99,50.`;
    else minimums[c] = ore;
  }
  const secondApprovalAbove = {} as Record<Currency, number | null>;
  for (const c of CURRENCIES) {
    const text = form.secondApprovalAbove[c].trim();
    const ore = text === "" ? null : parseKronor(text);
    if (text === "") secondApprovalAbove[c] = null;
    else if (ore === null || ore < LIMITS.secondApprovalAbove.min || ore > LIMITS.secondApprovalAbove.max)
      errors[`secondApprovalAbove.${c}`] = `Write an amount from 0 to ${(LIMITS.secondApprovalAbove.max / 100).toLocaleString("sv-SE")}, e.g. 5000 or 4999,50, or leave it empty for one approval.`;
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

/** How an audit field reads to a person. */
export const FIELD_LABEL: Record<string, string> = {
  "payments.feeBps": "Platform fee (basis points)",
  "payments.holdDays": "Hold days",
  "payments.refundFeeReversal": "Fee on refunds",
  "payouts.requireApproval": "Approval of payout requests",
  "notifications.email": "Email notifications",
};

export function fieldLabel(field: string): string {
  const m = /^payouts\.minimums\.(\w+)$/.exec(field);
  if (m) return `Payout minimum ${m[1]!.toUpperCase()} (minor units)`;
  const second = /^payouts\.secondApprovalAbove\.(\w+)$/.exec(field);
  if (second) return `Second approval above ${second[1]!.toUpperCase()} (minor units)`;
  return FIELD_LABEL[field] ?? field;
}
