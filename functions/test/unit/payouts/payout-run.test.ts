import { runPayoutTask } from "../../../src/app/payouts/payout-task";
import assert from "node:assert/strict";
import { payRunCoach, startPayoutRun, watchRun, weeklyRunId } from "../../../src/app/payouts/payout-run";
import { RunMemo } from "../../../src/app/payouts/run-memo";
import type { PayoutTask } from "../../../src/ports/payout-dispatcher";
import { DAY, T0, drain, onboard, sale, world, type World } from "./world";

const runTask = (w: World) => (t: PayoutTask) => runPayoutTask(w.deps, t);

describe("weekly payout run", () => {
  it("pays each due coach once and records skips with their reasons", async () => {
    const w = world();
    onboard(w, "due");
    onboard(w, "small");
    onboard(w, "restricted", 1_000_000, { payoutsEnabled: false, disabledReason: "requirements.past_due" });
    onboard(w, "negative");
    await sale(w, { coachId: "due", id: "pi_1", gross: 49900, availableOn: T0 - DAY, released: true });
    await sale(w, { coachId: "due", id: "pi_2", gross: 79900, availableOn: T0 - 2 * DAY, released: true, programId: "prog-2" });
    await sale(w, { coachId: "due", id: "pi_held", gross: 49900, availableOn: T0 + DAY });
    await sale(w, { coachId: "small", id: "pi_3", gross: 5000, availableOn: T0 - DAY, released: true });
    await sale(w, { coachId: "restricted", id: "pi_4", gross: 49900, availableOn: T0 - DAY, released: true });
    await sale(w, { coachId: "notonboarded", id: "pi_5", gross: 49900, availableOn: T0 - DAY, released: true });

    const { runId, started } = await startPayoutRun(w.deps, { trigger: "schedule" });
    assert.equal(runId, "payout-run-2026-W03");
    assert.ok(started);
    // Planning reads balances only: every coach with at least the minimum gets a task, and the
    // restricted and the not-onboarded coach's tasks decide with their documents and skip.
    assert.deepEqual(w.tasks.filter((t) => t.kind === "run").map((t) => t.coachId).sort(), ["due", "notonboarded", "restricted"]);
    await drain(w, runTask(w));

    const run = w.store.runs.get(runId)!;
    assert.equal(run.status, "done");
    assert.deepEqual({ ...run.counts, amounts: run.counts.amounts }, { due: 3, done: 1, awaiting: 0, skipped: 3, failed: 0, settled: 3, amounts: { sek: 103840 } });
    assert.deepEqual(run.skippedByReason, { below_minimum: 1, account_restricted: 1, onboarding_incomplete: 1 });
    // Sent, not paid: payout.paid arrives days later (the summary said "paid out" before).
    assert.match(run.summary!, /^1 sent to Stripe \(1038\.40 SEK\), 0 failed, 3 skipped/);
    assert.doesNotMatch(run.summary!, /paid/);
    assert.equal(w.store.outcome(runId, "restricted_sek")?.message, "Account restricted: Stripe has disabled payouts on the coach's account. (requirements.past_due)");

    const payout = w.store.payouts.get(`${runId}_due_sek`)!;
    assert.equal(payout.status, "processing");
    assert.equal(payout.amount, 103840);
    assert.deepEqual(payout.relatedPaymentIds, ["pi_2", "pi_1"]);
    assert.deepEqual(payout.lineItems.map((l) => [l.programId, l.payments, l.coachAmount]), [["prog-2", 1, 63920], ["prog-1", 1, 39920]]);
    assert.equal(w.gateway.payouts.length, 1);
    assert.equal(w.gateway.payouts[0]!.key, payout.id);
    assert.deepEqual(w.store.balance("due"), { coachId: "due", currency: "sek", held: 39920, available: 0, inPayout: 103840, paid: 0 });
  });

  it("does nothing on a second trigger of the same week", async () => {
    const w = world();
    onboard(w, "due");
    await sale(w, { coachId: "due", id: "pi_1", gross: 49900, availableOn: T0 - DAY, released: true });
    await startPayoutRun(w.deps, { trigger: "schedule" });
    const second = await startPayoutRun(w.deps, { trigger: "schedule" });
    assert.equal(second.started, false);
    assert.deepEqual(w.tasks.map((t) => t.kind), ["run", "watch"]);
    assert.equal(weeklyRunId(T0, "Europe/Stockholm"), "payout-run-2026-W03");
  });

  it("resumes planning after a crashed planner without counting a coach twice", async () => {
    const w = world();
    onboard(w, "due");
    await sale(w, { coachId: "due", id: "pi_1", gross: 49900, availableOn: T0 - DAY, released: true });
    // The planner dies after enqueueing its page and before recording it.
    const record = w.store.recordPlannedPage.bind(w.store);
    w.store.recordPlannedPage = async () => {
      throw new Error("instance died");
    };
    await assert.rejects(startPayoutRun(w.deps, { trigger: "schedule" }), /instance died/);
    w.store.recordPlannedPage = record;
    assert.equal(w.store.runs.get("payout-run-2026-W03")!.status, "planning");
    assert.equal((await startPayoutRun(w.deps, { trigger: "schedule" })).started, false, "the lease still holds");
    w.clock.advance(10 * 60 * 1000); // its lease ran out
    const again = await startPayoutRun(w.deps, { trigger: "schedule" });
    assert.ok(again.started);
    assert.equal(w.store.runs.get("payout-run-2026-W03")!.counts.due, 1);
    assert.equal(w.tasks.filter((t) => t.kind === "run").length, 1, "the page enqueued again is the same named task");
    await drain(w, runTask(w));
    assert.equal(w.gateway.payouts.length, 1);
    assert.equal(w.store.runs.get("payout-run-2026-W03")!.counts.done, 1);
  });

  it("a task retried after Stripe paid but before Firestore recorded it gets the same payout", async () => {
    const w = world();
    onboard(w, "due");
    await sale(w, { coachId: "due", id: "pi_1", gross: 49900, availableOn: T0 - DAY, released: true });
    await startPayoutRun(w.deps, { trigger: "schedule" });
    const task = w.tasks.shift()!;
    w.gateway.failAfterEffect = 1;
    await assert.rejects(runTask(w)(task), /response lost/);
    const mid = w.store.payouts.get("payout-run-2026-W03_due_sek")!;
    assert.equal(mid.status, "sending");
    assert.equal(mid.stripePayoutId, null);
    await runTask(w)(task); // Cloud Tasks retries
    await runTask(w)(task); // and once more for good measure
    assert.equal(w.gateway.payouts.length, 1);
    const p = w.store.payouts.get("payout-run-2026-W03_due_sek")!;
    assert.equal(p.stripePayoutId, w.gateway.payouts[0]!.id);
    assert.equal(p.status, "processing");
    assert.equal(w.store.balance("due").inPayout, 39920);
    assert.equal((await w.store.getRun("payout-run-2026-W03"))!.counts.done, 1);
  });

  it("releases the reserve back with Stripe's reason when Stripe has less available", async () => {
    const w = world();
    onboard(w, "due", 1000);
    await sale(w, { coachId: "due", id: "pi_1", gross: 49900, availableOn: T0 - DAY, released: true });
    await startPayoutRun(w.deps, { trigger: "schedule" });
    await drain(w, runTask(w));
    const p = w.store.payouts.get("payout-run-2026-W03_due_sek")!;
    assert.equal(p.status, "failed");
    assert.equal(p.failureCode, "balance_insufficient");
    assert.deepEqual(w.store.balance("due"), { coachId: "due", currency: "sek", held: 0, available: 39920, inPayout: 0, paid: 0 });
    assert.deepEqual(w.store.coaches.get("due")!.openPayouts, {});
    const run = w.store.runs.get("payout-run-2026-W03")!;
    assert.equal(run.counts.failed, 1);
    assert.equal(w.store.outcome(run.id, "due_sek")?.reason, "balance_insufficient");
    assert.ok(w.store.entries.has(`${p.id}:failed`));
  });

  it("skips at pay time when a request opened a payout after planning", async () => {
    const w = world();
    onboard(w, "due");
    await sale(w, { coachId: "due", id: "pi_1", gross: 49900, availableOn: T0 - DAY, released: true });
    await startPayoutRun(w.deps, { trigger: "schedule" });
    w.store.coaches.get("due")!.openPayouts = { sek: "rq-other" };
    await drain(w, runTask(w));
    assert.equal(w.gateway.payouts.length, 0);
    const run = w.store.runs.get("payout-run-2026-W03")!;
    assert.equal(run.status, "done");
    assert.equal(w.store.outcome(run.id, "due_sek")?.reason, "payout_open");
  });

  it("a paid coach's task costs 4 document reads and 6 writes (the run's budget with planning's 1 read)", async () => {
    const w = world();
    onboard(w, "a");
    onboard(w, "b");
    await sale(w, { coachId: "a", id: "pi_a", gross: 49900, availableOn: T0 - DAY, released: true });
    await sale(w, { coachId: "b", id: "pi_b", gross: 49900, availableOn: T0 - DAY, released: true });
    const deps = { ...w.deps, memo: new RunMemo() };
    const { runId } = await startPayoutRun(deps, { trigger: "schedule" });
    const [first, second] = w.tasks.filter((t) => t.kind === "run");
    await payRunCoach(deps, first!); // warms the instance's memo (settings, run status)
    const [r0, w0] = [w.store.reads, w.store.writes];
    const r = await payRunCoach(deps, second!);
    assert.equal(r.outcome.status, "done");
    // coach, balance, released sales, the payout when Stripe answers; entry, balance, rollup, payout, coach, payout.
    assert.deepEqual([w.store.reads - r0, w.store.writes - w0], [4, 6]);
    assert.equal(w.store.payouts.get(`${runId}_b_sek`)!.status, "processing");
  });

  it("a retried task whose payout exists (created, then settled and the marker cleared) reports it and pays nothing twice", async () => {
    const w = world();
    onboard(w, "due", 1000); // Stripe has too little: the payout fails and the marker is cleared
    await sale(w, { coachId: "due", id: "pi_1", gross: 49900, availableOn: T0 - DAY, released: true });
    await startPayoutRun(w.deps, { trigger: "schedule" });
    const task = w.tasks.find((t) => t.kind === "run")!;
    const first = await runTask(w)(task);
    assert.equal(first.kind === "run" && first.result.outcome.status, "failed");
    w.gateway.available.set("acct_due", 1_000_000);
    const again = await runTask(w)(task); // Cloud Tasks delivers it once more
    assert.equal(again.kind === "run" && again.result.payoutId, "payout-run-2026-W03_due_sek");
    assert.equal(w.gateway.payouts.length, 0, "the failed payout is not sent again by a duplicate task");
    assert.equal(w.store.balance("due").available, 39920);
  });

  it("the watcher gives up after 7 hours and 420 checks, finishing the run with what settled", async () => {
    const w = world();
    onboard(w, "due");
    await sale(w, { coachId: "due", id: "pi_1", gross: 49900, availableOn: T0 - DAY, released: true });
    const { runId } = await startPayoutRun(w.deps, { trigger: "schedule" });
    w.clock.advance(6 * 3600 * 1000);
    assert.equal(await watchRun(w.deps, { runId, check: 500 }), "watching", "tasks may still be retrying");
    w.clock.advance(3600 * 1000 + 1);
    assert.equal(await watchRun(w.deps, { runId, check: 3 }), "watching", "a clock that jumped (the stack's demo history) is not 7 hours of checks");
    assert.deepEqual(w.tasks.at(-1), { kind: "watch", runId, check: 4, settled: 0 });
    assert.equal(await watchRun(w.deps, { runId, check: 420 }), "done");
    assert.match(w.store.runs.get(runId)!.summary!, /1 coaches' tasks never settled/);
  });
});
