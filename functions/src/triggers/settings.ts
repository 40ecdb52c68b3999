/** Admin settings callables: read the effective values, change them with an audit record. */
import { z } from "zod";
import { db } from "../adapters/firebase/admin";
import { forgetCachedSettings } from "../adapters/firebase/firestore-settings-reader";
import { FirestoreSettingsStore } from "../adapters/firebase/firestore-settings-store";
import { getSettings as getSettingsUseCase, LIMITS, updateSettings as updateSettingsUseCase } from "../app/settings/settings";
import { holdDays, platformFeeBps } from "../config/params";
import { CURRENCIES } from "../domain/money";
import { runtimeClock as systemClock } from "../adapters/clock/stack-clock";
import { kassaCallable } from "./callable";
import { randomIds } from "./payment-deps";

const settingsDeps = () => ({
  settings: new FirestoreSettingsStore(db()),
  clock: systemClock,
  ids: randomIds,
  defaults: { feeBps: platformFeeBps.value(), holdDays: holdDays.value() },
});

const whole = (what: string, { min, max }: { min: number; max: number }) =>
  z
    .number({ error: `must be a number of ${what}` })
    .int(`must be whole ${what}`)
    .min(min, `must be at least ${min} ${what}`)
    .max(max, `must be at most ${max} ${what}`);

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
