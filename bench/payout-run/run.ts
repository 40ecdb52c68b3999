// The weekly payout run end to end against the Stripe sandbox with Stripe's live rate limits
// (100 requests/s for the account, 25/s per endpoint): N coaches with available balances (1,000; 10,000 with --large), Kassa's
// use cases with in-memory stores, tasks dispatched at the production queue's rate.
// Prints Stripe calls per coach paid, store reads/writes per coach, wall time and its ratio
// to the bound the limits set (payouts / 25 per second: each is one POST /v1/payouts).
import Stripe from "stripe";
import { addTxn } from "../../sandbox/stripe/src/balance.js";
import { startStripeSandbox } from "../../sandbox/stripe/src/server.js";
import { StripeConnectGateway } from "../../functions/src/adapters/stripe/stripe-connect-gateway.js";
import { bookEntries } from "../../functions/src/app/ledger/book-entries.js";
import { startPayoutRun, type RunDeps } from "../../functions/src/app/payouts/payout-run.js";
import { PAYOUT_TASKS_CONCURRENT, PAYOUT_TASKS_PER_SECOND } from "../../functions/src/app/payouts/payout-rate.js";
import { runPayoutTask } from "../../functions/src/app/payouts/payout-task.js";
import { RunMemo } from "../../functions/src/app/payouts/run-memo.js";
import { holdReleaseEntry, programSaleEntry } from "../../functions/src/domain/ledger.js";
import { paymentPosition } from "../../functions/src/domain/payment-position.js";
import type { PayoutTask } from "../../functions/src/ports/payout-dispatcher.js";
import { InMemoryPayoutStore } from "../../functions/test/fakes/in-memory-payout-store.js";

const N = process.argv.includes("--large") ? 10_000 : Number(process.env.BENCH_COACHES ?? 1000);
const RATE_LIMIT = 100;
const ENDPOINT_LIMIT = 25;
const GROSS = 49_900;
const FEE = 9_980;

async function pool<T>(items: T[], concurrency: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  }));
}

