import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { control as fortnox } from "../fakes/fortnox-sandbox";
import { connectFortnoxAsAdmin } from "./fortnox-connect";
import { control, eventually, STRIPE_URL, stripeApi } from "./sandbox";
import { admin, call, idToken } from "./stack";

const ROOT = path.resolve(__dirname, "../../..");
const FORTNOX = process.env["FORTNOX_SANDBOX_URL"] ?? "http://127.0.0.1:12112";
const run = promisify(execFile);

/** `npm run clock -- <move>` exactly as a developer types it; returns what it printed. */
async function clock(...move: string[]): Promise<string> {
  const { stdout } = await run("npm", ["run", "-s", "clock", "--", ...move], { cwd: ROOT, env: process.env, timeout: 300_000 });
  return stdout;
}

async function clockFails(move: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stderr: string }> {
  try {
    await run("npm", ["run", "-s", "clock", "--", ...move], { cwd: ROOT, env, timeout: 60_000 });
    return { code: 0, stderr: "" };
  } catch (error) {
    const e = error as { code?: number; stderr?: string };
    return { code: e.code ?? -1, stderr: e.stderr ?? "" };
  }
}

const stackNow = async (): Promise<number> => Date.parse(((await (await fetch(`${process.env["KASSA_CLOCK_URL"] ?? "http://127.0.0.1:12110"}/clock`)).json()) as { now: string }).now);
const stripeNow = async (): Promise<number> => (await control<{ now: number }>("/clock", {}, "GET")).now * 1000;
const fortnoxNow = async (): Promise<number> => Date.parse(((await fortnox(FORTNOX, "GET", "/clock")) as { now: string }).now);

/**
 * One clock for the local product: `npm run clock` moves Kassa, the Stripe sandbox and the
 * Fortnox sandbox together and fires the scheduled functions that fall due on the way, as
 * Cloud Scheduler would. Everything is observed where a user would see it: Firestore
 * documents, the Stripe sandbox's payouts, the Fortnox sandbox's vouchers.
 */
