/**
 * Webhook chaos against the running local stack (emulators + Stripe sandbox), shared by
 * `npm run chaos:webhooks` (hundreds of purchases) and the emulator test (a few dozen).
 *
 * A generated day of traffic: program purchases through Kassa's checkout callable, paid on
 * the sandbox's hosted Checkout; some refunded (fully or partly) and some disputed (won,
 * lost or left open) straight at Stripe. Webhooks are held back meanwhile, then each event
 * is delivered 1-3 times, shuffled and staggered a few ms apart (so partly concurrent), with
 * about 10 % of delivery attempts carrying a bad signature (answered 400, so the sandbox
 * retries them with backoff, as Stripe does).
 *
 * Afterwards it checks what must hold whatever the delivery order: every event processed,
 * every ledger entry balanced, every balances/* document equal to the sum of its entries,
 * and the payments, ledger entries and balance equal to a clean run that processes the same
 * events once each, in order, through the same use cases with in-memory stores.
 */
import { InMemoryAuditLog } from "../../functions/test/fakes/in-memory-audit-log.js";
import { localAppCheckToken } from "../../functions/test/emulator/stack.js";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore, type Firestore } from "firebase-admin/firestore";
import { stripeClient } from "../../functions/src/adapters/stripe/stripe-client.js";
import { StripePaymentsGateway } from "../../functions/src/adapters/stripe/stripe-payments-gateway.js";
import { paymentEventHandlers } from "../../functions/src/app/payments/payment-event-handlers.js";
import { ingestStripeEvent } from "../../functions/src/app/stripe-events/ingest-event.js";
import { processStripeEvent } from "../../functions/src/app/stripe-events/process-event.js";
import { balanceFromEntries, type CoachBalance } from "../../functions/src/domain/balances.js";
import type { LedgerEntry } from "../../functions/src/domain/ledger-entries.js";
import type { Currency } from "../../functions/src/domain/money.js";
import type { StripeEventRecord } from "../../functions/src/ports/event-store.js";
import { InMemoryMoneyStore } from "../../functions/test/fakes/in-memory-money-store.js";
import { fixedSettings, InMemoryCustomers, InMemoryEvents, InMemorySubscriptions } from "../../functions/test/fakes/in-memory-payment-stores.js";

export interface ChaosOptions {
  purchases: number;
  /** Fractions of purchases refunded in full, in part, and disputed. */
  refundFull?: number;
  refundPartial?: number;
  disputed?: number;
  /** Fraction of delivery attempts answered with an injected failure (bad signature -> 400). */
  faultFraction?: number;
  /** Fraction of events delivered more than once (then 2 or 3 times). */
  duplicateFraction?: number;
  concurrency?: number;
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface ChaosFigures {
  purchases: number;
  refunds: number;
  disputes: number;
  events: number;
  deliveries: number;
  duplicateDeliveries: number;
  faultsInjected: number;
  failedAttemptsRetried: number;
  /** Failed attempts by the receiver's answer ("400", "500", "no answer"). */
  failedByAnswer: Record<string, number>;
  eventsRetriedByAdmin: number;
  ledgerEntries: number;
  unbalancedEntries: number;
  balanceDocsChecked: number;
  balanceMismatches: number;
  documentMismatches: number;
  mismatchDetails: string[];
  seconds: number;
}

const env = (k: string, d: string) => process.env[k] ?? d;
const PROJECT = env("GCLOUD_PROJECT", "demo-kassa");
const STRIPE_URL = env("STRIPE_SANDBOX_URL", "http://127.0.0.1:12111");
const KEY = env("STRIPE_SECRET_KEY", "sk_test_kassa_sandbox");
const FUNCTIONS_URL = env("FUNCTIONS_EMULATOR_URL", `http://127.0.0.1:5001/${PROJECT}/europe-west1`);
const AUTH_HOST = env("FIREBASE_AUTH_EMULATOR_HOST", "127.0.0.1:9099");

function db(): Firestore {
  if (!process.env["FIRESTORE_EMULATOR_HOST"]) throw new Error("run against the local stack: npm run stack:exec -- --no-web <command>");
  return getFirestore(getApps()[0] ?? initializeApp({ projectId: PROJECT }));
}

async function control<T = Record<string, unknown>>(path: string, body?: unknown, method = "POST"): Promise<T> {
  const res = await fetch(`${STRIPE_URL}/__sandbox${path}`, { method, headers: { "content-type": "application/json" }, ...(method === "GET" ? {} : { body: JSON.stringify(body ?? {}) }) });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`sandbox ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function idToken(email: string): Promise<string> {
  const res = await fetch(`http://${AUTH_HOST}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-api-key`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "kassa-demo", returnSecureToken: true }),
  });
  const json = (await res.json()) as { idToken?: string };
  if (!json.idToken) throw new Error(`sign-in as ${email} failed`);
  return json.idToken;
}

