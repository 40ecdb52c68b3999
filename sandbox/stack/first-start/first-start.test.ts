import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { CLOCK_URL, emulatorEnv, PROJECT_ID, ROOT } from "../src/config.js";

/**
 * `npm start` as a newcomer meets it, on a data folder of its own: the first start makes the
 * demo's past through the real paths (issue 13, item 3) and a later start loads it. Needs the
 * stack's ports free, so `npm test` runs it after the emulator and browser suites.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kassa-first-start-"));
const STRIPE = "http://127.0.0.1:12111";
const FORTNOX = "http://127.0.0.1:12112";

function start(): { child: ChildProcess; ready: Promise<{ seconds: number; log: string }> } {
  const child = spawn(process.execPath, ["--import", "tsx", "sandbox/stack/src/cli.ts", "start"], {
    cwd: ROOT,
    env: { ...process.env, KASSA_DATA_DIR: dataDir, FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const ready = new Promise<{ seconds: number; log: string }>((resolve, reject) => {
    const look = (chunk: Buffer) => {
      log += chunk.toString();
      const m = /kassa\s+\| ready in ([\d.]+) s/.exec(log);
      if (m) resolve({ seconds: Number(m[1]), log });
    };
    child.stdout!.on("data", look);
    child.stderr!.on("data", look);
    child.once("exit", (code) => reject(new Error(`npm start exited (${code}) before it was ready:\n${log.slice(-4000)}`)));
  });
  return { child, ready };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGINT");
  await exited;
}

function db() {
  Object.assign(process.env, emulatorEnv());
  return getFirestore(getApps()[0] ?? initializeApp({ projectId: PROJECT_ID }));
}

describe("npm start on a new machine: the demo's history (first start) and a later start", function () {
  this.timeout(900_000);
  let first: { seconds: number; log: string };
  let running: ChildProcess | null = null;

  before(async () => {
    const s = start();
    running = s.child;
    first = await s.ready;
    process.stdout.write(`      first start ready in ${first.seconds} s (${/made the demo's history[^\n]*/.exec(first.log)?.[0] ?? "no history line"})\n`);
  });

  after(async () => {
    if (running) await stop(running);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("made weeks of sales, a subscription and its renewal, a refund and a lost dispute through Stripe's checkout and webhooks", async () => {
    const payments = (await db().collection("payments").get()).docs.map((d) => d.data());
    const by = (status: string) => payments.filter((p) => p["status"] === status).length;
    assert.ok(by("succeeded") >= 9, `sales recorded: ${JSON.stringify(payments.map((p) => p["status"]))}`);
    assert.equal(by("refunded"), 1);
    assert.equal(by("disputed"), 1);
    assert.equal(by("failed"), 1, "the declined card is an attempt of its own");
    const subscriptionPayments = (await db().collection("ledger").where("kind", "==", "subscription_payment").get()).size;
    assert.ok(subscriptionPayments >= 3, `two subscriptions and a renewal booked: ${subscriptionPayments}`);
    const lost = (await db().collection("ledger").where("kind", "==", "dispute_lost").get()).size;
    assert.equal(lost, 1);
  });

  it("paid coaches on Mondays and on request, and the bank received the payouts", async () => {
    const payouts = (await db().collection("payouts").get()).docs.map((d) => d.data());
    const paid = payouts.filter((p) => p["status"] === "paid");
    assert.ok(paid.length >= 3, `payouts paid: ${JSON.stringify(payouts.map((p) => [p["coachId"], p["status"], p["amount"]]))}`);
    assert.ok(paid.some((p) => p["trigger"] === "schedule"), `a Monday run paid: ${JSON.stringify(paid.map((p) => p["trigger"]))}`);
    assert.ok(paid.some((p) => p["requestedBy"] === "demo-coach" && p["decidedBy"] === "demo-admin"), "the coach's own request was approved by the admin and paid");
    const held = (await db().doc("balances/demo-coach_sek").get()).get("held") as number;
    assert.ok(held > 0, "the newest sales are still held");
  });

  it("booked every night in Fortnox, and Stripe, the ledger and Fortnox agree on every day", async () => {
    const { vouchers } = (await (await fetch(`${FORTNOX}/__sandbox/vouchers`)).json()) as { vouchers: { description: string }[] };
    assert.ok(vouchers.length >= 20, `vouchers in Fortnox: ${vouchers.length}`);
    const days = (await db().collection("booksReconciliations").get()).docs.map((d) => d.data());
    assert.ok(days.length >= 35, `days reconciled: ${days.length}`);
    const off = days.filter((d) => d["state"] !== "ok").map((d) => `${d["day"] as string} ${d["state"] as string}`);
    assert.deepEqual(off, [], "every day of the history closes to the öre");
    const openAlerts = (await db().collection("alerts").where("status", "==", "open").get()).docs.map((d) => d.get("type") as string);
    assert.deepEqual(openAlerts.filter((t) => t === "books_difference"), []);
  });

  it("ends on real time, with the Stripe and Fortnox sandboxes at the same instant", async () => {
    const clock = (await (await fetch(`${CLOCK_URL}/clock`)).json()) as { offsetMs: number };
    assert.equal(clock.offsetMs, 0);
    const stripe = (await (await fetch(`${STRIPE}/__sandbox/clock`)).json()) as { now: number };
    assert.ok(Math.abs(stripe.now * 1000 - Date.now()) < 120_000, "the Stripe sandbox is on today");
    const fortnox = (await (await fetch(`${FORTNOX}/__sandbox/clock`)).json()) as { now: string };
    assert.ok(Math.abs(Date.parse(fortnox.now) - Date.now()) < 120_000, "the Fortnox sandbox is on today");
  });

  it("a later start loads that history instead of making it again", async () => {
    const before = (await db().collection("payments").get()).size;
    await stop(running!);
    running = null;
    const s = start();
    running = s.child;
    const later = await s.ready;
    process.stdout.write(`      later start ready in ${later.seconds} s\n`);
    assert.doesNotMatch(later.log, /making the demo's history/);
    assert.equal((await db().collection("payments").get()).size, before);
  });
});
