import assert from "node:assert/strict";
import { InMemoryAuditLog } from "../../fakes/in-memory-audit-log";
import { effectiveSettings, getSettings, updateSettings } from "../../../src/app/settings/settings";
import { DomainError } from "../../../src/domain/errors";
import type { SettingsAuditRecord, SettingsDecision, SettingsStore, StoredSettings } from "../../../src/ports/settings-store";
import { updateSettingsInput } from "../../../src/contracts/settings";
import { parseInput } from "../../../src/triggers/validate";

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
      // As the Firestore adapter stores it: a second-approval entry only where there is an amount.
      const { secondApprovalAbove, ...payouts } = structuredClone(write.next.payouts);
      const above = Object.fromEntries(Object.entries(secondApprovalAbove).filter(([, v]) => v !== null));
      this.stored = { ...structuredClone(write.next), payouts: { ...payouts, secondApprovalAbove: above } };
      this.audits.push(write.audit);
    }
    return result;
  }
}

function setup() {
  const settings = new FakeSettings();
  let n = 0;
  const trail = new InMemoryAuditLog();
  const deps = { settings, clock: { now: () => new Date(1_700_000_000_000) }, ids: { next: (p: string) => `${p}_${++n}` }, defaults, audit: trail };
  return { trail, settings, deps };
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
    const { settings, deps, trail } = setup();
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
    assert.deepEqual(trail.entries.map((e) => [e.action, e.by, e.details]), [["settings_changed", "admin-1", { "payments.feeBps": "2000 -> 1500", "payouts.minimums.sek": "10000 -> 20000", "payouts.requireApproval": "true -> false" }]], "and one entry in the audit trail");
  });

  it("saving the same values writes nothing and no audit line", async () => {
    const { settings, deps, trail } = setup();
    const out = await updateSettings(deps, admin, { payments: { feeBps: 2000, holdDays: 7 } });
    assert.equal(out.auditId, null);
    assert.deepEqual(out.changes, []);
    assert.equal(settings.audits.length, 0);
    assert.equal(trail.entries.length, 0);
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

describe("settings: second approval above an amount, per currency", () => {
  const none = { sek: null, eur: null, usd: null, nok: null, dkk: null };

  it("nothing stored: no currency asks for a second approval; a stored amount is read per currency", () => {
    assert.deepEqual(effectiveSettings({ payments: {}, payouts: {}, notifications: {} }, defaults).payouts.secondApprovalAbove, none);
    const e = effectiveSettings({ payments: {}, payouts: { secondApprovalAbove: { sek: 500_000, eur: 0 } }, notifications: {} }, defaults);
    assert.deepEqual(e.payouts.secondApprovalAbove, { ...none, sek: 500_000, eur: 0 });
  });

  it("an admin sets it: stored in minor units, audited per currency, the other payout settings kept", async () => {
    const { settings, deps } = setup();
    await updateSettings(deps, admin, { payouts: { minimums: { sek: 20_000 }, requireApproval: false } });
    const out = await updateSettings(deps, admin, { payouts: { secondApprovalAbove: { sek: 500_000, eur: 0 } } });
    assert.deepEqual(settings.stored.payouts.secondApprovalAbove, { sek: 500_000, eur: 0 });
    assert.equal(settings.stored.payouts.minimums?.sek, 20_000);
    assert.equal(settings.stored.payouts.requireApproval, false);
    assert.deepEqual(out.settings.payouts.secondApprovalAbove, { ...none, sek: 500_000, eur: 0 });
    assert.deepEqual(settings.audits[1]!.changes, [
      { field: "payouts.secondApprovalAbove.eur", before: null, after: 0 },
      { field: "payouts.secondApprovalAbove.sek", before: null, after: 500_000 },
    ]);
    assert.equal(settings.audits[1]!.after.payouts.secondApprovalAbove.sek, 500_000);
    assert.deepEqual((await getSettings(deps, admin)).payouts.secondApprovalAbove, { ...none, sek: 500_000, eur: 0 });
  });

  it("a currency left out of a save keeps its amount; null clears it (one approval again)", async () => {
    const { settings, deps } = setup();
    await updateSettings(deps, admin, { payouts: { secondApprovalAbove: { sek: 500_000, nok: 300_000 } } });
    await updateSettings(deps, admin, { payments: { holdDays: 3 }, payouts: { requireApproval: false } });
    assert.deepEqual(settings.stored.payouts.secondApprovalAbove, { sek: 500_000, nok: 300_000 });
    const out = await updateSettings(deps, admin, { payouts: { secondApprovalAbove: { sek: null } } });
    assert.deepEqual(settings.stored.payouts.secondApprovalAbove, { nok: 300_000 });
    assert.deepEqual(out.changes, [{ field: "payouts.secondApprovalAbove.sek", before: 500_000, after: null }]);
  });

  it("saving the whole form unchanged (every currency, nulls included) writes nothing", async () => {
    const { settings, deps } = setup();
    await updateSettings(deps, admin, { payouts: { secondApprovalAbove: { dkk: 750_000 } } });
    const current = await getSettings(deps, admin);
    const out = await updateSettings(deps, admin, current);
    assert.equal(out.auditId, null);
    assert.equal(settings.audits.length, 1);
  });

  it("refuses a negative, fractional or too large amount naming the currency's field, writes nothing; 0 and the ceiling pass", async () => {
    const { settings, deps } = setup();
    const field = (e: unknown, f: string) => e instanceof DomainError && e.kind === "invalid_input" && e.field === f;
    await assert.rejects(updateSettings(deps, admin, { payouts: { secondApprovalAbove: { sek: -1 } } }), (e) => field(e, "payouts.secondApprovalAbove.sek"));
    await assert.rejects(updateSettings(deps, admin, { payouts: { secondApprovalAbove: { eur: 1000.5 } } }), (e) => field(e, "payouts.secondApprovalAbove.eur"));
    await assert.rejects(updateSettings(deps, admin, { payouts: { secondApprovalAbove: { usd: 100_000_001 } } }), (e) => field(e, "payouts.secondApprovalAbove.usd"));
    await assert.rejects(updateSettings(deps, coach, { payouts: { secondApprovalAbove: { sek: 1 } } }), (e: unknown) => e instanceof DomainError && e.kind === "permission");
    assert.equal(settings.audits.length, 0);
    assert.deepEqual(settings.stored.payouts, {});
    await updateSettings(deps, admin, { payouts: { secondApprovalAbove: { sek: 0, eur: 100_000_000 } } });
    assert.deepEqual(settings.stored.payouts.secondApprovalAbove, { sek: 0, eur: 100_000_000 });
  });

  it("a currency Kassa does not support is never stored, even from a caller that skips the schema", async () => {
    const { settings, deps } = setup();
    const patch = { payouts: { secondApprovalAbove: { sek: 500_000, gbp: 1 } as Record<string, number> } };
    await updateSettings(deps, admin, patch);
    assert.deepEqual(settings.stored.payouts.secondApprovalAbove, { sek: 500_000 });
  });

  it("the callable's schema: minor units or null per supported currency; refusals name the field and say what to write", () => {
    const ok = updateSettingsInput.safeParse({ payouts: { secondApprovalAbove: { sek: 500_000, eur: null, usd: 0 } } });
    assert.ok(ok.success);
    assert.deepEqual(ok.data.payouts?.secondApprovalAbove, { sek: 500_000, eur: null, usd: 0 });
    const refused = (value: unknown, currency = "sek") => {
      try {
        parseInput(updateSettingsInput, { payouts: { secondApprovalAbove: { [currency]: value } } });
      } catch (e) {
        assert.ok(e instanceof DomainError && e.kind === "invalid_input", String(e));
        return e;
      }
      assert.fail(`${JSON.stringify(value)} for ${currency} was accepted`);
    };
    for (const [value, words] of [
      [-1, /0 or more minor units \(öre, cents\), or null for no second approval/],
      [5000.5, /whole minor units \(öre, cents\)/],
      [100_000_001, /at most 100000000 minor units/],
      ["5000", /an amount in minor units \(öre, cents\), or null/],
      [true, /an amount in minor units/],
    ] as const) {
      const e = refused(value);
      assert.equal(e.field, "payouts.secondApprovalAbove.sek");
      assert.match(e.message, /^payouts\.secondApprovalAbove\.sek: must be/);
      assert.match(e.message, words);
    }
    // An unsupported currency is an unknown key of the map, named as such (as for minimums).
    assert.equal(refused(500_000, "gbp").message, "gbp: is not a known field");
    assert.equal(updateSettingsInput.safeParse({ payouts: { secondApprovalAbove: null } }).success, false);
  });
});