export async function callable<T>(name: string, data: unknown, token: string): Promise<T> {
  const res = await fetch(`${FUNCTIONS_URL}/${name}`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-firebase-appcheck": localAppCheckToken() }, body: JSON.stringify({ data }), signal: AbortSignal.timeout(30_000) });
  const json = (await res.json()) as { result?: T; error?: unknown };
  if (!res.ok || json.result === undefined) throw new Error(`${name}: ${res.status} ${JSON.stringify(json.error)}`);
  return json.result;
}

/** Runs `fn` over `items` with at most `n` in flight. */
async function pool<T, R>(items: T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

/** A small deterministic PRNG so a run's traffic can be regenerated from its seed. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

interface Delivery {
  id: string;
  event_id: string;
  event_type: string;
  status: "pending" | "succeeded" | "failed";
  attempts: { status: number | null; bad_signature?: boolean }[];
  duplicate_of: string | null;
}

/** Processing-time stamps differ between any two runs; they are not money. */
// recordedAt: the Firestore commit time the ledger store stamps on each entry (the accounting watermark).
const VOLATILE = new Set(["updatedAt", "recordedAt"]);
function normalise(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === "object") {
    if (typeof (v as { toMillis?: unknown }).toMillis === "function") return (v as { toMillis: () => number }).toMillis();
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([k, x]) => !VOLATILE.has(k) && x !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        // The order entries were booked in follows delivery order; which entries is what counts.
        .map(([k, x]) => [k, k === "entryIds" && Array.isArray(x) ? [...(x as string[])].sort() : normalise(x)]),
    );
  }
  return v;
}
const same = (a: unknown, b: unknown) => JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));

