/** The admin's settings: read the effective values, change them with an audit record. */
import { z } from "zod";
import { contract } from "./contract";
import { none } from "./fields";
import { CURRENCIES, type Currency, SETTINGS_LIMITS as LIMITS } from "./vocabulary";

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

const whole = (what: string, { min, max }: { min: number; max: number }) =>
  z
    .number({ error: `must be a number of ${what}` })
    .int(`must be whole ${what}`)
    .min(min, `must be at least ${min} ${what}`)
    .max(max, `must be at most ${max} ${what}`);

/**
 * An amount in minor units above which a payout needs a second admin, or null for "one
 * approval, whatever the amount". The messages say both, since the field takes either.
 */
const secondApprovalAbove = z
  .number({ error: "must be an amount in minor units (öre, cents), or null for no second approval" })
  .int("must be whole minor units (öre, cents), or null for no second approval")
  .min(LIMITS.secondApprovalAbove.min, "must be 0 or more minor units (öre, cents), or null for no second approval")
  .max(LIMITS.secondApprovalAbove.max, `must be at most ${LIMITS.secondApprovalAbove.max} minor units (öre, cents), or null for no second approval`)
  .nullable();

export const updateSettingsInput = z.strictObject({
  payments: z
    .strictObject({
      feeBps: whole("basis points", LIMITS.feeBps).optional(),
      holdDays: whole("days", LIMITS.holdDays).optional(),
      refundFeeReversal: z.enum(["proportional", "none"], { error: "must be proportional or none" }).optional(),
    })
    .optional(),
  payouts: z
    .strictObject({
      minimums: z
        .partialRecord(z.enum(CURRENCIES, { error: `must be one of ${CURRENCIES.join(", ")}` }), whole("minor units (öre, cents)", LIMITS.minimum))
        .optional(),
      requireApproval: z.boolean({ error: "must be true or false" }).optional(),
      secondApprovalAbove: z
        .partialRecord(z.enum(CURRENCIES, { error: `must be one of ${CURRENCIES.join(", ")}` }), secondApprovalAbove)
        .optional(),
    })
    .optional(),
  notifications: z.strictObject({ email: z.boolean({ error: "must be true or false" }).optional() }).optional(),
});

export const getSettings = contract<EditableSettings>()({ name: "getSettings", input: none });

export const updateSettings = contract<{ settings: EditableSettings; changes: SettingsChange[]; auditId: string | null }>()({
  name: "updateSettings",
  input: updateSettingsInput,
});
