import assert from "node:assert/strict";
import { FieldValue } from "firebase-admin/firestore";
import { admin, call, idToken } from "./stack";

/**
 * The second-approval amount through the deployed callables: what the admin page sends (the
 * whole form, every currency, null for none) lands in `settings/payouts.secondApprovalAbove`
 * as the payout store reads it (amounts only), and a bad amount is refused naming its field.
 * The document's earlier value is put back so other suites see the payouts they expect.
 */
interface Settings {
  payouts: { secondApprovalAbove: Record<string, number | null> } & Record<string, unknown>;
  [section: string]: unknown;
}

describe("settings: second approval above (functions emulator)", function () {
  this.timeout(30000);
  const db = () => admin().db;
  const stored = async () => (await db().doc("settings/payouts").get()).data()?.["secondApprovalAbove"] as Record<string, number> | undefined;
  let earlier: Record<string, number> | undefined;
  let token: string;

  before(async () => {
    earlier = await stored();
    token = await idToken("admin@kassa.test");
  });

  after(async () => {
    await db().doc("settings/payouts").update({ secondApprovalAbove: earlier ?? FieldValue.delete() });
  });

  it("saves an amount per currency as minor units, refuses a negative one naming the field, clears with null", async () => {
    const got = await call<Settings>("getSettings", {}, token);
    assert.equal(got.status, 200, JSON.stringify(got.error));
    const current = got.result!;
    assert.deepEqual(Object.keys(current.payouts.secondApprovalAbove).sort(), ["dkk", "eur", "nok", "sek", "usd"]);

    const form = (sek: number | null): Settings => ({ ...current, payouts: { ...current.payouts, secondApprovalAbove: { ...current.payouts.secondApprovalAbove, sek } } });
    const saved = await call<{ changes: { field: string; after: unknown }[] }>("updateSettings", form(500_000), token);
    assert.equal(saved.status, 200, JSON.stringify(saved.error));
    if (current.payouts.secondApprovalAbove["sek"] !== 500_000) assert.deepEqual(saved.result!.changes.map((c) => [c.field, c.after]), [["payouts.secondApprovalAbove.sek", 500_000]]);
    const after = await stored();
    assert.equal(after?.["sek"], 500_000);
    assert.ok(Object.values(after ?? {}).every((v) => Number.isInteger(v)), `only amounts are stored: ${JSON.stringify(after)}`);

    const bad = await call("updateSettings", form(-1), token);
    assert.equal(bad.error?.status, "INVALID_ARGUMENT");
    assert.equal(bad.error?.details?.["field"], "payouts.secondApprovalAbove.sek");
    assert.equal((await stored())?.["sek"], 500_000);

    const cleared = await call("updateSettings", form(null), token);
    assert.equal(cleared.status, 200, JSON.stringify(cleared.error));
    assert.equal((await stored())?.["sek"], undefined);
    const reread = await call<Settings>("getSettings", {}, token);
    assert.equal(reread.result!.payouts.secondApprovalAbove["sek"], null);
  });
});
