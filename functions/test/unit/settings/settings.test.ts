import assert from "node:assert/strict";
import { effectiveSettings, getSettings, updateSettings } from "../../../src/app/settings/settings";
import { DomainError } from "../../../src/domain/errors";
import type { SettingsAuditRecord, SettingsDecision, SettingsStore, StoredSettings } from "../../../src/ports/settings-store";
import { updateSettingsInput } from "../../../src/triggers/settings";

const admin = { uid: "admin-1", role: "admin" as const, email: "a@kassa.test" };
const coach = { uid: "c1", role: "coach" as const, email: "c@kassa.test" };
const defaults = { feeBps: 2000, holdDays: 7 };

class FakeSettings implements SettingsStore {
  stored: StoredSettings = { payments: {}, payouts: {}, notifications: {} };
  audits: SettingsAuditRecord[] = [];
  async read() {
    return structuredClone(this.stored);
  }
  async change<R>(decide: (s: StoredSettings) => SettingsDecision<R>): Promise<R> {
    const { result, write } = decide(structuredClone(this.stored));
    if (write) {
      this.stored = structuredClone(write.next);
      this.audits.push(write.audit);
    }
    return result;
  }
}

function setup() {
  const settings = new FakeSettings();
  let n = 0;
  const deps = { settings, clock: { now: () => new Date(1_700_000_000_000) }, ids: { next: (p: string) => `${p}_${++n}` }, defaults };
  return { settings, deps };
}

describe("settings: effective values, validated changes, audit trail", () => {
  it("stored values win over deployment defaults; payout minimums default per currency", () => {
    const e = effectiveSettings({ payments: { holdDays: 3 }, payouts: { minimums: { eur: 5000 } }, notifications: {} }, defaults);
    assert.deepEqual(e.payments, { feeBps: 2000, holdDays: 3, refundFeeReversal: "proportional" });
    assert.equal(e.payouts.minimums.eur, 5000);
    assert.equal(e.payouts.minimums.sek, 10_000);
    assert.equal(e.payouts.requireApproval, true);
    assert.equal(e.notifications.email, false);
  });

  it("a change writes the new values and one audit record naming each changed field", async () => {
    const { settings, deps } = setup();
    const out = await updateSettings(deps, admin, { payments: { feeBps: 1500 }, payouts: { minimums: { sek: 20_000 }, requireApproval: false } });
    assert.equal(out.auditId, "set_1");
    assert.equal(settings.stored.payments.feeBps, 1500);
    assert.equal(settings.stored.payouts.minimums?.sek, 20_000);
    assert.equal(settings.audits.length, 1);
    const audit = settings.audits[0]!;
    assert.equal(audit.by, "admin-1");
    assert.equal(audit.byEmail, "a@kassa.test");
    assert.equal(audit.at, 1_700_000_000_000);
    assert.deepEqual(audit.changes, [
      { field: "payments.feeBps", before: 2000, after: 1500 },
      { field: "payouts.minimums.sek", before: 10_000, after: 20_000 },
      { field: "payouts.requireApproval", before: true, after: false },
    ]);
    assert.equal(audit.before.payments.feeBps, 2000);
    assert.equal(audit.after.payments.feeBps, 1500);
  });

  it("saving the same values writes nothing and no audit line", async () => {
    const { settings, deps } = setup();
    const out = await updateSettings(deps, admin, { payments: { feeBps: 2000, holdDays: 7 } });
    assert.equal(out.auditId, null);
    assert.deepEqual(out.changes, []);
    assert.equal(settings.audits.length, 0);
  });

  it("refuses non-admins and out-of-range values, naming the field, and writes nothing", async () => {
    const { settings, deps } = setup();
    await assert.rejects(updateSettings(deps, coach, { payments: { feeBps: 1 } }), (e: unknown) => e instanceof DomainError && e.kind === "permission");
    await assert.rejects(getSettings(deps, coach), (e: unknown) => e instanceof DomainError && e.kind === "permission");
    await assert.rejects(updateSettings(deps, admin, { payments: { feeBps: 5001 } }), (e: unknown) => e instanceof DomainError && e.field === "payments.feeBps");
    await assert.rejects(updateSettings(deps, admin, { payments: { holdDays: 1.5 } }), (e: unknown) => e instanceof DomainError && e.field === "payments.holdDays");
    await assert.rejects(updateSettings(deps, admin, { payouts: { minimums: { eur: 99 } } }), (e: unknown) => e instanceof DomainError && e.field === "payouts.minimums.eur");
    assert.equal(settings.audits.length, 0);
  });

  it("the callable's schema names the bad field and rejects unknown ones", () => {
    const bad = (input: unknown) => {
      const r = updateSettingsInput.safeParse(input);
      assert.equal(r.success, false);
      return r.error!.issues[0]!;
    };
    assert.deepEqual(bad({ payments: { feeBps: 20.5 } }).path, ["payments", "feeBps"]);
    assert.deepEqual(bad({ payments: { holdDays: 91 } }).path, ["payments", "holdDays"]);
    assert.deepEqual(bad({ payouts: { minimums: { gbp: 1000 } } }).path.slice(0, 2), ["payouts", "minimums"]);
    assert.deepEqual(bad({ payouts: { requireApproval: "yes" } }).path, ["payouts", "requireApproval"]);
    assert.equal(bad({ surprise: 1 }).code, "unrecognized_keys");
    assert.equal(updateSettingsInput.safeParse({ payments: { feeBps: 1500 }, notifications: { email: true } }).success, true);
  });
});
