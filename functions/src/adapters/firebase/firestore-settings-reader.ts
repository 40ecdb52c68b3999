import type { Firestore } from "firebase-admin/firestore";
import type { PaymentSettings, SettingsReader } from "../../ports/catalogue-store";

const TTL_MS = 60_000;
let cached: { at: number; value: PaymentSettings } | null = null;

/**
 * `settings/payments`, read at most once a minute per instance: settings change rarely and
 * every checkout needs them, so caching keeps a document read off each purchase. Params give
 * the defaults.
 */
export class FirestoreSettingsReader implements SettingsReader {
  constructor(
    private readonly db: Firestore,
    private readonly defaults: PaymentSettings,
  ) {}

  async payments(): Promise<PaymentSettings> {
    if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
    const data = (await this.db.doc("settings/payments").get()).data() ?? {};
    const value: PaymentSettings = {
      feeBps: Number.isInteger(data["feeBps"]) ? data["feeBps"] : this.defaults.feeBps,
      holdDays: Number.isInteger(data["holdDays"]) ? data["holdDays"] : this.defaults.holdDays,
      refundFeeReversal:
        data["refundFeeReversal"] === "none" ? "none" : this.defaults.refundFeeReversal,
    };
    cached = { at: Date.now(), value };
    return value;
  }
}

/** Tests and the settings callable drop the cache after a change. */
export const forgetCachedSettings = (): void => {
  cached = null;
};
