/**
 * Plays the story (script.ts) on the running local product: before each step the stack's one
 * clock is moved to the step's time (firing every schedule due on the way, as Cloud Scheduler
 * would have), then the step's person acts through the real paths. At the end the clock is
 * moved up to real time and put back on it.
 */
import { getAuth } from "firebase-admin/auth";
import { DEMO_PASSWORD, DEMO_USERS } from "../demo-data.js";
import type { StackTime } from "../scheduler/stack-time.js";
import { call, db, StripeSandbox, until } from "./local-api.js";
import { type Act, HISTORY_CUSTOMERS, stockholmDay, timeline } from "./script.js";

export interface HistoryOptions {
  time: StackTime;
  stripeUrl: string;
  fortnoxUrl: string;
  log: (line: string) => void;
  /**
   * Where the story ends: real time on a first `npm start` (then the clock goes back on real
   * time), or a later instant for a test that plays it forward on a running stack.
   */
  endMs?: number;
}

export interface HistorySummary {
  from: string;
  to: string;
  steps: number;
  fired: number;
  counts: Record<Act["kind"], number>;
  ms: number;
}

const people = [...DEMO_USERS, ...HISTORY_CUSTOMERS];
const emailOf = (uid: string): string => {
  const found = people.find((p) => p.uid === uid);
  if (!found) throw new Error(`the demo history names ${uid}, who is not a demo user`);
  return found.email;
};
const ADMIN = "admin@kassa.test";

/** The history's customers, as sign-up makes them (verified: they bought through email links). */
async function ensureCustomers(): Promise<void> {
  const auth = getAuth();
  for (const c of HISTORY_CUSTOMERS) {
    await auth.getUser(c.uid).catch(() => auth.createUser({ uid: c.uid, email: c.email, password: DEMO_PASSWORD, displayName: c.displayName, emailVerified: true }));
    await auth.setCustomUserClaims(c.uid, { role: "customer" });
    await db().doc(`users/${c.uid}`).set({ uid: c.uid, email: c.email, displayName: c.displayName, role: "customer", roleChangedBy: "seed", roleChangedAt: new Date(), updatedAt: new Date() }, { merge: true });
  }
}

