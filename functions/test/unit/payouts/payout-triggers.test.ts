import assert from "node:assert/strict";
import { approvePayout, payoutCoach, weeklyPayoutRun } from "../../../src/triggers/payouts";

interface Endpoint {
  concurrency?: number;
  maxInstances?: number;
  taskQueueTrigger?: { invoker?: string[] };
  scheduleTrigger?: unknown;
  httpsTrigger?: unknown;
  callableTrigger?: unknown;
}
const endpointOf = (f: unknown): Endpoint => (f as { __endpoint: Endpoint }).__endpoint;

describe("payout triggers as deployed", () => {
  it("payoutCoach's task queue is private: only the payouts account, which enqueues its tasks, may call it", () => {
    const invoker = endpointOf(payoutCoach).taskQueueTrigger?.invoker;
    assert.equal(invoker?.length, 1);
    assert.match(invoker[0]!, /^kassa-payouts@/);
  });

  it("the weekly run is a scheduled function, never a public HTTP endpoint", () => {
    const e = endpointOf(weeklyPayoutRun);
    assert.ok(e.scheduleTrigger);
    assert.equal(e.httpsTrigger, undefined);
  });

  it("admin decisions are callables (authenticated), not plain HTTP", () => {
    assert.ok(endpointOf(approvePayout).callableTrigger);
  });

  it("callables have a sized capacity (80 at once per instance, 20 instances), below the webhooks' 100 instances", () => {
    const e = endpointOf(approvePayout);
    assert.deepEqual([e.concurrency, e.maxInstances], [80, 20]);
  });
});
