/**
 * The settings admins edit, kept in three documents that their readers already know
 * (`settings/payments` for checkout and refunds, `settings/payouts` for payouts,
 * `settings/notifications` for mail), changed together with an audit record in one
 * transaction so a change without its audit line cannot exist.
 */
import type { Currency } from "../domain/money";

export interface EditableSettings {
  payments: { feeBps: number; holdDays: number; refundFeeReversal: "proportional" | "none" };
  payouts: {
    minimums: Record<Currency, number>;
    requireApproval: boolean;
    /**
     * Minor units per currency above which a payout needs a second admin's approval
     * (domain/payout-policy.ts `requiredApprovalsFor`); null: one approval, whatever the amount.
     */
    secondApprovalAbove: Record<Currency, number | null>;
  };
  notifications: { email: boolean };
}

/** What is stored, field by field; a missing field means "the default applies". */
export interface StoredSettings {
  payments: Partial<EditableSettings["payments"]>;
  payouts: {
    minimums?: Partial<Record<Currency, number>>;
    requireApproval?: boolean;
    /** Only currencies with an amount have an entry: the payout store reads any entry as a limit. */
    secondApprovalAbove?: Partial<Record<Currency, number>>;
  };
  notifications: Partial<EditableSettings["notifications"]>;
}

export interface SettingsChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface SettingsAuditRecord {
  id: string;
  by: string;
  byEmail: string | null;
  at: number;
  changes: SettingsChange[];
  before: EditableSettings;
  after: EditableSettings;
}

/** `write` absent: nothing changed, nothing is written (a no-op save leaves no audit line). */
export interface SettingsDecision<R> {
  result: R;
  write?: { next: EditableSettings; audit: SettingsAuditRecord };
}

export interface SettingsStore {
  read(): Promise<StoredSettings>;
  /**
   * Runs `decide` on the stored settings inside a transaction; when it returns a result,
   * writes its `next` settings and its audit record in the same transaction.
   */
  change<R>(decide: (stored: StoredSettings) => SettingsDecision<R>): Promise<R>;
}
