// Stripe sandbox throughput over loopback through the real SDK, rate limit off.
// Prints requests/second for simple GETs and for the mixed money workload
// (create checkout + pay + payout) that Kassa's payout benchmarks lean on.
import Stripe from "stripe";
import { startStripeSandbox } from "../../sandbox/stripe/src/server.js";

const SIMPLE_REQUESTS = Number(process.env.BENCH_SIMPLE ?? 3000);
const MIXED_ROUNDS = Number(process.env.BENCH_MIXED ?? 150);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

async function pool(total: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await task(next++);
    }),
  );
}

// Wrapped in main(): this folder has no package.json, so tsx loads it as CommonJS where
// top-level await is unavailable.
async function main(): Promise<void> {
  const sbx = await startStripeSandbox({ config: { rateLimitPerSecond: 0 } });
  const stripe = new Stripe("sk_test_kassa_sandbox", { host: "127.0.0.1", port: sbx.port, protocol: "http", maxNetworkRetries: 0 });
  const post = (path: string, body: unknown = {}): Promise<Response> => fetch(`${sbx.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  const acct = await stripe.accounts.create({ type: "express", capabilities: { transfers: { requested: true } } });
  await post(`/__sandbox/accounts/${acct.id}/verify`);
  const customer = await stripe.customers.create({ email: "bench@example.com" });

  // Simple GETs: retrieve a customer and the connected account's balance, alternately.
  let t0 = performance.now();
  await pool(SIMPLE_REQUESTS, CONCURRENCY, (i) => (i % 2 ? stripe.customers.retrieve(customer.id) : stripe.balance.retrieve({}, { stripeAccount: acct.id })));
  const simpleSeconds = (performance.now() - t0) / 1000;

  // Mixed: checkout session create (SDK) + pay (control) + hold release + payout (SDK).
  await stripe.customers.list(); // warm
  const before = sbx.server.log.list().length;
  t0 = performance.now();
  await pool(MIXED_ROUNDS, CONCURRENCY, async (i) => {
    const s = await stripe.checkout.sessions.create(
      {
        mode: "payment",
        success_url: "http://127.0.0.1/ok",
        line_items: [{ quantity: 1, price_data: { currency: "sek", unit_amount: 10000 + i, product_data: { name: "Program" } } }],
        payment_intent_data: { application_fee_amount: 2000, transfer_data: { destination: acct.id } },
      },
      { idempotencyKey: `bench-cs-${i}` },
    );
    const paid = await post(`/__sandbox/checkout/${s.id}/pay`, {});
    if (!paid.ok) throw new Error(`pay failed: ${paid.status} ${await paid.text()}`);
    await stripe.checkout.sessions.retrieve(s.id);
  });
  // Release the hold once (moving the clock while sessions are open would expire them),
  // then pay out in small amounts like a weekly payout run.
  await post("/__sandbox/clock", { advance_seconds: 8 * 86400 });
  const payouts = MIXED_ROUNDS;
  await pool(payouts, CONCURRENCY, (i) => stripe.payouts.create({ amount: 5000, currency: "sek" }, { stripeAccount: acct.id, idempotencyKey: `bench-po-${i}` }));
  const mixedSeconds = (performance.now() - t0) / 1000;
  const apiCalls = sbx.server.log.list().length - before;
  const controlCalls = MIXED_ROUNDS + 1;

  const b = await stripe.balance.retrieve({}, { stripeAccount: acct.id });
  console.log(`stripe sandbox bench (loopback, concurrency ${CONCURRENCY}, rate limit off)`);
  console.log(`simple GETs:   ${SIMPLE_REQUESTS} requests in ${simpleSeconds.toFixed(2)} s = ${(SIMPLE_REQUESTS / simpleSeconds).toFixed(0)} requests/s`);
  console.log(`mixed rounds:  ${MIXED_ROUNDS} checkouts paid, ${payouts} payouts; ${apiCalls} API + ${controlCalls} control requests in ${mixedSeconds.toFixed(2)} s = ${((apiCalls + controlCalls) / mixedSeconds).toFixed(0)} requests/s, ${(MIXED_ROUNDS / mixedSeconds).toFixed(0)} checkouts/s`);
  console.log(`objects:       ${Object.keys(sbx.sandbox.state.events).length} events, ${Object.keys(sbx.sandbox.state.balanceTransactions).length} balance transactions; coach available ${b.available[0]?.amount ?? 0} öre`);
  await sbx.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