export async function makeHistory(o: HistoryOptions): Promise<HistorySummary> {
  const started = Date.now();
  const stripe = new StripeSandbox(o.stripeUrl);
  const endMs = o.endMs ?? Date.now();
  const steps = timeline(endMs);
  const bought = new Map<string, string>(); // "customer/program" -> PaymentIntent id
  const counts: HistorySummary["counts"] = { connectFortnox: 0, buy: 0, subscribe: 0, refund: 0, dispute: 0, closeDispute: 0, requestPayout: 0, approvePayout: 0 };
  const disputes = new Map<string, string>();
  const requested = new Map<string, string>();
  let fired = 0;
  let declined = 0;
  let movingMs = 0;
  let actingMs = 0;
  await ensureCustomers();

  const paymentOf = (customer: string, programId: string): string => {
    const pi = bought.get(`${customer}/${programId}`);
    if (!pi) throw new Error(`the demo history refers to ${customer}'s purchase of ${programId} before it happened`);
    return pi;
  };

  async function checkout(customer: string, input: { programId: string } | { planId: string }, card: string): Promise<{ sessionId: string; paid: boolean }> {
    const { sessionId } = await call<{ sessionId: string }>("createCheckoutSession", input, emailOf(customer));
    const paid = await stripe.control(`/checkout/${sessionId}/pay`, { card, email: emailOf(customer) });
    return { sessionId, paid: paid.status === 200 };
  }

  const act: { [K in Act["kind"]]: (a: Extract<Act, { kind: K }>) => Promise<void> } = {
    connectFortnox: async () => {
      const { url } = await call<{ url: string }>("fortnoxConnectUrl", {}, ADMIN);
      const consent = new URL(url);
      // The admin clicks Allow on Fortnox's consent page, which sends the browser back to Kassa.
      const form = new URLSearchParams({ decision: "allow" });
      for (const k of ["client_id", "redirect_uri", "scope", "state", "account_type"]) form.set(k, consent.searchParams.get(k) ?? "");
      const decided = await fetch(new URL("/oauth-v1/auth/decision", o.fortnoxUrl), { method: "POST", body: form, redirect: "manual" });
      const back = await fetch(decided.headers.get("location") ?? "", { redirect: "manual" });
      if (back.status !== 302) throw new Error(`connecting Fortnox: Kassa's OAuth callback answered ${back.status}`);
      await until("Kassa connected to Fortnox", async () => ((await call<{ status: string }>("fortnoxStatus", {}, ADMIN)).status === "connected" ? true : undefined));
    },
    buy: async ({ customer, programId, card }) => {
      const { sessionId, paid } = await checkout(customer, { programId }, card ?? "4242424242424242");
      if (!paid) {
        declined++; // declined on the checkout page: the customer tries again with another card
        return;
      }
      const session = await stripe.get<{ payment_intent: string }>(`/v1/checkout/sessions/${sessionId}`);
      await until(`${customer}'s purchase of ${programId} recorded`, async () => ((await db().doc(`payments/${session.payment_intent}`).get()).get("status") === "succeeded" ? true : undefined));
      bought.set(`${customer}/${programId}`, session.payment_intent);
    },
    subscribe: async ({ customer }) => {
      const { sessionId, paid } = await checkout(customer, { planId: "premium" }, "4242424242424242");
      if (!paid) throw new Error(`${customer}'s premium checkout was refused`);
      const session = await stripe.get<{ subscription: string }>(`/v1/checkout/sessions/${sessionId}`);
      await until(`${customer}'s premium active`, async () => ((await db().doc(`subscriptions/${session.subscription}`).get()).get("status") === "active" ? true : undefined));
    },
    refund: async ({ customer, programId }) => {
      const paymentId = paymentOf(customer, programId);
      await call("refundPayment", { paymentId, reason: "requested_by_customer", requestId: `demo-history-refund-${paymentId}` }, ADMIN);
      await until(`the refund of ${paymentId} booked`, async () => (!(await db().collection("ledger").where("refs.paymentId", "==", paymentId).where("kind", "==", "refund").limit(1).get()).empty ? true : undefined));
    },
    dispute: async ({ customer, programId }) => {
      const paymentId = paymentOf(customer, programId);
      const charge = (await db().doc(`payments/${paymentId}`).get()).get("stripeChargeId") as string;
      const opened = await stripe.control<{ id: string }>(`/charges/${charge}/dispute`, { reason: "fraudulent" });
      if (opened.status !== 200) throw new Error(`opening a dispute on ${charge}: ${opened.status}`);
      disputes.set(paymentId, opened.body.id);
      await until(`the dispute on ${paymentId} booked`, async () => ((await db().doc(`ledger/${opened.body.id}:dispute`).get()).exists ? true : undefined));
    },
    closeDispute: async ({ customer, programId, outcome }) => {
      const paymentId = paymentOf(customer, programId);
      const dispute = disputes.get(paymentId);
      if (!dispute) throw new Error(`the demo history closes a dispute on ${paymentId} that it never opened`);
      const closed = await stripe.control(`/disputes/${dispute}/close`, { outcome });
      if (closed.status !== 200) throw new Error(`closing dispute ${dispute}: ${closed.status}`);
      await until(`the dispute on ${paymentId} ${outcome}`, async () => (!(await db().collection("ledger").where("refs.paymentId", "==", paymentId).where("kind", "==", `dispute_${outcome}`).limit(1).get()).empty ? true : undefined));
    },
    requestPayout: async ({ coach }) => {
      const available = ((await db().doc(`balances/${coach}_sek`).get()).get("available") as number | undefined) ?? 0;
      if (available <= 0) throw new Error(`the demo history's payout request found nothing available for ${coach}`);
      const { payoutId } = await call<{ payoutId: string }>("requestPayout", { amount: available, currency: "sek" }, emailOf(coach));
      requested.set(coach, payoutId);
    },
    approvePayout: async ({ coach }) => {
      const payoutId = requested.get(coach);
      if (!payoutId) throw new Error(`the demo history approves a payout ${coach} never requested`);
      await call("approvePayout", { payoutId, reason: "Demo: asked for by the coach" }, ADMIN);
      await until(`payout ${payoutId} sent to Stripe`, async () => (["processing", "paid"].includes((await db().doc(`payouts/${payoutId}`).get()).get("status") as string) ? true : undefined));
    },
  };

  // Five weeks pass in about a minute here, so a night's reconciliations make in one real
  // second the calls Stripe would see spread over hours: the sandbox's per-second limit is
  // lifted while the history plays, and put back after.
  const limit = (await (await fetch(`${o.stripeUrl}/__sandbox/config`)).json()) as { rate_limit: number; endpoint_rate_limit: number };
  await stripe.control("/config", { rate_limit: Math.max(limit.rate_limit, 200), endpoint_rate_limit: 0 });
  try {
    for (const step of steps) {
      const moveStarted = Date.now();
      const moved = await o.time.moveTo(Math.max(step.at, o.time.now()));
      fired += moved.fired.length;
      const actStarted = Date.now();
      movingMs += actStarted - moveStarted;
      await (act[step.act.kind] as (a: Act) => Promise<void>)(step.act);
      await o.time.quiet();
      o.time.markActivity();
      actingMs += Date.now() - actStarted;
      counts[step.act.kind]++;
    }
    // Up to the end with the schedules firing; a first start then puts the clock back on real time.
    const lastMove = Date.now();
    fired += (await o.time.moveTo(Math.max(o.endMs ?? Date.now(), o.time.now()))).fired.length;
    movingMs += Date.now() - lastMove;
    if (o.endMs === undefined) await o.time.reset();
  } finally {
    await stripe.control("/config", { rate_limit: limit.rate_limit, endpoint_rate_limit: limit.endpoint_rate_limit });
  }
  const summary: HistorySummary = {
    from: steps[0] ? stockholmDay(steps[0].at) : "",
    to: stockholmDay(o.time.now()),
    steps: steps.length,
    fired,
    counts,
    ms: Date.now() - started,
  };
  o.log(`made the demo's history from ${summary.from} to ${summary.to}: ${bought.size} purchases (and ${declined} declined card), ${counts.subscribe} subscriptions, ${counts.refund} refund, ${counts.dispute} dispute, ${counts.requestPayout} payout request; ${fired} scheduled runs fired, in ${(summary.ms / 1000).toFixed(1)} s (people acting ${(actingMs / 1000).toFixed(1)} s, the clock moving ${(movingMs / 1000).toFixed(1)} s)`);
  return summary;
}
