/**
 * FirestoreSettingsStore's document shapes, on a fake of Firestore's document API: what a save
 * leaves in `settings/payouts` is what the payout store reads (secondApprovalAbove above all:
 * an entry is a limit, so a cleared currency must lose its entry, not keep a null).
 */
import assert from "node:assert/strict";
import { InMemoryAuditLog } from "../../fakes/in-memory-audit-log";
import type { Firestore } from "firebase-admin/firestore";
import { FirestoreSettingsStore } from "../../../src/adapters/firebase/firestore-settings-store";
import { getSettings, updateSettings } from "../../../src/app/settings/settings";
import { FakeFirestoreDocuments } from "../../fakes/fake-firestore-documents";

const admin = { uid: "admin-1", role: "admin" as const, email: "a@kassa.test" };

function setup() {
  const db = new FakeFirestoreDocuments();
  let n = 0;
  const deps = {
    settings: new FirestoreSettingsStore(db as unknown as Firestore),
    clock: { now: () => new Date(1_700_000_000_000) },
    ids: { next: (p: string) => `${p}_${++n}` },
    defaults: { feeBps: 2000, holdDays: 7 },
    audit: new InMemoryAuditLog(),
  };
  return { db, deps, payouts: () => db.docs.get("settings/payouts") };
}

describe("FirestoreSettingsStore: settings/payouts.secondApprovalAbove", () => {
  it("stores only the currencies with an amount, next to the other payout fields, with its audit document", async () => {
    const { db, deps, payouts } = setup();
    db.docs.set("settings/payouts", { weeklyRunNote: "kept by another feature" });
    const out = await updateSettings(deps, admin, { payouts: { secondApprovalAbove: { sek: 500_000, eur: null, usd: 0 } } });
    assert.deepEqual(payouts()?.["secondApprovalAbove"], { sek: 500_000, usd: 0 });
    assert.equal(payouts()?.["requireApproval"], true);
    assert.equal((payouts()?.["minimums"] as Record<string, number>)["sek"], 10_000);
    assert.equal(payouts()?.["weeklyRunNote"], "kept by another feature");
    assert.equal(payouts()?.["updatedBy"], "admin-1");
    const audit = db.docs.get(`settingsAudit/${out.auditId}`);
    assert.deepEqual((audit?.["changes"] as unknown[]).length, 2);
  });

  it("clearing a currency removes its entry (the map is replaced whole, not merged into)", async () => {
    const { db, deps, payouts } = setup();
    db.docs.set("settings/payouts", { secondApprovalAbove: { sek: 500_000, nok: 300_000 }, requireApproval: true });
    await updateSettings(deps, admin, { payouts: { secondApprovalAbove: { sek: null } } });
    assert.deepEqual(payouts()?.["secondApprovalAbove"], { nok: 300_000 });
    await updateSettings(deps, admin, { payouts: { secondApprovalAbove: { nok: null } } });
    assert.deepEqual(payouts()?.["secondApprovalAbove"], {});
  });

  it("reads what is stored; a save of other fields keeps the amounts", async () => {
    const { db, deps, payouts } = setup();
    db.docs.set("settings/payouts", { secondApprovalAbove: { dkk: 750_000 } });
    const read = await getSettings(deps, admin);
    assert.deepEqual(read.payouts.secondApprovalAbove, { sek: null, eur: null, usd: null, nok: null, dkk: 750_000 });
    await updateSettings(deps, admin, { payouts: { requireApproval: false } });
    assert.deepEqual(payouts()?.["secondApprovalAbove"], { dkk: 750_000 });
    assert.equal(payouts()?.["requireApproval"], false);
  });

  it("a refused value writes nothing at all", async () => {
    const { db, deps } = setup();
    await assert.rejects(updateSettings(deps, admin, { payouts: { secondApprovalAbove: { sek: -5 } } }));
    assert.equal(db.docs.size, 0);
  });
});
