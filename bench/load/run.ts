/**
 * `npm run bench:load [seconds=60] [webhooksPerSecond=200] [customers=50]` against the local
 * stack (loopback only; wraps itself in `npm run stack:exec` when no stack is running).
 * For `seconds`: `customers` concurrent customers loop checkout -> pay on the sandbox's hosted
 * page, while signed webhook events are posted to stripeWebhook at the given rate. Then it
 * waits (bounded) until every event is processed and prints throughput, p50/p99 of the
 * webhook acknowledgement and of processing (event created -> stripeEvents processedAt),
 * errors, and how many events were lost (target 0).
 */
import { spawnSync } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getApps, initializeApp } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { getFirestore } from "firebase-admin/firestore";
import { callable } from "../chaos/webhooks-core.js";

const [seconds, rate, customers] = [Number(process.argv[2] ?? 60), Number(process.argv[3] ?? 200), Number(process.argv[4] ?? 50)];
/**
 * Webhook requests in flight at most. The stack queues functions work beyond two per core
 * (FUNCTIONS_EMULATOR_PARALLEL), so requests past that wait in the emulator; past this cap the
 * sender waits too, and the achieved rate, printed next to the target, shows what the stack took.
 */
const MAX_IN_FLIGHT = Number(process.env["LOAD_MAX_IN_FLIGHT"] ?? 64);
const root = path.resolve(import.meta.dirname, "..", "..");
if (!process.env["FIRESTORE_EMULATOR_HOST"]) {
  const r = spawnSync("npm", ["run", "stack:exec", "--", "--no-web", "npx", "tsx", "bench/load/run.ts", ...process.argv.slice(2)], { cwd: root, stdio: "inherit" });
  process.exit(r.status ?? 1);
}
const PROJECT = process.env["GCLOUD_PROJECT"] ?? "demo-kassa";
const FUNCTIONS_URL = process.env["FUNCTIONS_EMULATOR_URL"] ?? `http://127.0.0.1:5001/${PROJECT}/europe-west1`;
const STRIPE_URL = process.env["STRIPE_SANDBOX_URL"] ?? "http://127.0.0.1:12111";
const AUTH_HOST = process.env["FIREBASE_AUTH_EMULATOR_HOST"] ?? "127.0.0.1:9099";
for (const u of [FUNCTIONS_URL, STRIPE_URL, `http://${AUTH_HOST}`]) {
  if (!["127.0.0.1", "localhost", "[::1]"].includes(new URL(u).hostname)) throw new Error(`refusing to load a non-loopback address: ${u}`);
}
const secret = /STRIPE_WEBHOOK_SECRET=(.*)/.exec(fs.readFileSync(path.join(root, "functions", ".secret.local"), "utf8"))?.[1]?.replace(/"/g, "") ?? "";
const app = getApps()[0] ?? initializeApp({ projectId: PROJECT });
const db = getFirestore(app);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
/** Every request has a deadline, so no loop can hang on a stuck emulator. */
const control = (p: string, body: unknown = {}) => fetch(`${STRIPE_URL}/__sandbox${p}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(15_000) });

async function main() {
  const run = randomBytes(3).toString("hex");
  // Setup: a coach with a verified account and a program, and the customers.
  const acct = (await (await fetch(`${STRIPE_URL}/v1/accounts`, { method: "POST", headers: { authorization: "Bearer sk_test_kassa_sandbox", "content-type": "application/x-www-form-urlencoded" }, body: "type=express&country=SE" })).json()) as { id: string };
  await control(`/accounts/${acct.id}/verify`);
  const coachId = `load-coach-${run}`;
  await db.doc(`coaches/${coachId}`).set({ uid: coachId, stripeAccountId: acct.id, chargesEnabled: true, payoutsEnabled: true });
  await db.doc(`programs/load-${run}`).set({ id: `load-${run}`, coachId, coachName: "Load", title: "Load Program", description: "", price: { amount: 49900, currency: "sek" }, active: true, priceVersion: 1 });
  const tokens = await Promise.all(
    Array.from({ length: customers }, async (_, i) => {
      const uid = `load-cust-${run}-${i}`;
      await getAuth(app).createUser({ uid, email: `${uid}@kassa.test`, password: "kassa-demo" });
      await getAuth(app).setCustomUserClaims(uid, { role: "customer" });
      const res = await fetch(`http://${AUTH_HOST}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-api-key`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: `${uid}@kassa.test`, password: "kassa-demo", returnSecureToken: true }) });
      const token = ((await res.json()) as { idToken: string }).idToken;
      // What the web app does on first sign-in: without a profile, checkout is refused.
      await callable("ensureUserProfile", {}, token);
      return token;
    }),
  );
  console.log(`  setup done: coach ${coachId}, ${tokens.length} customers signed in; running for ${seconds} s…`);
  const { rate_limit: rateLimit } = (await (await fetch(`${STRIPE_URL}/__sandbox/config`)).json()) as { rate_limit: number };
  await control("/config", { rate_limit: 0 });

  const end = Date.now() + seconds * 1000;
  const checkoutMs: number[] = [];
  let checkoutErrors = 0;
  const firstErrors = new Map<string, number>();
  const noteError = (what: string, e: unknown) => {
    const key = `${what}: ${e instanceof Error ? e.message : String(e)}`.slice(0, 160);
    firstErrors.set(key, (firstErrors.get(key) ?? 0) + 1);
  };
  // The emulator starts one worker process per concurrent request: ramp up over RAMP_MS so
  // workers are started a few at a time and then reused, as warm instances would be.
  const RAMP_MS = Math.min(15_000, (seconds * 1000) / 4);
  const buyers = tokens.map(async (token, i) => {
    await new Promise((r) => setTimeout(r, (i * RAMP_MS) / tokens.length));
    while (Date.now() < end) {
      const t0 = performance.now();
      try {
        const { sessionId } = await callable<{ sessionId: string }>("createCheckoutSession", { programId: `load-${run}` }, token);
        await control(`/checkout/${sessionId}/pay`, { card: "4242424242424242" });
        checkoutMs.push(performance.now() - t0);
      } catch (e) {
        checkoutErrors++;
        noteError("checkout", e);
      }
    }
  });

  const ackMs: number[] = [];
  const sent = new Map<string, number>();
  const acked = new Set<string>();
  let webhookErrors = 0;
  const inFlight = new Set<Promise<void>>();
  const start = Date.now();
  // Linear ramp to `rate` over RAMP_MS: event i is due when the ramp's integral reaches i.
  const dueAt = (i: number) => {
    const rampSeconds = RAMP_MS / 1000;
    const rampEvents = (rate * rampSeconds) / 2;
    return i < rampEvents ? start + Math.sqrt((2 * rampSeconds * i) / rate) * 1000 : start + RAMP_MS + ((i - rampEvents) * 1000) / rate;
  };
  for (let i = 0; Date.now() < end; i++) {
    const due = dueAt(i);
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    const id = `evt_load${run}${i}`;
    const body = JSON.stringify({ id, object: "event", type: "customer.created", api_version: "2026-10-28", created: Math.floor(Date.now() / 1000), livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, data: { object: { id: `cus_load${i}`, object: "customer" } } });
    const t = Math.floor(Date.now() / 1000);
    const sig = `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
    const t0 = performance.now();
    sent.set(id, Date.now());
    const p = fetch(`${FUNCTIONS_URL}/stripeWebhook`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": sig }, body, signal: AbortSignal.timeout(15_000) })
      .then(async (res) => {
        await res.arrayBuffer();
        if (res.ok) {
          ackMs.push(performance.now() - t0);
          acked.add(id);
        }
        else {
          webhookErrors++;
          noteError("webhook", `HTTP ${res.status}`);
        }
      })
      .catch((e: unknown) => {
        webhookErrors++;
        noteError("webhook", e);
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all([...inFlight]);
  await Promise.all(buyers);
  const wall = (Date.now() - start) / 1000;

  console.log(`  traffic done in ${wall.toFixed(1)} s; waiting for processing…`);
  // Processing: bounded wait for every event's processedAt.
  // An event whose delivery was not acknowledged is Stripe's to retry; every acknowledged one must be processed.
  const ids = [...acked];
  const processMs: number[] = [];
  let pending = ids;
  const deadline = Date.now() + 600_000;
  while (pending.length && Date.now() < deadline) {
    const next: string[] = [];
    for (let i = 0; i < pending.length; i += 300) {
      const snaps = await db.getAll(...pending.slice(i, i + 300).map((id) => db.doc(`stripeEvents/${id}`)));
      for (const s of snaps) {
        const at = s.get("processedAt") as number | undefined;
        if (s.exists && typeof at === "number") processMs.push(at - sent.get(s.id)!);
        else next.push(s.id);
      }
    }
    pending = next;
    if (pending.length) await new Promise((r) => setTimeout(r, 1000));
  }
  // The customers' purchases went the real way (Stripe sandbox -> webhook -> trigger): each
  // paid checkout must end as one succeeded payment of the load coach.
  const booked = async () => (await db.collection("payments").where("coachId", "==", coachId).where("status", "==", "succeeded").count().get()).data().count;
  let purchasesBooked = await booked();
  while (purchasesBooked < checkoutMs.length && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    purchasesBooked = await booked();
  }
  await control("/config", { rate_limit: rateLimit });
  // Why the rest is not processed: "received" means its processing trigger never ran.
  const leftStatus: Record<string, number> = {};
  for (let i = 0; i < pending.length; i += 300) {
    for (const snap of await db.getAll(...pending.slice(i, i + 300).map((id) => db.doc(`stripeEvents/${id}`)))) {
      const k = snap.exists ? String(snap.get("status")) : "missing";
      leftStatus[k] = (leftStatus[k] ?? 0) + 1;
    }
  }
  console.log(
    [
      `bench/load: ${seconds} s, ${customers} concurrent customers, webhooks at ${rate}/s target (loopback, emulators)`,
      `  checkouts completed ${checkoutMs.length} (${(checkoutMs.length / wall).toFixed(1)}/s), p50 ${pct(checkoutMs, 50).toFixed(0)} ms, p99 ${pct(checkoutMs, 99).toFixed(0)} ms, errors ${checkoutErrors}; booked as succeeded payments ${purchasesBooked}/${checkoutMs.length}`,
      `  webhooks sent ${sent.size} (${(sent.size / wall).toFixed(1)}/s achieved of ${rate}/s target, at most ${MAX_IN_FLIGHT} in flight), acknowledged ${ackMs.length}, errors ${webhookErrors} (not acknowledged: Stripe would retry them); ack p50 ${pct(ackMs, 50).toFixed(0)} ms, p99 ${pct(ackMs, 99).toFixed(0)} ms`,
      `  processing (created -> processedAt) p50 ${pct(processMs, 50).toFixed(0)} ms, p99 ${pct(processMs, 99).toFixed(0)} ms; processed ${processMs.length}/${ids.length} acknowledged, lost (acknowledged, not processed after a 10-minute wait) ${pending.length}${pending.length ? ` (${Object.entries(leftStatus).map(([k, n]) => `${k}: ${n}`).join(", ")})` : ""}`,
      ...[...firstErrors].slice(0, 8).map(([k, n]) => `  ! ${n} x ${k}`),
    ].join("\n"),
  );
  process.exit(pending.length === 0 && purchasesBooked === checkoutMs.length ? 0 : 1);
}

await main().catch((e: unknown) => {
  console.error("bench/load failed:", e);
  process.exit(1);
});
