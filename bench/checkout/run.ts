/**
 * bench/checkout: what one paid program purchase costs, from the checkout call to the
 * processed webhook, using Kassa's real use cases, the real Stripe adapter and the local
 * Stripe sandbox in-process (webhooks delivered over loopback to a receiver that runs the
 * real signature check, ingest and processor).
 *
 * Prints per purchase: store document reads and writes (counted at the store ports, which
 * map 1:1 to Firestore document reads/writes in the Firestore adapters) and Stripe API calls
 * (from the sandbox's request log), plus webhook acknowledgement latency p50/p99 for the
 * verify + store step. Run: npx tsx bench/checkout/run.ts [purchases=50]
 */
import http from "node:http";
import { startStripeSandbox } from "../../sandbox/stripe/src/server.js";
import { stripeClient } from "../../functions/src/adapters/stripe/stripe-client.js";
import { StripePaymentsGateway } from "../../functions/src/adapters/stripe/stripe-payments-gateway.js";
import { verifyStripeEvent } from "../../functions/src/adapters/stripe/verify-webhook.js";
import { createProgramCheckout } from "../../functions/src/app/checkout/program-checkout.js";
import { paymentEventHandlers } from "../../functions/src/app/payments/payment-event-handlers.js";
import { ingestStripeEvent } from "../../functions/src/app/stripe-events/ingest-event.js";
import { processStripeEvent } from "../../functions/src/app/stripe-events/process-event.js";
import { InMemoryMoneyStore } from "../../functions/test/fakes/in-memory-money-store.js";
import { fixedSettings, InMemoryCatalogue, InMemoryCustomers, InMemoryEvents, InMemorySubscriptions } from "../../functions/test/fakes/in-memory-payment-stores.js";
import { PLATFORM_EVENTS } from "../../sandbox/stack/src/stripe-webhooks.js";
import { InMemoryAuditLog } from "../../functions/test/fakes/in-memory-audit-log.js";
import { InMemoryCheckoutAttempts } from "../../functions/test/fakes/in-memory-checkout-attempts.js";
import type { CheckoutAttemptStore } from "../../functions/src/ports/checkout-attempts.js";

const PURCHASES = Number(process.argv[2] ?? 50);
const KEY = "sk_test_kassa_sandbox";

/** Counts calls to every method of a store as document reads (get*) or writes (the rest). */
function counted<T extends object>(store: T, tally: { reads: number; writes: number }): T {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (String(prop).startsWith("get") || String(prop).startsWith("find")) tally.reads++;
        else tally.writes++;
        return value.apply(target, args);
      };
    },
  });
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