async function main(): Promise<void> {
  const sbx = await startStripeSandbox({ config: { rateLimitPerSecond: 0 } });
  const key = sbx.sandbox.config.secretKey;
  const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/x-www-form-urlencoded" };

  // Setup (not measured, no rate limit): verified accounts with money available at Stripe,
  // and the matching released sale in Kassa's ledger.
  const t0 = performance.now();
  const store = new InMemoryPayoutStore();
  store.settings = { requireApproval: true, minimums: {} };
  const coaches = Array.from({ length: N }, (_, i) => `coach-${String(i).padStart(5, "0")}`);
  const now = Date.now();
  await pool(coaches, 32, async (uid) => {
    const res = await fetch(`${sbx.url}/v1/accounts`, { method: "POST", headers, body: form({ type: "express", country: "SE", "settings[payouts][schedule][interval]": "manual" }) });
    const account = (await res.json()) as { id: string };
    await fetch(`${sbx.url}/__sandbox/accounts/${account.id}/verify`, { method: "POST" });
    addTxn(sbx.sandbox, { account: account.id, amount: GROSS - FEE, currency: "sek", type: "transfer", source: null, reporting_category: "transfer", available_on: sbx.sandbox.now() });
    const sale = programSaleEntry({ paymentId: `pi_${uid}`, coachId: uid, gross: { amount: GROSS, currency: "sek" }, fee: { amount: FEE, currency: "sek" }, occurredAt: now - 8 * 86400000 });
    const release = holdReleaseEntry({ position: paymentPosition([sale]), occurredAt: now - 86400000 })!;
    await store.transact((tx) => bookEntries(tx, [sale, release]));
    store.putPayment({
      id: `pi_${uid}`, kind: "program", userId: "cust", coachId: uid, programId: "prog", subscriptionId: null, invoiceId: null, description: "Program",
      amount: GROSS, currency: "sek", date: now - 8 * 86400000, status: "succeeded", stripePaymentId: `pi_${uid}`, stripeChargeId: null, feeAmount: FEE,
      coachAmount: GROSS - FEE, stripeFee: 0, refundedAmount: 0, availableOn: now - 86400000, entryIds: [sale.id, release.id], refundRequests: 0,
      holdReleased: true, day: "2026-01-01", updatedAt: now,
    });
    store.coaches.set(uid, {
      uid, stripeAccountId: account.id, chargesEnabled: true, payoutsEnabled: true, detailsSubmitted: true, requirementsDue: [], disabledReason: null,
      accountEventAt: null, openPayouts: {}, paidThrough: {}, payoutMinimums: {}, payoutRequests: 0, updatedAt: now,
    });
  });
  const setupSeconds = (performance.now() - t0) / 1000;

  // The run, measured: Stripe's live rate limit on, the production queue's dispatch rate.
  sbx.sandbox.config.rateLimitPerSecond = RATE_LIMIT;
  sbx.sandbox.config.endpointRateLimitPerSecond = ENDPOINT_LIMIT;
  sbx.server.log.clear();
  const stripe = new Stripe(key, { host: "127.0.0.1", port: sbx.port, protocol: "http", maxNetworkRetries: 2 });
  const tasks: PayoutTask[] = [];
  // The run's watcher checks on its own schedule (scheduleDelaySeconds) and calls no Stripe
  // endpoint; coach tasks leave the queue at its rate through the pool below.
  const watchers: Promise<void>[] = [];
  const enqueue = async (batch: readonly PayoutTask[], options: { delaySeconds?: number } = {}) => {
    for (const t of batch) {
      if (t.kind !== "watch") tasks.push(t);
      else watchers.push(new Promise<void>((resolve, reject) => setTimeout(() => runPayoutTask(deps, t).then(() => resolve(), reject), (options.delaySeconds ?? 0) * 1000)));
    }
  };
  const deps: RunDeps = {
    store,
    runs: store,
    // The bench resolves `stripe` as ESM and functions/ as CommonJS: same class, two type identities.
    gateway: new StripeConnectGateway(stripe as unknown as ConstructorParameters<typeof StripeConnectGateway>[0]),
    dispatcher: { enqueue },
    clock: { now: () => new Date() },
    timeZone: "Europe/Stockholm",
    memo: new RunMemo(), // one instance, as one function instance would have
  };
  const reads0 = store.reads;
  const writes0 = store.writes;
  const start = performance.now();
  const { runId } = await startPayoutRun(deps, { trigger: "schedule" });
  // Cloud Tasks-like dispatch: task i leaves the queue at i / rate, at most K in flight.
  const begin = performance.now();
  await pool(tasks, PAYOUT_TASKS_CONCURRENT, async (task, i) => {
    const due = begin + (i * 1000) / PAYOUT_TASKS_PER_SECOND;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    for (let attempt = 0; ; attempt++) {
      try {
        await runPayoutTask(deps, task);
        return;
      } catch (error) {
        if (attempt >= 5) throw error; // the queue's retry with backoff
        await new Promise((r) => setTimeout(r, 1000 * 2 ** attempt));
      }
    }
  });
  const wall = (performance.now() - start) / 1000;
  // The run is marked done by its watcher's next check after the last payout settled.
  for (let i = 0; i < watchers.length; i++) await watchers[i];
  const doneAfter = (performance.now() - start) / 1000;

  const run = store.runs.get(runId)!;
  const log = sbx.server.log.list();
  const calls = log.length;
  const payoutPosts = log.filter((r) => r.method === "POST" && r.path === "/v1/payouts").length;
  const limited = log.filter((r) => r.status === 429).length;
  const stripePayouts = Object.values(sbx.sandbox.state.payouts).length;
  // The binding limit is POST /v1/payouts' own (25/s), not the account's global 100/s.
  const bound = stripePayouts / ENDPOINT_LIMIT;
  const reads = store.reads - reads0;
  const writes = store.writes - writes0;
  const perCoach = (x: number) => (x / N).toFixed(2);

  console.log(`payout run: ${N} coaches (setup ${setupSeconds.toFixed(1)} s, not measured)`);
  console.log(`  run ${runId}: ${run.status}, due ${run.counts.due}, done ${run.counts.done}, failed ${run.counts.failed}, skipped ${run.counts.skipped}`);
  console.log(`  Stripe payouts created: ${stripePayouts} (one per coach paid: ${stripePayouts === run.counts.done ? "yes" : "NO"})`);
  console.log(`  Stripe calls: ${calls} (${payoutPosts} POST /v1/payouts, ${limited} answered 429) -> ${(calls / Math.max(run.counts.done, 1)).toFixed(2)} per coach paid`);
  console.log(`  store reads per coach: ${perCoach(reads)}, writes per coach: ${perCoach(writes)} (reads ${reads}, writes ${writes}; in-memory store counting document reads/writes as Firestore would)`);
  console.log(`  wall time ${wall.toFixed(2)} s; rate-limit bound ${bound.toFixed(2)} s (payouts / ${ENDPOINT_LIMIT} per s, Stripe's per-endpoint limit within the global ${RATE_LIMIT}/s); ratio ${(wall / bound).toFixed(3)} (target <= 1.05)`);
  console.log(`  run marked done by its watcher at ${doneAfter.toFixed(2)} s (${watchers.length} watcher checks)`);
  console.log(`  dispatch: ${PAYOUT_TASKS_PER_SECOND}/s, ${PAYOUT_TASKS_CONCURRENT} concurrent (the payoutCoach queue's settings)`);
  await sbx.close();
  if (stripePayouts !== run.counts.done || run.status !== "done") process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
