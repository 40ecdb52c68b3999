/**
 * Admin settings: read the effective values (stored ones over deployment defaults) and change
 * them with an audit record of who changed which field from what to what.
 *
 * Why the limits: a fee above 50 % or a hold over 90 days is almost surely a typo (and
 * Stripe's own dispute window is 120 days, well past any sane hold); a payout minimum below
 * 1 kr makes Stripe payouts cost more than they move. A second-approval amount may be 0 (every
 * payout needs two admins) and has the minimum's ceiling: more than 1,000,000 kr is a typo, and
 * "never" is written as no amount (null), not as a huge one.
 */
import { invalidInput } from "../../domain/errors";
import type { AuditLog } from "../../ports/audit-log";
import { CURRENCIES, type Currency } from "../../domain/money";
import { DEFAULT_PAYOUT_MINIMUMS } from "../../domain/payout-policy";
import type { Clock } from "../../ports/clock";
import type { Ids } from "../../ports/ids";
import type {
  EditableSettings,
  SettingsAuditRecord,
  SettingsChange,
  SettingsStore,
  StoredSettings,
} from "../../ports/settings-store";
import { requireRole, type Caller } from "../caller";

export const LIMITS = {
  feeBps: { min: 0, max: 5000 },
  holdDays: { min: 0, max: 90 },
  minimum: { min: 100, max: 100_000_000 },
  secondApprovalAbove: { min: 0, max: 100_000_000 },
} as const;

export interface SettingsDeps {
  settings: SettingsStore;
  clock: Clock;
  ids: Ids;
  /** Deployment parameters (PLATFORM_FEE_BPS, HOLD_DAYS): what applies until an admin saves. */
  defaults: { feeBps: number; holdDays: number };
  /** Every saved change also goes to the append-only audit trail (audit/), beside settingsAudit/. */
  audit: AuditLog;
}

export function effectiveSettings(
  stored: StoredSettings,
  defaults: SettingsDeps["defaults"],
): EditableSettings {
  const minimums = { ...DEFAULT_PAYOUT_MINIMUMS };
  for (const c of CURRENCIES) {
    const v = stored.payouts.minimums?.[c];
    if (Number.isSafeInteger(v)) minimums[c] = v!;
  }
  const secondApprovalAbove = Object.fromEntries(CURRENCIES.map((c) => [c, null])) as Record<Currency, number | null>;
  for (const c of CURRENCIES) {
    const v = stored.payouts.secondApprovalAbove?.[c];
    if (Number.isSafeInteger(v)) secondApprovalAbove[c] = v!;
  }
  return {
    payments: {
      feeBps: Number.isSafeInteger(stored.payments.feeBps) ? stored.payments.feeBps! : defaults.feeBps,
      holdDays: Number.isSafeInteger(stored.payments.holdDays)
        ? stored.payments.holdDays!
        : defaults.holdDays,
      refundFeeReversal: stored.payments.refundFeeReversal === "none" ? "none" : "proportional",
    },
    payouts: { minimums, requireApproval: stored.payouts.requireApproval !== false, secondApprovalAbove },
    notifications: { email: stored.notifications.email === true },
  };
}

function within(field: string, value: number, { min, max }: { min: number; max: number }): void {
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw invalidInput(field, `must be a whole number from ${min} to ${max}`);
}

/** Re-checks what the callable's schema checked, so the use case is safe from any caller. */
export function validateSettings(s: EditableSettings): void {
  within("payments.feeBps", s.payments.feeBps, LIMITS.feeBps);
  within("payments.holdDays", s.payments.holdDays, LIMITS.holdDays);
  for (const c of CURRENCIES) within(`payouts.minimums.${c}`, s.payouts.minimums[c], LIMITS.minimum);
  for (const c of CURRENCIES) {
    const above = s.payouts.secondApprovalAbove[c];
    if (above !== null) within(`payouts.secondApprovalAbove.${c}`, above, LIMITS.secondApprovalAbove);
  }
}

/** Field-by-field differences, in a stable order, for the audit trail. */
export function diffSettings(before: EditableSettings, after: EditableSettings): SettingsChange[] {
  const changes: SettingsChange[] = [];
  const walk = (path: string, a: unknown, b: unknown) => {
    if (a !== null && typeof a === "object" && b !== null && typeof b === "object") {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      for (const k of keys) walk(path ? `${path}.${k}` : k, (a as never)[k], (b as never)[k]);
    } else if (a !== b) {
      changes.push({ field: path, before: a ?? null, after: b ?? null });
    }
  };
  walk("", before, after);
  return changes;
}

export interface SettingsPatch {
  payments?: Partial<EditableSettings["payments"]>;
  payouts?: {
    minimums?: Partial<Record<Currency, number>>;
    requireApproval?: boolean;
    /** A currency left out keeps its amount; null removes it (one approval again). */
    secondApprovalAbove?: Partial<Record<Currency, number | null>>;
  };
  notifications?: Partial<EditableSettings["notifications"]>;
}

export interface SettingsUpdate {
  settings: EditableSettings;
  changes: SettingsChange[];
  /** Null when nothing changed (no audit line is written for a no-op save). */
  auditId: string | null;
}

/** Supported currencies only: an unknown key in a patch is dropped, never stored. */
function secondApprovalAfter(
  before: Record<Currency, number | null>,
  patch: Partial<Record<Currency, number | null>> | undefined,
): Record<Currency, number | null> {
  const after = { ...before };
  for (const c of CURRENCIES) {
    const v = patch?.[c];
    if (v !== undefined) after[c] = v;
  }
  return after;
}

export async function getSettings(deps: SettingsDeps, caller: Caller): Promise<EditableSettings> {
  requireRole(caller, "admin");
  return effectiveSettings(await deps.settings.read(), deps.defaults);
}

export async function updateSettings(
  deps: SettingsDeps,
  caller: Caller,
  patch: SettingsPatch,
): Promise<SettingsUpdate> {
  requireRole(caller, "admin");
  const update = await deps.settings.change<SettingsUpdate>((stored) => {
    const before = effectiveSettings(stored, deps.defaults);
    const after: EditableSettings = {
      payments: { ...before.payments, ...patch.payments },
      payouts: {
        requireApproval: patch.payouts?.requireApproval ?? before.payouts.requireApproval,
        minimums: { ...before.payouts.minimums, ...patch.payouts?.minimums },
        secondApprovalAbove: secondApprovalAfter(before.payouts.secondApprovalAbove, patch.payouts?.secondApprovalAbove),
      },
      notifications: { ...before.notifications, ...patch.notifications },
    };
    validateSettings(after);
    const changes = diffSettings(before, after);
    if (changes.length === 0) return { result: { settings: before, changes, auditId: null } };
    const audit: SettingsAuditRecord = {
      id: deps.ids.next("set"),
      by: caller.uid,
      byEmail: caller.email,
      at: deps.clock.now().getTime(),
      changes,
      before,
      after,
    };
    return { write: { next: after, audit }, result: { settings: after, changes, auditId: audit.id } };
  });
  if (update.auditId) {
    await deps.audit.append({
      action: "settings_changed",
      by: caller.uid,
      byRole: caller.role,
      target: "settings",
      at: deps.clock.now().getTime(),
      details: Object.fromEntries(update.changes.map((c) => [c.field, `${String(c.before)} -> ${String(c.after)}`])),
    });
  }
  return update;
}

