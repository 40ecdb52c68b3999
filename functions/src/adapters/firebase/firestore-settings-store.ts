/**
 * SettingsStore over `settings/payments`, `settings/payouts`, `settings/notifications` and
 * `settingsAudit/{id}`. Each document keeps the field names its existing readers use; a save
 * writes whole sections with merge, so fields other features keep there are left alone.
 */
import type { Firestore } from "firebase-admin/firestore";
import type { SettingsDecision, SettingsStore, StoredSettings } from "../../ports/settings-store";

const DOCS = ["settings/payments", "settings/payouts", "settings/notifications"] as const;

export class FirestoreSettingsStore implements SettingsStore {
  constructor(private readonly db: Firestore) {}

  async read(): Promise<StoredSettings> {
    const snaps = await this.db.getAll(...DOCS.map((d) => this.db.doc(d)));
    return storedOf(snaps.map((s) => s.data()));
  }

  async change<R>(decide: (stored: StoredSettings) => SettingsDecision<R>): Promise<R> {
    return this.db.runTransaction(async (tx) => {
      const snaps = await tx.getAll(...DOCS.map((d) => this.db.doc(d)));
      const { result, write } = decide(storedOf(snaps.map((s) => s.data())));
      if (write) {
        const stamp = { updatedAt: write.audit.at, updatedBy: write.audit.by };
        tx.set(this.db.doc("settings/payments"), { ...write.next.payments, ...stamp }, { merge: true });
        // mergeFields replaces `minimums` whole rather than merging into the old map.
        tx.set(
          this.db.doc("settings/payouts"),
          { ...write.next.payouts, ...stamp },
          { mergeFields: ["minimums", "requireApproval", "updatedAt", "updatedBy"] },
        );
        tx.set(this.db.doc("settings/notifications"), { ...write.next.notifications, ...stamp }, { merge: true });
        tx.create(this.db.doc(`settingsAudit/${write.audit.id}`), write.audit);
      }
      return result;
    });
  }
}

function storedOf([payments, payouts, notifications]: (Record<string, unknown> | undefined)[]): StoredSettings {
  return {
    payments: (payments ?? {}) as StoredSettings["payments"],
    payouts: (payouts ?? {}) as StoredSettings["payouts"],
    notifications: (notifications ?? {}) as StoredSettings["notifications"],
  };
}