export async function runWebhookChaos(opts: ChaosOptions): Promise<ChaosFigures> {
  const log = opts.log ?? (() => undefined);
  const t0 = Date.now();
  const store = db();
  const stripe = stripeClient(KEY, STRIPE_URL);
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const random = rng(Number.parseInt(run.slice(-6), 36));
  const coachId = `chaos-coach-${run}`;
  const programId = `chaos-program-${run}`;

  // A coach with a verified Connect account and one program, as onboarding would leave them.
  const account = await stripe.accounts.create({ type: "express", country: "SE", email: `${coachId}@kassa.test` }, { idempotencyKey: `chaos-acct-${run}` });
  await control(`/accounts/${account.id}/verify`);
  await store.doc(`coaches/${coachId}`).set({ uid: coachId, stripeAccountId: account.id, chargesEnabled: true, payoutsEnabled: true });
  await store.doc(`programs/${programId}`).set({ id: programId, coachId, coachName: "Chaos Coach", title: "Chaos Program", description: "", price: { amount: 49900, currency: "sek" }, active: true, priceVersion: 1 });
  const token = await idToken("customer@kassa.test");

  // Traffic generation is not what is under test: lift the sandbox's rate limit meanwhile.
  const { rate_limit: rateLimit } = await control<{ rate_limit: number }>("/config", undefined, "GET");
  await control("/config", { rate_limit: 0 });
  const deliveriesBefore = new Set((await control<{ data: Delivery[] }>("/webhooks", undefined, "GET")).data.map((d) => d.id));
  await control("/webhooks", { action: "pause" });
  try {
    // 1. Purchases through Kassa's own checkout callable, paid on the hosted page.
    log(`  buying ${opts.purchases} programs…`);
    const intents = await pool(Array.from({ length: opts.purchases }, (_, i) => i), opts.concurrency ?? 8, async () => {
      const { sessionId } = await callable<{ sessionId: string }>("createCheckoutSession", { programId }, token);
      await control(`/checkout/${sessionId}/pay`, { card: "4242424242424242" });
      const session = await stripe.checkout.sessions.retrieve(sessionId);
      return String(session.payment_intent);
    });

    // 2. After-sale traffic, straight at Stripe (as from the dashboard or the card network).
    let refunds = 0;
    let disputes = 0;
    for (const pi of intents) {
      const r = random();
      const full = opts.refundFull ?? 0.1;
      const partial = opts.refundPartial ?? 0.05;
      const disputed = opts.disputed ?? 0.05;
      if (r < full) {
        await stripe.refunds.create({ payment_intent: pi, reverse_transfer: true, refund_application_fee: true }, { idempotencyKey: `chaos-refund-${pi}` });
        refunds++;
      } else if (r < full + partial) {
        await stripe.refunds.create({ payment_intent: pi, amount: 10000, reverse_transfer: true, refund_application_fee: true }, { idempotencyKey: `chaos-refund-${pi}-a` });
        if (random() < 0.5) await stripe.refunds.create({ payment_intent: pi, amount: 5000, reverse_transfer: true, refund_application_fee: true }, { idempotencyKey: `chaos-refund-${pi}-b` });
        refunds++;
      } else if (r < full + partial + disputed) {
        const charge = (await stripe.paymentIntents.retrieve(pi)).latest_charge;
        const outcome = random();
        await control(`/charges/${String(charge)}/dispute`, outcome < 0.4 ? { outcome: "lost" } : outcome < 0.8 ? { outcome: "won" } : {});
        disputes++;
      }
    }

    // 3. Duplicates: some events delivered two or three times in all.
    const ours = (await control<{ data: Delivery[] }>("/webhooks", undefined, "GET")).data.filter((d) => !deliveriesBefore.has(d.id));
    const eventIds = [...new Set(ours.map((d) => d.event_id))];
    for (const id of eventIds) {
      const r = random();
      if (r < (opts.duplicateFraction ?? 0.3) / 2) await control("/webhooks", { action: "duplicate", event_id: id });
      else if (r < (opts.duplicateFraction ?? 0.3)) await control("/webhooks", { action: "redeliver", event_id: id });
    }
    const planned = (await control<{ data: Delivery[] }>("/webhooks", undefined, "GET")).data.filter((d) => !deliveriesBefore.has(d.id));
    // 4. Faults: the next ~10 % of attempts carry a bad signature; then deliver, shuffled.
    const faults = Math.round(planned.length * (opts.faultFraction ?? 0.1));
    if (faults > 0) await control("/webhooks", { action: "bad_signature", count: faults });
    log(`  delivering ${eventIds.length} events as ${planned.length} deliveries, shuffled, ${faults} bad signatures…`);
    await control("/webhooks", { action: "shuffle" });

    // 5. Wait until every delivery got through and every event is processed.
    const deadline = Date.now() + (opts.timeoutMs ?? 600_000);
    let final: Delivery[] = [];
    let retriedByAdmin = 0;
    let adminToken: string | null = null;
    for (;;) {
      final = (await control<{ data: Delivery[] }>("/webhooks", undefined, "GET")).data.filter((d) => !deliveriesBefore.has(d.id));
      const pending = final.filter((d) => d.status === "pending").length;
      const failedDeliveries = final.filter((d) => d.status === "failed").length;
      const snaps = await store.getAll(...eventIds.map((id) => store.doc(`stripeEvents/${id}`)));
      const states = snaps.map((s) => (s.exists ? String(s.get("status")) : "missing"));
      const done = states.filter((s) => s === "processed" || s === "ignored").length;
      if (pending === 0 && done === eventIds.length) break;
      if (failedDeliveries > 0) throw new Error(`${failedDeliveries} deliveries exhausted their retries`);
      if (Date.now() > deadline) throw new Error(`timed out: ${pending} deliveries pending, ${done}/${eventIds.length} events processed (${[...new Set(states)].join(", ")})`);
      // The 5-minute sweeper does not fire in the emulator (no Pub/Sub): stand in for it.
      if (pending === 0) {
        const failed = snaps.filter((s) => s.exists && (s.get("status") === "failed" || s.get("status") === "dead"));
        if (failed.length > 0) {
          adminToken ??= await idToken("admin@kassa.test");
          for (const s of failed) await callable("retryStripeEvent", { eventId: s.id }, adminToken).catch(() => undefined);
          retriedByAdmin += failed.length;
        }
      }
      await new Promise((r) => setTimeout(r, 500));
    }

    // 6. Invariants on what Kassa stored.
    const ledgerSnap = await store.collection("ledger").get();
    const allEntries = ledgerSnap.docs.map((d) => d.data() as LedgerEntry);
    const mine = new Set(intents);
    const ourEntries = allEntries.filter((e) => mine.has(e.refs.paymentId ?? "") || e.refs.coachId === coachId);
    const unbalanced = allEntries.filter((e) => e.postings.reduce((s, p) => s + p.amount, 0) !== 0).length;
    const balanceDocs = await store.collection("balances").get();
    const mismatchDetails: string[] = [];
    let balanceMismatches = 0;
    for (const doc of balanceDocs.docs) {
      const b = doc.data() as CoachBalance;
      const expected = balanceFromEntries(b.coachId, b.currency, allEntries);
      if (!same({ ...expected }, { coachId: b.coachId, currency: b.currency, held: b.held, available: b.available, inPayout: b.inPayout, paid: b.paid })) {
        balanceMismatches++;
        mismatchDetails.push(`balances/${doc.id}: stored ${JSON.stringify(b)} vs entries ${JSON.stringify(expected)}`);
      }
    }

    // 7. The clean run: the same events, once each, in the order Stripe created them.
    const eventDocs = await store.getAll(...eventIds.map((id) => store.doc(`stripeEvents/${id}`)));
    const clean = { money: new InMemoryMoneyStore(), events: new InMemoryEvents(), customers: new InMemoryCustomers(), subscriptions: new InMemorySubscriptions() };
    const clock = { now: () => new Date() };
    const deps = { money: clean.money, gateway: new StripePaymentsGateway(stripe), settings: fixedSettings(), customers: clean.customers, subscriptions: clean.subscriptions, clock, audit: new InMemoryAuditLog() };
    const proc = { events: clean.events, handlers: paymentEventHandlers(deps), clock };
    for (const snap of eventDocs) {
      const d = snap.data()!;
      const ev: StripeEventRecord = { id: snap.id, type: d["type"], account: d["account"] ?? null, created: d["created"], livemode: false, data: d["data"] };
      if ((await ingestStripeEvent({ events: clean.events, clock, expectLivemode: false, endpoint: ev.account ? "connect" : "platform" }, ev)) === "stored") await processStripeEvent(proc, ev.id);
    }
    let documentMismatches = 0;
    const paymentSnaps = await store.getAll(...intents.map((id) => store.doc(`payments/${id}`)));
    for (const snap of paymentSnaps) {
      const want = clean.money.payments.get(snap.id);
      if (!snap.exists || !same(snap.data(), want)) {
        documentMismatches++;
        if (mismatchDetails.length < 10) mismatchDetails.push(`payments/${snap.id}: ${JSON.stringify(normalise(snap.data()))} vs clean ${JSON.stringify(normalise(want))}`);
      }
    }
    const cleanEntries = [...clean.money.entries.values()];
    const ids = new Set([...ourEntries.map((e) => e.id), ...cleanEntries.map((e) => e.id)]);
    for (const id of ids) {
      const stored = ourEntries.find((e) => e.id === id);
      // The Firestore adapter adds the calendar day for queries; the entry itself is the rest.
      const a = stored ? { ...stored, day: undefined } : undefined;
      const b = clean.money.entries.get(id);
      if (!same(a, b)) {
        documentMismatches++;
        if (mismatchDetails.length < 10) mismatchDetails.push(`ledger/${id}: ${JSON.stringify(a)} vs clean ${JSON.stringify(b)}`);
      }
    }
    const storedBalance = (await store.doc(`balances/${coachId}_sek`).get()).data();
    const cleanBalance = clean.money.balance(coachId, "sek" as Currency);
    if (!same({ ...storedBalance }, cleanBalance)) {
      documentMismatches++;
      mismatchDetails.push(`balances/${coachId}_sek: ${JSON.stringify(storedBalance)} vs clean ${JSON.stringify(cleanBalance)}`);
    }

    const attempts = final.flatMap((d) => d.attempts);
    return {
      purchases: intents.length,
      refunds,
      disputes,
      events: eventIds.length,
      deliveries: final.length,
      duplicateDeliveries: final.length - eventIds.length,
      faultsInjected: attempts.filter((a) => a.bad_signature).length,
      failedAttemptsRetried: attempts.filter((a) => a.status === null || a.status >= 300).length,
      failedByAnswer: attempts
        .filter((a) => a.status === null || a.status >= 300)
        .reduce<Record<string, number>>((m, a) => ({ ...m, [a.status === null ? "no answer" : String(a.status)]: (m[a.status === null ? "no answer" : String(a.status)] ?? 0) + 1 }), {}),
      eventsRetriedByAdmin: retriedByAdmin,
      ledgerEntries: ourEntries.length,
      unbalancedEntries: unbalanced,
      balanceDocsChecked: balanceDocs.size,
      balanceMismatches,
      documentMismatches,
      mismatchDetails,
      seconds: (Date.now() - t0) / 1000,
    };
  } finally {
    await control("/webhooks", { action: "resume" }).catch(() => undefined);
    await control("/config", { rate_limit: rateLimit }).catch(() => undefined);
  }
}

export function formatFigures(f: ChaosFigures): string {
  return [
    `  purchases ${f.purchases}, refunds ${f.refunds}, disputes ${f.disputes}`,
    `  events ${f.events}, deliveries ${f.deliveries} (duplicates ${f.duplicateDeliveries}), faults injected ${f.faultsInjected}, failed attempts retried by Stripe ${f.failedAttemptsRetried} (${Object.entries(f.failedByAnswer).map(([k, n]) => `${k}: ${n}`).join(", ") || "none"}), events re-run by the sweeper stand-in ${f.eventsRetriedByAdmin}`,
    `  ledger entries ${f.ledgerEntries}, unbalanced ${f.unbalancedEntries}; balances/* checked ${f.balanceDocsChecked}, mismatches ${f.balanceMismatches}`,
    `  documents differing from a clean in-order run: ${f.documentMismatches}`,
    `  wall time ${f.seconds.toFixed(1)} s`,
    ...f.mismatchDetails.map((d) => `  ! ${d}`),
  ].join("\n");
}
