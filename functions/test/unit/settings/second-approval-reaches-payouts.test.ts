/**
 * The second-approval amount an admin saves reaches the payout flow: saved through the
 * settings use case and FirestoreSettingsStore, read back by FirestorePayoutStore (both over
 * one fake of Firestore's documents, so `settings/payouts` is the only link, as deployed), then
 * given to the in-memory payout world the payout use cases run on. The in-memory payout store
 * keeps its settings in a field of its own, so the hand-over between the two is this test's
 * one line of glue (`w.store.settings = ...`).
 */
import { runPayoutTask } from "../../../src/app/payouts/payout-task";
import assert from "node:assert/strict";
import { InMemoryAuditLog } from "../../fakes/in-memory-audit-log";
import type { Firestore } from "firebase-admin/firestore";
import { FirestorePayoutStore } from "../../../src/adapters/firebase/firestore-payout-store";
import { FirestoreSettingsStore } from "../../../src/adapters/firebase/firestore-settings-store";
import { approvePayout, requestPayout } from "../../../src/app/payouts/payout-requests";
import { startPayoutRun } from "../../../src/app/payouts/payout-run";
import { updateSettings } from "../../../src/app/settings/settings";
import type { PayoutTask } from "../../../src/ports/payout-dispatcher";
import { FakeFirestoreDocuments } from "../../fakes/fake-firestore-documents";
import { DAY, T0, drain, onboard, sale, world, type World } from "../payouts/world";

const coach = { uid: "c1", role: "coach" as const, email: null };
const admin = { uid: "a1", role: "admin" as const, email: "a1@kassa.test" };
const admin2 = { uid: "a2", role: "admin" as const, email: "a2@kassa.test" };
const runTask = (w: World) => (t: PayoutTask) => runPayoutTask(w.deps, t);

function deployment() {
  const db = new FakeFirestoreDocuments();
  let n = 0;
  const settingsDeps = {
    settings: new FirestoreSettingsStore(db as unknown as Firestore),
    clock: { now: () => new Date(T0) },
    ids: { next: (p: string) => `${p}_${++n}` },
    defaults: { feeBps: 2000, holdDays: 7 },
    audit: new InMemoryAuditLog(),
  };
  const payoutStore = new FirestorePayoutStore(db as unknown as Firestore);
  return { settingsDeps, payoutStore, db };
}

/** c1 with 798,40 kr available (two released sales of 499 kr, 20 % fee). */
async function funded(): Promise<World> {
  const w = world();
  onboard(w, "c1");
  await sale(w, { coachId: "c1", id: "pi_1", gross: 49900, availableOn: T0 - 2 * DAY, released: true });
  await sale(w, { coachId: "c1", id: "pi_2", gross: 49900, availableOn: T0 - DAY, released: true });
  return w;
}

describe("second approval above: from the admin's save to the payout flow", () => {
  it("a request above the saved SEK amount needs two admins; one at the amount needs one", async () => {
    const { settingsDeps, payoutStore } = deployment();
    await updateSettings(settingsDeps, admin, { payouts: { secondApprovalAbove: { sek: 50_000 } } });
    const saved = await payoutStore.getSettings();
    assert.deepEqual(saved.secondApprovalAbove, { sek: 50_000 });

    const w = await funded();
    w.store.settings = saved;
    const above = await requestPayout(w.deps, coach, { amount: 50_001, currency: "sek" });
    assert.deepEqual(await approvePayout(w.deps, admin, { payoutId: above.payoutId }), { status: "requested", approvals: 1, requiredApprovals: 2 });
    assert.equal(w.tasks.length, 0, "nothing is sent on one approval");
    assert.deepEqual(await approvePayout(w.deps, admin2, { payoutId: above.payoutId }), { status: "approved", approvals: 2, requiredApprovals: 2 });

    const atAmount = await funded();
    atAmount.store.settings = saved;
    const at = await requestPayout(atAmount.deps, coach, { amount: 50_000, currency: "sek" });
    assert.equal((await approvePayout(atAmount.deps, admin, { payoutId: at.payoutId })).status, "approved");
  });

  it("with approval of requests off, a request above the amount still waits; the weekly run's payout too", async () => {
    const { settingsDeps, payoutStore } = deployment();
    await updateSettings(settingsDeps, admin, { payouts: { requireApproval: false, secondApprovalAbove: { sek: 50_000 } } });
    const saved = await payoutStore.getSettings();
    assert.equal(saved.requireApproval, false);

    const w = await funded();
    w.store.settings = saved;
    assert.equal((await requestPayout(w.deps, coach, { amount: 60_000, currency: "sek" })).status, "requested");

    const run = await funded();
    run.store.settings = saved;
    await startPayoutRun(run.deps, { trigger: "schedule" });
    await drain(run, runTask(run));
    const p = run.store.payouts.get("payout-run-2026-W03_c1_sek")!;
    assert.deepEqual([p.status, p.requiredApprovals], ["requested", 2]);
    assert.equal(run.gateway.payouts.length, 0);
  });

  it("cleared (empty in the form) or set for another currency only: one approval pays", async () => {
    const { settingsDeps, payoutStore } = deployment();
    await updateSettings(settingsDeps, admin, { payouts: { secondApprovalAbove: { sek: 50_000, eur: 10_000 } } });
    await updateSettings(settingsDeps, admin, { payouts: { secondApprovalAbove: { sek: null } } });
    const saved = await payoutStore.getSettings();
    assert.deepEqual(saved.secondApprovalAbove, { eur: 10_000 });

    const w = await funded();
    w.store.settings = saved;
    const r = await requestPayout(w.deps, coach, { amount: 79_840, currency: "sek" });
    assert.deepEqual(await approvePayout(w.deps, admin, { payoutId: r.payoutId }), { status: "approved", approvals: 1, requiredApprovals: 1 });
    await drain(w, runTask(w));
    assert.equal(w.gateway.payouts[0]?.amount, 79_840);
  });

  it("a value written by hand that is not whole minor units fails closed: every payout in that currency needs two admins", async () => {
    const { payoutStore, db } = deployment();
    db.docs.set("settings/payouts", { secondApprovalAbove: { sek: "5000", eur: null, nok: 2.5, usd: 10_000, xyz: 1 } });
    assert.deepEqual((await payoutStore.getSettings()).secondApprovalAbove, { sek: 0, eur: 0, nok: 0, usd: 10_000 });
    const w = await funded();
    w.store.settings = await payoutStore.getSettings();
    const r = await requestPayout(w.deps, coach, { amount: 10_000, currency: "sek" });
    assert.deepEqual(await approvePayout(w.deps, admin, { payoutId: r.payoutId }), { status: "requested", approvals: 1, requiredApprovals: 2 });
  });
});
