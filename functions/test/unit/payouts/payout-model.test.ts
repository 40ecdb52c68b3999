/**
 * Model-based test of the payout world (payout-model.ts): random sequences of requests,
 * decisions, weekly runs, task retries, Stripe faults and settlements, events late, twice and
 * out of order, hold releases, refunds and clock jumps past 20 and 24 hours, with the
 * invariants checked after every step. `npm test` runs PAYOUT_MODEL_RUNS (default 100)
 * sequences; `npm run chaos:payouts` runs 1,000 longer ones.
 */
import fc from "fast-check";
import { payoutWorldProperty } from "./payout-model";

const RUNS = Number(process.env.PAYOUT_MODEL_RUNS ?? 100);
const COMMANDS = Number(process.env.PAYOUT_MODEL_COMMANDS ?? 40);

describe("payout world as a model", function () {
  this.timeout(Math.max(60_000, RUNS * 2_000));

  it(`keeps every invariant after every step (${RUNS} sequences of up to ${COMMANDS} commands)`, async () => {
    await fc.assert(payoutWorldProperty(COMMANDS), { numRuns: RUNS, ...(process.env.PAYOUT_MODEL_SEED ? { seed: Number(process.env.PAYOUT_MODEL_SEED) } : {}) });
  });
});
