/** Admin settings callables: read the effective values, change them with an audit record. */
import { z } from "zod";
import { db } from "../adapters/firebase/admin";
import { forgetCachedSettings } from "../adapters/firebase/firestore-settings-reader";
import { FirestoreSettingsStore } from "../adapters/firebase/firestore-settings-store";
import { getSettings as getSettingsUseCase, LIMITS, updateSettings as updateSettingsUseCase } from "../app/settings/settings";
import { holdDays, platformFeeBps } from "../config/params";
import { CURRENCIES } from "../domain/money";
import { runtimeClock as systemClock } from "../adapters/clock/stack-clock";
import { FirestoreAuditLog } from "../adapters/firebase/firestore-audit-log";
import { kassaCallable } from "./callable";
import { randomIds } from "./payment-deps";

const settingsDeps = () => ({
  settings: new FirestoreSettingsStore(db()),
  clock: systemClock,
  ids: randomIds,
  defaults: { feeBps: platformFeeBps.value(), holdDays: holdDays.value() },
  audit: new FirestoreAuditLog(db()),
});

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

export const getSettings = kassaCallable("getSettings", z.strictObject({}), (_input, caller) =>
  getSettingsUseCase(settingsDeps(), caller),
);

export const updateSettings = kassaCallable("updateSettings", updateSettingsInput, async (input, caller) => {
  const out = await updateSettingsUseCase(settingsDeps(), caller, input);
  // This instance sees the change at once; others within their one-minute settings cache.
  forgetCachedSettings();
  return out;
});
