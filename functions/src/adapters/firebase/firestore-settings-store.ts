/**
 * SettingsStore over `settings/payments`, `settings/payouts`, `settings/notifications` and
 * `settingsAudit/{id}`. Each document keeps the field names its existing readers use; a save
 * writes whole sections with merge, so fields other features keep there are left alone.
 * `settings/payouts.secondApprovalAbove` is the map the payout store reads (minor units per
 * currency; no entry: one approval).
 */
import type { Firestore } from "firebase-admin/firestore";
import type { Currency } from "../../domain/money";
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
        // mergeFields replaces `minimums` and `secondApprovalAbove` whole rather than merging
        // into the old maps, so a currency whose second approval was cleared loses its entry.
        tx.set(
          this.db.doc("settings/payouts"),
          { ...write.next.payouts, secondApprovalAbove: limitsOnly(write.next.payouts.secondApprovalAbove), ...stamp },
          { mergeFields: ["minimums", "requireApproval", "secondApprovalAbove", "updatedAt", "updatedBy"] },
        );
        tx.set(this.db.doc("settings/notifications"), { ...write.next.notifications, ...stamp }, { merge: true });
        tx.create(this.db.doc(`settingsAudit/${write.audit.id}`), write.audit);
      }
      return result;
    });
  }
}

/**
 * Only the currencies that have an amount: the payout store (settingsOf) reads every entry as
 * a limit, and a stored null would compare as 0, asking two admins for every payout.
 */
function limitsOnly(above: Record<Currency, number | null>): Partial<Record<Currency, number>> {
  const out: Partial<Record<Currency, number>> = {};
  for (const [c, v] of Object.entries(above) as [Currency, number | null][]) if (v !== null) out[c] = v;
  return out;
}

function storedOf([payments, payouts, notifications]: (Record<string, unknown> | undefined)[]): StoredSettings {
  return {
    payments: (payments ?? {}) as StoredSettings["payments"],
    payouts: (payouts ?? {}) as StoredSettings["payouts"],
    notifications: (notifications ?? {}) as StoredSettings["notifications"],
  };
}