async function main(): Promise<void> {
  const sbx = await startStripeSandbox({ config: { rateLimitPerSecond: 0, webhookRetryBaseMs: 100 } });
  // The functions' own client factory, pointed at the sandbox as STRIPE_API_BASE would.
  const stripe = stripeClient(KEY, sbx.url);
  const control = (path: string, body: unknown = {}) =>
    fetch(`${sbx.url}/__sandbox${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  const tally = { reads: 0, writes: 0 };
  const money = new InMemoryMoneyStore();
  const catalogue = new InMemoryCatalogue();
  const customers = new InMemoryCustomers();
  const events = new InMemoryEvents();
  const clock = { now: () => new Date() };
  const gateway = new StripePaymentsGateway(stripe);
  const paymentDeps = { money, gateway, settings: fixedSettings(), customers: counted(customers, tally), subscriptions: counted(new InMemorySubscriptions(), tally), clock, audit: new InMemoryAuditLog() };
  // The card-testing quota's admit() is a transaction on checkoutAttempts/{uid}: one read and one write.
  const attemptStore = new InMemoryCheckoutAttempts();
  const attempts: CheckoutAttemptStore = {
    admit: (...a) => (tally.reads++, tally.writes++, attemptStore.admit(...a)),
    attach: (...a) => (tally.reads++, tally.writes++, attemptStore.attach(...a)),
    recent: (...a) => (tally.reads++, attemptStore.recent(...a)),
  };
  const proc = { events: counted(events, tally), handlers: paymentEventHandlers(paymentDeps), clock };

  const acct = await stripe.accounts.create({ type: "express", country: "SE" }, { idempotencyKey: "bench-acct" });
  await control(`/accounts/${acct.id}/verify`);
  catalogue.coaches.set("coach-1", { stripeAccountId: acct.id, chargesEnabled: true });
  catalogue.addProgram({ id: "p1", coachId: "coach-1" });
  customers.add("user-1");

  // Webhook receiver: the real signature check, ingest (store once) and processor.
  const ackMs: number[] = [];
  let processed = 0;
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const t0 = performance.now();
        try {
          const ev = verifyStripeEvent(stripe, Buffer.concat(chunks), req.headers["stripe-signature"] as string, secret);
          const stored = await ingestStripeEvent({ events: proc.events, clock, expectLivemode: false, endpoint: "platform" }, ev);
          ackMs.push(performance.now() - t0);
          res.writeHead(200).end();
          if (stored === "stored") {
            const doc = await events.get(ev.id); // as the trigger's snapshot, not counted as a read
            await processStripeEvent(proc, ev.id, doc ? { stored: doc } : {});
            processed++;
          }
        } catch (e) {
          res.writeHead(400).end(String(e));
        }
      })();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  const port = (receiver.address() as { port: number }).port;
  const endpoint = await stripe.webhookEndpoints.create({ url: `http://127.0.0.1:${port}/hook`, enabled_events: PLATFORM_EVENTS as Parameters<typeof stripe.webhookEndpoints.create>[0]["enabled_events"] });
  const secret = endpoint.secret!;

  // Warm-up purchase: creates the Stripe customer and mirrors the price (one-time costs).
  const buy = async () => {
    const { sessionId } = await createProgramCheckout({ catalogue: counted(catalogue, tally), customers: counted(customers, tally), settings: fixedSettings(), gateway, ids: { next: (p) => `${p}_${Math.random().toString(36).slice(2)}` }, webAppUrl: "http://web", attempts, clock, attemptsPerHour: 1_000_000, attemptsPerIpPerHour: 1_000_000 }, { uid: "user-1", role: "customer", email: null }, { programId: "p1" });
    await control(`/checkout/${sessionId}/pay`, { card: "4242424242424242" });
  };
  const waitProcessed = async (n: number) => {
    const deadline = Date.now() + 60000;
    while (processed < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  };
  await buy();
  await waitProcessed(2);
  const eventsPerPurchase = processed;

  await fetch(`${sbx.url}/__sandbox/requests`, { method: "DELETE" });
  Object.assign(tally, { reads: 0, writes: 0 });
  money.reads = 0;
  money.writes = 0;
  const processedBefore = processed;
  const t0 = performance.now();
  for (let i = 0; i < PURCHASES; i++) await buy();
  await waitProcessed(processedBefore + PURCHASES * eventsPerPurchase);
  const seconds = (performance.now() - t0) / 1000;
  const log = (await (await fetch(`${sbx.url}/__sandbox/requests`)).json()) as { data: { path: string; method: string }[] };
  const stripeCalls = log.data.filter((r) => r.path.startsWith("/v1/")).length;

  const reads = tally.reads + money.reads;
  const writes = tally.writes + money.writes;
  const lines = [
    `bench/checkout: ${PURCHASES} paid program purchases (after one warm-up), ${eventsPerPurchase} webhook events each`,
    `  store document reads per purchase   ${(reads / PURCHASES).toFixed(2)}   (target <= 5; the card-testing quota is one)`,
    `  store document writes per purchase  ${(writes / PURCHASES).toFixed(2)}   (target <= 7; the quota, ledger entries and balance included)`,
    `  Stripe API calls per purchase       ${(stripeCalls / PURCHASES).toFixed(2)}   (target <= 2; from the sandbox request log)`,
    `  webhook ack (verify + store) p50    ${pct(ackMs, 50).toFixed(2)} ms, p99 ${pct(ackMs, 99).toFixed(2)} ms over ${ackMs.length} events (in-memory store)`,
    `  wall time                           ${seconds.toFixed(2)} s (${(PURCHASES / seconds).toFixed(1)} purchases/s)`,
    `  coach held balance                  ${money.balance("coach-1").held} öre (expected ${(PURCHASES + 1) * 39920})`,
  ];
  console.log(lines.join("\n"));
  receiver.close();
  await sbx.close();
  if (money.balance("coach-1").held !== (PURCHASES + 1) * 39920) process.exit(1);
}

void main();
