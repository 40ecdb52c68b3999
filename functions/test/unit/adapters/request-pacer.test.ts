import assert from "node:assert/strict";
import { RequestPacer, STRIPE_PAYOUTS_PER_SECOND } from "../../../src/adapters/stripe/request-pacer";

/** A clock that moves only when a caller sleeps, so the test sees exact start times. */
function fakeTime() {
  let t = 1_000_000;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
  };
}

describe("RequestPacer: spaces calls below a rate", () => {
  it("a burst of 200 callers starts at most the rate in any one-second window, and the first goes at once", async () => {
    const time = fakeTime();
    const pacer = new RequestPacer(STRIPE_PAYOUTS_PER_SECOND, time.now, time.sleep);
    const starts: number[] = [];
    const t0 = time.now();
    // Sequential awaits with a clock that advances on sleep: each start is the slot granted.
    for (let i = 0; i < 200; i++) {
      await pacer.turn();
      starts.push(time.now());
    }
    assert.equal(starts[0], t0, "the first call waited");
    let worst = 0;
    for (let i = 0; i < starts.length; i++) {
      const inWindow = starts.filter((s) => s >= starts[i]! && s < starts[i]! + 1000).length;
      worst = Math.max(worst, inWindow);
    }
    assert.equal(worst, STRIPE_PAYOUTS_PER_SECOND, `at most ${STRIPE_PAYOUTS_PER_SECOND} per second, saw ${worst}`);
    // And no slower than asked: 200 calls take 199 slots of exactly 1000 / rate ms (rounded up once).
    assert.equal(starts[199]! - t0, Math.ceil((199 * 1000) / STRIPE_PAYOUTS_PER_SECOND));
  });

  it("concurrent callers get distinct slots in the order they asked", async () => {
    let t = 0;
    const waits: number[] = [];
    const pacer = new RequestPacer(10, () => t, async (ms) => void waits.push(ms));
    await Promise.all([pacer.turn(), pacer.turn(), pacer.turn()]);
    assert.deepEqual(waits, [100, 200]);
    // After a quiet spell longer than a slot, the next caller goes at once (no banked burst).
    t = 10_000;
    waits.length = 0;
    await pacer.turn();
    await pacer.turn();
    assert.deepEqual(waits, [100]);
  });

  it("STRIPE_PAYOUTS_PER_SECOND stays below Stripe's 25 requests/s per endpoint", () => {
    assert.ok(STRIPE_PAYOUTS_PER_SECOND < 25);
  });
});
