/** Admin settings callables: read the effective values, change them with an audit record. */
import * as contracts from "../contracts/settings";
import { db } from "../adapters/firebase/admin";
import { forgetCachedSettings } from "../adapters/firebase/firestore-settings-reader";
import { FirestoreSettingsStore } from "../adapters/firebase/firestore-settings-store";
import { getSettings as getSettingsUseCase, updateSettings as updateSettingsUseCase } from "../app/settings/settings";
import { holdDays, platformFeeBps } from "../config/params";
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

export const getSettings = kassaCallable(contracts.getSettings, (_input, caller) =>
  getSettingsUseCase(settingsDeps(), caller),
);

export const updateSettings = kassaCallable(contracts.updateSettings, async (input, caller) => {
  const out = await updateSettingsUseCase(settingsDeps(), caller, input);
  // This instance sees the change at once; others within their one-minute settings cache.
  forgetCachedSettings();
  return out;
});
