import assert from "node:assert/strict";
import { RunMemo } from "../../../src/app/payouts/run-memo";
import type { PayoutSettings } from "../../../src/ports/payout-store";
import type { RunStatus } from "../../../src/ports/payout-run-store";

describe("run memo (one per function instance)", () => {
  const settings: PayoutSettings = { requireApproval: true, minimums: { sek: 10_000 }, secondApprovalAbove: {} };

  it("reads the settings once per TTL and hands out copies", async () => {
    const memo = new RunMemo(30_000);
    let loads = 0;
    const load = async () => (loads++, structuredClone(settings));
    const a = await memo.payoutSettings(0, load);
    a.minimums.sek = 1; // a caller's change must not reach the next task
    const b = await memo.payoutSettings(29_999, load);
    assert.equal(loads, 1);
    assert.equal(b.minimums.sek, 10_000);
    await memo.payoutSettings(30_000, load);
    assert.equal(loads, 2, "read again after the TTL: an admin's change arrives within it");
  });

  it("remembers only a paying run; an unknown or finished run is read every time", async () => {
    const memo = new RunMemo(30_000);
    const answers: (RunStatus | null)[] = ["paying", null, null, "done", "done"];
    let loads = 0;
    const load = async () => answers[loads++] ?? null;
    assert.equal(await memo.runStatus("r1", 0, load), "paying");
    assert.equal(await memo.runStatus("r1", 10_000, load), "paying");
    assert.equal(loads, 1);
    assert.equal(await memo.runStatus("r2", 10_000, load), null);
    assert.equal(await memo.runStatus("r2", 10_001, load), null);
    assert.equal(loads, 3, "a run that does not exist is never remembered");
    assert.equal(await memo.runStatus("r1", 30_000, load), "done", "after the TTL the run is read again");
    assert.equal(await memo.runStatus("r1", 30_001, load), "done");
    assert.equal(loads, 5);
  });

  it("with TTL 0 remembers nothing", async () => {
    const memo = new RunMemo(0);
    let loads = 0;
    await memo.runStatus("r", 0, async () => (loads++, "paying"));
    await memo.runStatus("r", 0, async () => (loads++, "paying"));
    await memo.payoutSettings(0, async () => (loads++, settings));
    await memo.payoutSettings(0, async () => (loads++, settings));
    assert.equal(loads, 4);
  });
});
