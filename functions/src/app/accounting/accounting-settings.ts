/**
 * The BAS mapping and voucher series the sync books with. The accountant confirms or changes
 * the defaults (fortnox.md); a mapping is checked for shape here and, when Fortnox is
 * connected, against Fortnox's chart of accounts so a typo fails on save, not at 02:00.
 */
import { DEFAULT_BAS_MAPPING, MAPPING_ACCOUNT_FIELDS, validateMapping, type BasMapping } from "../../domain/accounting-mapping";
import type { AuditLog } from "../../ports/audit-log";
import { assertDay } from "../../domain/calendar-day";
import { DomainError, isDomainError } from "../../domain/errors";
import type { AccountingGateway } from "../../ports/accounting-gateway";
import type { AccountingSettings, AccountingStore, MappingChange } from "../../ports/accounting-store";
import type { Clock } from "../../ports/clock";
import { requireRole, type Caller } from "../caller";

export const DEFAULT_VOUCHER_SERIES = "A";

export async function currentSettings(store: AccountingStore): Promise<AccountingSettings> {
  const saved = await store.settings();
  return {
    mapping: { ...DEFAULT_BAS_MAPPING, ...(saved?.mapping ?? {}) },
    series: saved?.series ?? DEFAULT_VOUCHER_SERIES,
    ...(saved?.updatedAt ? { updatedAt: saved.updatedAt } : {}),
    ...(saved?.updatedBy ? { updatedBy: saved.updatedBy } : {}),
  };
}

/** How many of the newest mapping changes the bookkeeping page shows. */
export const MAPPING_CHANGES_SHOWN = 20;

export async function getAccountingSettings(
  deps: { store: AccountingStore },
  caller: Caller,
): Promise<AccountingSettings & { defaults: BasMapping; changes: MappingChange[] }> {
  requireRole(caller, "accountant", "admin");
  const [settings, changes] = await Promise.all([currentSettings(deps.store), deps.store.mappingChanges(MAPPING_CHANGES_SHOWN)]);
  return { ...settings, defaults: { ...DEFAULT_BAS_MAPPING }, changes };
}


export async function updateAccountingMapping(
  deps: { store: AccountingStore; gateway: AccountingGateway; clock: Clock; audit: AuditLog },
  caller: Caller,
  input: { mapping: Partial<BasMapping>; series?: string | undefined },
): Promise<{ settings: AccountingSettings; checkedAgainstFortnox: boolean; warning?: string }> {
  requireRole(caller, "accountant", "admin");
  // Fields a client does not send yet (the exchange-rate accounts) keep their defaults.
  const mapping = validateMapping({ ...(await currentSettings(deps.store)).mapping, ...input.mapping });
  const series = input.series ?? (await currentSettings(deps.store)).series;
  const today = deps.clock.now().toISOString().slice(0, 10);
  assertDay(today);

  // Check the accounts exist and are active in this financial year. Not being connected is
  // no reason to refuse the accountant's settings: they are checked again when posting.
  let checkedAgainstFortnox = false;
  let warning: string | undefined;
  try {
    const year = await deps.gateway.financialYearFor(today);
    if (year) {
      const chart = new Map((await deps.gateway.accounts(year.id)).map((a) => [a.number, a]));
      for (const field of MAPPING_ACCOUNT_FIELDS) {
        const number = mapping[field];
        const account = chart.get(number);
        // The reason lets the page say it in the accountant's language, naming the field.
        if (!account) throw new DomainError("invalid_input", `mapping.${field}: account ${number} does not exist in Fortnox`, `mapping.${field}`, { reason: "account_not_in_fortnox", account: number });
        if (!account.active) throw new DomainError("invalid_input", `mapping.${field}: account ${number} is inactive in Fortnox`, `mapping.${field}`, { reason: "account_inactive_in_fortnox", account: number });
      }
      checkedAgainstFortnox = true;
    }
  } catch (error) {
    if (isDomainError(error) && error.kind === "invalid_input") throw error;
    if (!isDomainError(error)) throw error;
    warning = `Saved without checking the accounts in Fortnox: ${error.message}`;
  }
  if (!/^[A-Z]{1,3}$/.test(series)) {
    throw new DomainError("invalid_input", "series: must be a Fortnox voucher series such as A", "series");
  }
  const before = await currentSettings(deps.store);
  const settings: AccountingSettings = {
    mapping,
    series,
    updatedAt: deps.clock.now().getTime(),
    updatedBy: caller.uid,
  };
  // Which account each flow books to decides where money lands in the books: audited, field by field.
  const changes: MappingChange["changes"] = [];
  for (const [field, number] of Object.entries(mapping)) {
    const was = (before.mapping as unknown as Record<string, number | undefined>)[field];
    if (was !== number) changes.push({ field, from: was ?? null, to: number });
  }
  if (before.series !== series) changes.push({ field: "series", from: before.series, to: series });
  // The security audit log's details, from the same list: "mapping.vatBps": "2500 -> 1200".
  const changed = Object.fromEntries(changes.map((c) => [c.field === "series" ? "series" : `mapping.${c.field}`, `${c.from ?? "(none)"} -> ${c.to}`]));
  // The accountant's trail is written with the settings in one transaction; nothing changed, nothing written.
  await deps.store.saveSettings(
    settings,
    changes.length > 0 ? { at: settings.updatedAt!, by: caller.uid, byEmail: caller.email, byRole: caller.role, changes } : undefined,
  );
  if (Object.keys(changed).length > 0) {
    await deps.audit.append({ action: "mapping_changed", by: caller.uid, byRole: caller.role, target: "settings/accounting", at: deps.clock.now().getTime(), details: changed });
  }
  return { settings, checkedAgainstFortnox, ...(warning ? { warning } : {}) };
}