describe("the stack's clock moves everything together (npm run clock)", function () {
  this.timeout(600_000);
  const db = () => admin().db;
  const doc = async (p: string) => (await db().doc(p).get()).data();
  let customerToken: string;
  let pi: string;

  async function buy(): Promise<string> {
    const res = await call<{ sessionId: string }>("createCheckoutSession", { programId: "mindful-mornings" }, customerToken);
    assert.equal(res.status, 200, JSON.stringify(res.error));
    await control(`/checkout/${res.result!.sessionId}/pay`, { card: "4242424242424242" });
    return (await stripeApi<{ payment_intent: string }>("GET", `/v1/checkout/sessions/${res.result!.sessionId}`)).payment_intent;
  }

  before(async () => {
    customerToken = await idToken("customer@kassa.test");
    await control("/faults", {}, "DELETE");
    // Kassa connected to the Fortnox sandbox, as an admin does it.
    await connectFortnoxAsAdmin();
  });

  // Back to real time for Kassa, so the suites after this one see today.
  after(async () => {
    await clock("reset");
  });

  it("refuses going backwards, a malformed move and a deployed project, changing nothing", async () => {
    const before = await stackNow();
    const back = await clockFails(["-1d"]);
    assert.equal(back.code, 2);
    assert.match(back.stderr, /time never goes backwards/);
    const typo = await clockFails(["+8x"]);
    assert.match(typo.stderr, /is not a clock move/);
    const deployed = await clockFails(["+8d"], { ...process.env, GCLOUD_PROJECT: "kassa-prod" });
    assert.equal(deployed.code, 2);
    assert.match(deployed.stderr, /"kassa-prod" is a deployed Firebase project.*Nothing was changed/s);
    assert.ok((await stackNow()) - before < 60_000, "the clock did not move");
  });

  it("next 02:00 books the sale's day in the Fortnox sandbox", async () => {
    // A sale between midnight and 02:00 Stockholm time belongs to a day the next 02:00 does not
    // end yet: sell after 03:00, so the next 02:00 always closes the sale's day.
    await clock("next", "03:00");
    pi = await buy();
    const sale = await eventually("sale booked", async () => {
      const p = await doc(`payments/${pi}`);
      return p?.["status"] === "succeeded" ? p : undefined;
    });
    assert.notEqual(sale["holdReleased"], true, "held right after the sale");
    const before = ((await fortnox(FORTNOX, "GET", "/vouchers")) as { vouchers: unknown[] }).vouchers.length;
    const out = await clock("next", "02:00");
    assert.match(out, /syncAccountingNightly fired for \d{4}-\d{2}-\d{2} 02:00 Europe\/Stockholm/);
    const vouchers = ((await fortnox(FORTNOX, "GET", "/vouchers")) as { vouchers: { description: string }[] }).vouchers;
    assert.ok(vouchers.length > before, `the sale's day booked (${before} -> ${vouchers.length} vouchers)`);
    assert.match(String((await doc(`payments/${pi}`))?.["fortnoxReference"] ?? ""), /^A-\d+/, "the sale's voucher is referenced on the payment");
  });

  it("+8d frees a sale's hold: Kassa and both sandboxes are 8 days on", async () => {
    assert.notEqual((await doc(`payments/${pi}`))?.["holdReleased"], true, "still held a few hours after the sale");
    const start = await stackNow();
    const out = await clock("+8d");
    assert.match(out, /releaseHolds fired for/);
    assert.match(out, /syncAccountingNightly fired for .* Europe\/Stockholm/);
    const released = await eventually("hold released", async () => ((await doc(`payments/${pi}`))?.["holdReleased"] === true ? true : undefined));
    assert.equal(released, true);
    const eight = 8 * 86_400_000;
    for (const [name, now] of [["kassa", await stackNow()], ["stripe", await stripeNow()], ["fortnox", await fortnoxNow()]] as const) {
      assert.ok(now - start >= eight - 1000, `${name} moved 8 days (moved ${(now - start) / 86_400_000} days)`);
    }
  });

  it("next-monday-08:00 pays it out through the weekly run", async () => {
    const scheduled = () => db().collection("payouts").where("coachId", "==", "demo-coach").where("trigger", "==", "schedule").get();
    const paying = async () => (await scheduled()).docs.map((d) => d.data()).find((d) => (d["relatedPaymentIds"] as string[] | undefined)?.includes(pi) && d["stripePayoutId"]);
    // The weekly run pays what is available when it plans, and skips a coach whose last payout
    // is still on its way to the bank. Other suites leave the demo coach earlier sales, so a
    // Monday's run may pay one of those first; the sale's hold may also end at the run's very
    // instant (releaseHolds and the weekly run are not ordered, here or in Cloud Scheduler). So:
    // the bank pays any earlier payout still in flight (the sandbox's control, as below), and
    // Mondays follow until a weekly run pays the sale, at most three.
    const landEarlier = async () => {
      for (const d of (await scheduled()).docs) {
        if (d.get("status") !== "processing" || !d.get("stripePayoutId")) continue;
        await control(`/payouts/${String(d.get("stripePayoutId"))}/paid`);
        await eventually(`earlier payout ${d.id} paid`, async () => ((await db().doc(`payouts/${d.id}`).get()).get("status") === "paid" ? true : undefined));
      }
    };
    let payout: Record<string, unknown> | undefined = await paying();
    for (let monday = 0; !payout && monday < 3; monday++) {
      await landEarlier();
      const out = await clock("next-monday-08:00");
      assert.match(out, /weeklyPayoutRun fired for \d{4}-\d{2}-\d{2} 08:00 Europe\/Stockholm/);
      payout = await eventually("a scheduled payout paying the sale", paying, 20_000).catch(() => undefined);
    }
    assert.ok(payout, "a weekly run paid the sale's share within three Mondays");
    const account = (await doc("coaches/demo-coach"))?.["stripeAccountId"] as string;
    const res = await fetch(`${STRIPE_URL}/v1/payouts/${String(payout["stripePayoutId"])}`, { headers: { Authorization: "Bearer sk_test_kassa_sandbox", "Stripe-Account": account } });
    assert.equal(res.status, 200, "the payout exists on the coach's Stripe account");
    const stripePayout = (await res.json()) as { amount: number; created: number };
    assert.equal(stripePayout.amount, payout["amount"]);
    // Created on the Stripe sandbox's Monday 08:00, not on the real date.
    assert.match(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Stockholm", weekday: "long", hour: "2-digit", hourCycle: "h23" }).format(new Date(stripePayout.created * 1000)), /^Monday,? 08$/);
    // The bank pays it (the sandbox's control); payout.paid comes back through the Connect webhook.
    await control(`/payouts/${String(payout["stripePayoutId"])}/paid`);
    await eventually("payout paid in Kassa", async () => {
      const snap = await db().collection("payouts").where("stripePayoutId", "==", payout["stripePayoutId"]).get();
      return snap.docs[0]?.get("status") === "paid" ? true : undefined;
    });
  });

  it("the sweeper retries a failed event when the clock passes its retry time", async () => {
    // Stripe fails every payment lookup: processing the next sale's event fails and is scheduled for a retry.
    await control("/faults", { method: "GET", path: "/v1/payment_intents", status: 500, count: 1000 });
    const failedPi = await buy();
    const failed = await eventually(
      "event failed",
      async () => {
        const snap = await db().collection("stripeEvents").where("status", "==", "failed").get();
        return snap.docs.find((d) => JSON.stringify(d.data()).includes(failedPi));
      },
      60_000,
    );
    await control("/faults", {}, "DELETE");
    assert.notEqual((await doc(`payments/${failedPi}`))?.["status"], "succeeded");
    const out = await clock("+15m");
    assert.match(out, /retryFailedStripeEvents fired for/);
    await eventually("event retried and processed", async () => ((await failed.ref.get()).get("status") === "processed" ? true : undefined), 60_000);
    assert.equal((await doc(`payments/${failedPi}`))?.["status"], "succeeded");
  });
});
