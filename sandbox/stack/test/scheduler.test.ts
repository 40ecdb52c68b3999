import assert from "node:assert/strict";
import { backoffSeconds, type RetryPolicy } from "../src/scheduler/jobs.js";
import { planFirings, type PlannedJob } from "../src/scheduler/plan.js";
import { localTime, parseSchedule } from "../src/scheduler/schedule.js";

const TZ = "Europe/Stockholm";
const iso = (ms: number) => new Date(ms).toISOString();
const runs = (expression: string, fromIso: string, n: number) => {
  const s = parseSchedule(expression, TZ);
  const out: string[] = [];
  for (let at = Date.parse(fromIso); out.length < n; ) {
    at = s.nextAfter(at);
    out.push(iso(at));
  }
  return out;
};

describe("local Cloud Scheduler: when jobs run", () => {
  describe("daylight saving in Europe/Stockholm", () => {
    // 2027-03-28 (last Sunday of March): 02:00 CET jumps to 03:00 CEST, so 02:00 does not exist.
    it("spring: the nightly 02:00 job runs once on the night without a 02:00, then at 02:00 CEST", () => {
      assert.deepEqual(runs("0 2 * * *", "2027-03-26T12:00:00Z", 3), [
        "2027-03-27T01:00:00.000Z", // Saturday 02:00 CET (UTC+1)
        "2027-03-28T01:00:00.000Z", // Sunday: once, at 03:00 CEST, the first instant after the gap
        "2027-03-29T00:00:00.000Z", // Monday 02:00 CEST (UTC+2)
      ]);
    });

    // 2026-10-25 (last Sunday of October): 03:00 CEST falls back to 02:00 CET, so 02:00 happens twice.
    it("autumn: the nightly 02:00 job runs once on the night with two 02:00s, then at 02:00 CET", () => {
      assert.deepEqual(runs("0 2 * * *", "2026-10-24T12:00:00Z", 3), [
        "2026-10-25T00:00:00.000Z", // the first 02:00 (CEST); not again at the second (01:00Z)
        "2026-10-26T01:00:00.000Z",
        "2026-10-27T01:00:00.000Z",
      ]);
    });

    it("the Monday 08:00 payout run keeps 08:00 local time across both changes", () => {
      assert.deepEqual(runs("0 8 * * 1", "2027-03-24T00:00:00Z", 2), ["2027-03-29T06:00:00.000Z", "2027-04-05T06:00:00.000Z"]);
      assert.deepEqual(runs("0 8 * * 1", "2026-10-20T00:00:00Z", 2), ["2026-10-26T07:00:00.000Z", "2026-11-02T07:00:00.000Z"]);
      assert.equal(localTime(Date.parse("2026-12-07T07:00:00Z"), TZ), "2026-12-07 08:00");
    });

    it("an every-30-minutes job keeps its real 30-minute spacing through the repeated hour", () => {
      const out = runs("*/30 * * * *", "2026-10-24T23:50:00Z", 6).map((s) => Date.parse(s));
      out.slice(1).forEach((t, i) => assert.equal(t - out[i]!, 30 * 60_000));
    });
  });

  it("understands App Engine's 'every N minutes' and marks it frequent", () => {
    const s = parseSchedule("every 5 minutes", TZ);
    assert.equal(iso(s.nextAfter(Date.parse("2026-12-01T10:03:10Z"))), "2026-12-01T10:05:00.000Z");
    assert.equal(s.frequent, true);
    assert.equal(parseSchedule("every 60 minutes", TZ).frequent, true);
    assert.equal(parseSchedule("0 2 * * *", TZ).frequent, false);
    assert.equal(parseSchedule("*/30 * * * *", TZ).frequent, true);
    assert.throws(() => parseSchedule("every tuesday", TZ), /not a cron expression/);
  });

  describe("what a jump fires", () => {
    const jobs: PlannedJob[] = [
      { name: "releaseHolds", schedule: parseSchedule("every 60 minutes", TZ) },
      { name: "syncAccountingNightly", schedule: parseSchedule("0 2 * * *", TZ) },
      { name: "weeklyPayoutRun", schedule: parseSchedule("0 8 * * 1", TZ) },
      { name: "reconcileBalances", schedule: parseSchedule("30 3 * * *", TZ) },
    ];
    // Tuesday 2026-12-01 22:30 Stockholm (21:30Z) + 8 days.
    const from = Date.parse("2026-12-01T21:30:00Z");
    const plan = planFirings(jobs, from, from + 8 * 86_400_000);
    const named = (n: string) => plan.filter((f) => f.name === n);

    it("runs a nightly job once per night and the weekly job once, in time order", () => {
      assert.equal(named("syncAccountingNightly").length, 8);
      assert.deepEqual(named("weeklyPayoutRun").map((f) => localTime(f.at, TZ)), ["2026-12-07 08:00"]);
      const times = plan.map((f) => f.at);
      assert.deepEqual(times, [...times].sort((a, b) => a - b));
    });

    it("runs an hourly job once before each daily run hours after its last run, and once at the end, not 192 times", () => {
      // Before each 02:00 (8), before Monday 08:00, at the end; not between 02:00 and 03:30.
      assert.equal(named("releaseHolds").length, 10);
      assert.equal(named("reconcileBalances").length, 8);
      const weekly = plan.findIndex((f) => f.name === "weeklyPayoutRun");
      assert.equal(plan[weekly - 1]?.name, "releaseHolds", "holds freed before Monday's run looks at balances");
      assert.equal(plan.at(-1)?.name, "releaseHolds");
      assert.equal(localTime(plan.at(-1)!.at, TZ), "2026-12-09 22:00");
    });

    it("includes a run due exactly at the target (next-monday-08:00) and nothing for no move", () => {
      const monday = Date.parse("2026-12-07T07:00:00Z");
      assert.equal(planFirings(jobs, from, monday).at(-1)?.name, "weeklyPayoutRun");
      assert.deepEqual(planFirings(jobs, from, from), []);
    });
  });

  it("backs off as Cloud Scheduler does: doubling from the minimum, capped", () => {
    const r: RetryPolicy = { retryCount: 5, minBackoffSeconds: 5, maxBackoffSeconds: 60, maxDoublings: 2 };
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((a) => backoffSeconds(a, r)), [5, 10, 20, 40, 60, 60]);
  });
});
