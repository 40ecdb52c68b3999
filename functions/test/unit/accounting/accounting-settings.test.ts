import assert from "node:assert/strict";
import { getAccountingSettings, updateAccountingMapping } from "../../../src/app/accounting/accounting-settings";
import { DEFAULT_BAS_MAPPING } from "../../../src/domain/accounting";
import { isDomainError } from "../../../src/domain/errors";
import { reconnectError } from "../../../src/ports/accounting-gateway";
import { setup } from "./sync-fixtures";
import { parseInput } from "../../../src/triggers/validate";
import { updateAccountingMappingInput } from "../../../src/contracts/accounting";
import { InMemoryAuditLog } from "../../fakes/in-memory-audit-log";
import type { SyncDeps } from "../../../src/app/accounting/sync-accounting";

const audits = new WeakMap<SyncDeps, InMemoryAuditLog>();
/** The deps with an audit trail, the same one for the same deps. */
const withAudit = (deps: SyncDeps) => {
  if (!audits.has(deps)) audits.set(deps, new InMemoryAuditLog());
  return { ...deps, audit: audits.get(deps)! };
};

const accountant = { uid: "acc", role: "accountant" as const, email: null };

describe("accounting mapping settings", () => {
  it("starts from the defaults in fortnox.md", async () => {
    const { deps } = setup();
    const s = await getAccountingSettings(deps, accountant);
    assert.deepEqual(s.mapping, DEFAULT_BAS_MAPPING);
    assert.equal(s.series, "A");
  });

  it("refuses accounts outside 1000-9999, naming the field", async () => {
    const { deps, store } = setup();
    await assert.rejects(
      updateAccountingMapping(withAudit(deps), accountant, { mapping: { ...DEFAULT_BAS_MAPPING, bank: 999 } }),
      (e: unknown) => isDomainError(e) && e.kind === "invalid_input" && e.field === "mapping.bank",
    );
    assert.equal(store.saved, null);
  });

  it("refuses an account Fortnox does not have, or has inactive", async () => {
    const { deps, gateway } = setup();
    await assert.rejects(
      updateAccountingMapping(withAudit(deps), accountant, { mapping: { ...DEFAULT_BAS_MAPPING, paymentFees: 6571 } }),
      (e: unknown) => isDomainError(e) && e.field === "mapping.paymentFees" && /6571 does not exist in Fortnox/.test(e.message),
    );
    gateway.chart.push({ number: 3990, description: "Inactive", active: false });
    await assert.rejects(
      updateAccountingMapping(withAudit(deps), accountant, { mapping: { ...DEFAULT_BAS_MAPPING, commissionRevenue: 3990 } }),
      (e: unknown) => isDomainError(e) && /inactive/.test(e.message),
    );
  });

  it("saves a valid mapping that the sync then books with", async () => {
    const { deps, store } = setup();
    const res = await updateAccountingMapping(withAudit(deps), accountant, { mapping: { ...DEFAULT_BAS_MAPPING, subscriptionRevenue: 2890 } });
    assert.equal(res.checkedAgainstFortnox, true);
    assert.equal(store.saved!.mapping.subscriptionRevenue, 2890);
    assert.equal(store.saved!.updatedBy, "acc");
    const trail = audits.get(deps)!.entries;
    assert.deepEqual(trail.map((e) => [e.action, e.by, e.target, e.details]), [["mapping_changed", "acc", "settings/accounting", { "mapping.subscriptionRevenue": `${DEFAULT_BAS_MAPPING.subscriptionRevenue} -> 2890` }]], "the change, account by account");
    await updateAccountingMapping(withAudit(deps), accountant, { mapping: { ...DEFAULT_BAS_MAPPING, subscriptionRevenue: 2890 } });
    assert.equal(trail.length, 1, "saving the same mapping again changes nothing, audits nothing");
  });

  it("refuses a VAT rate of 30 % at the boundary, naming the field, and changes nothing", async () => {
    for (const vatBps of [3000, 2400, 2500.5, -2500]) {
      assert.throws(
        () => parseInput(updateAccountingMappingInput, { mapping: { ...DEFAULT_BAS_MAPPING, vatBps } }),
        (e: unknown) => isDomainError(e) && e.kind === "invalid_input" && e.field === "mapping.vatBps" && /VAT rate must be 25, 12, 6 or 0 %/.test(e.message),
      );
    }
    for (const vatBps of [2500, 1200, 600, 0]) assert.equal(parseInput(updateAccountingMappingInput, { mapping: { ...DEFAULT_BAS_MAPPING, vatBps } }).mapping.vatBps, vatBps);
    // Behind the boundary the use case refuses it too, before anything is saved or audited.
    const { deps, store } = setup();
    await assert.rejects(
      updateAccountingMapping(withAudit(deps), accountant, { mapping: { ...DEFAULT_BAS_MAPPING, vatBps: 3000 } }),
      (e: unknown) => isDomainError(e) && e.field === "mapping.vatBps",
    );
    assert.equal(store.saved, null);
    assert.deepEqual(store.mappingTrail, []);
  });

  it("keeps a readable trail of mapping changes, written with the change, newest first", async () => {
    const { deps, store, gateway } = setup();
    gateway.chart.push({ number: 1910, description: "Kassa", active: true });
    const anna = { uid: "acc", role: "accountant" as const, email: "anna@example.se" };
    await updateAccountingMapping(withAudit(deps), anna, { mapping: { ...DEFAULT_BAS_MAPPING, vatBps: 1200, bank: 1910 }, series: "B" });
    await updateAccountingMapping(withAudit(deps), anna, { mapping: { ...DEFAULT_BAS_MAPPING, vatBps: 1200, bank: 1910 }, series: "B" });
    await updateAccountingMapping(withAudit(deps), anna, { mapping: { ...DEFAULT_BAS_MAPPING, vatBps: 2500, bank: 1910 }, series: "B" });
    assert.equal(store.mappingTrail.length, 2, "an unchanged save writes no record");
    const s = await getAccountingSettings(deps, anna);
    assert.deepEqual(
      s.changes.map((c) => [c.byEmail, c.byRole, c.changes]),
      [
        ["anna@example.se", "accountant", [{ field: "vatBps", from: 1200, to: 2500 }]],
        ["anna@example.se", "accountant", [{ field: "vatBps", from: 2500, to: 1200 }, { field: "bank", from: 1930, to: 1910 }, { field: "series", from: "A", to: "B" }]],
      ],
    );
    assert.equal(s.changes[0]!.at, store.saved!.updatedAt, "the record carries the save's own time");
  });

  it("saves unchecked, with a warning, when Fortnox is not connected; coaches may not change it", async () => {
    const { deps, gateway } = setup();
    gateway.financialYearFor = () => Promise.reject(reconnectError());
    const res = await updateAccountingMapping(withAudit(deps), accountant, { mapping: { ...DEFAULT_BAS_MAPPING } });
    assert.equal(res.checkedAgainstFortnox, false);
    assert.match(res.warning!, /Reconnect Fortnox/);
    await assert.rejects(updateAccountingMapping(withAudit(deps), { uid: "c", role: "coach", email: null }, { mapping: { ...DEFAULT_BAS_MAPPING } }), (e: unknown) => isDomainError(e) && e.kind === "permission");
  });
});
