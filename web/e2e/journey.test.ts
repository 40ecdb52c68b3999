/**
 * The whole story in one browser run, a screenshot per step (web/e2e/screenshots/journey-*):
 * a customer buys a new coach's program and subscribes on hosted Checkout -> the coach sees
 * the share held -> the hold passes -> an admin runs the weekly payout and watches its
 * progress -> Stripe (the sandbox) pays it -> the coach sees it paid and is notified -> the
 * accountant syncs and sees vouchers with their Fortnox numbers.
 *
 * Time moves as it does for a developer: `npm run clock -- +8d` moves Kassa's clock and both
 * sandboxes' together, and the stack's scheduler fires releaseHolds (and every other schedule
 * due on the way) as Cloud Scheduler would. The clock goes back to real time for Kassa at the end
 * so the suites after this one see today.
 *
 * The accounting sync books only days that have ended in Stockholm: the accountant's step moves
 * the clock to the next 02:00, the nightly run books every ended day, and the accountant opens
 * the day of the purchase.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { getApps, initializeApp } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { getFirestore } from "firebase-admin/firestore";
import type { Browser, Page } from "playwright-core";
import { WEB_URL, launch, newPage, screenshot, signIn, until } from "./browser";

const STRIPE = process.env["STRIPE_SANDBOX_URL"] ?? "http://127.0.0.1:12111";
const FORTNOX = process.env["FORTNOX_SANDBOX_URL"] ?? "http://127.0.0.1:12112";
const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

function admin() {
  const app = getApps()[0] ?? initializeApp({ projectId: process.env["GCLOUD_PROJECT"] ?? "demo-kassa" });
  return { auth: getAuth(app), db: getFirestore(app) };
}

async function control(path: string, body: Record<string, unknown> = {}): Promise<void> {
  const res = await fetch(`${STRIPE}/__sandbox${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  assert.ok(res.ok, `${path}: ${res.status}`);
}


/** The Stockholm calendar day of an instant (how Kassa books it). */
const stockholmDayOf = (ms: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm" }).format(new Date(ms));

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).innerText()).replace(/\s/g, " ");

describe("the journey: from a customer's card to the accountant's voucher", function () {
  this.timeout(300000);
  const uid = `e2e-journey-${Date.now().toString(36)}`;
  const email = `${uid}@kassa.test`;
  const title = `Journey ${uid.slice(-5)}`;
  const programId = `journey-program-${uid}`;
  let browser: Browser;
  /** Whether step 2 subscribed (on a stack other suites used, the customer may be premium already). */
  let subscribedToday = false;
  const pages: { page: Page; errors: string[]; foreign: string[] }[] = [];

  async function open(who: string, landing: string) {
    const p = await newPage(browser, { width: 1200, height: 900 });
    const foreign: string[] = [];
    // Stripe's and Fortnox's stand-in pages (no favicon) are not ours to judge.
    p.page.on("console", (m) => {
      const url = m.location().url;
      if (m.type() === "error" && (url.startsWith(STRIPE) || url.startsWith(FORTNOX))) foreign.push(m.text());
    });
    await signIn(p.page, who);
    await p.page.waitForURL(`${WEB_URL}${landing}`);
    const entry = { ...p, foreign };
    pages.push(entry);
    return entry;
  }

  before(async () => {
    browser = await launch();
    const { auth, db } = admin();
    await auth.createUser({ uid, email, password: "kassa-demo", displayName: "Journey Coach" });
    await auth.setCustomUserClaims(uid, { role: "coach" });
    await db.doc(`users/${uid}`).set({ uid, email, role: "coach", displayName: "Journey Coach" });
    await db.doc(`programs/${programId}`).set({ id: programId, coachId: uid, coachName: "Journey Coach", title, description: "Seven mornings of calm.", price: { amount: 49900, currency: "sek" }, active: true, priceVersion: 1 });
  });
  after(async () => {
    await browser?.close();
    await run("npm", ["run", "-s", "clock", "--", "reset"], { cwd: ROOT, env: process.env, timeout: 60_000 });
  });

  it("1. the coach sets up payouts with Stripe", async () => {
    const { page } = await open(email, "/coach");
    await page.getByRole("button", { name: "Set up payouts with Stripe" }).click();
    await page.waitForURL(new RegExp(`^${STRIPE}/connect/onboarding/`));
    await page.locator("#complete").click();
    await page.waitForURL(`${WEB_URL}/coach?onboarding=return`);
    await page.getByText("Ready: you can sell and receive payouts.").waitFor({ timeout: 30000 });
    await screenshot(page, "journey-1-coach-onboarded");
  });

  it("2. the customer buys the program and subscribes on hosted Checkout", async () => {
    const { page } = await open("customer@kassa.test", "/customer");
    await page.getByRole("button", { name: `Buy ${title}` }).click();
    await page.waitForURL(new RegExp(`^${STRIPE}/checkout/`));
    await page.locator("#card-number").fill("4242 4242 4242 4242");
    await screenshot(page, "journey-2-checkout");
    await page.getByRole("button", { name: "Pay" }).click();
    await page.waitForURL(new RegExp(`^${WEB_URL}/customer/purchases\\?checkout=success`));
    await page.getByText("Payment confirmed. Thank you!").waitFor({ timeout: 30000 });
    assert.match((await page.getByRole("row", { name: new RegExp(title) }).first().innerText()).replace(/\s/g, " "), /SEK 499\.00.*Paid/);
    await screenshot(page, "journey-3-purchase-confirmed");

    await page.goto(`${WEB_URL}/customer`);
    // The demo customer may already be premium from an earlier run; either way it ends premium.
    const premium = page.getByText(/You have premium\. It renews on/);
    const subscribe = page.getByRole("button", { name: "Subscribe" });
    await premium.or(subscribe).first().waitFor({ timeout: 30000 });
    if (await subscribe.isVisible()) {
      subscribedToday = true;
      await subscribe.click();
      await page.waitForURL(new RegExp(`^${STRIPE}/checkout/`));
      await page.locator("#card-number").fill("4242 4242 4242 4242");
      await page.getByRole("button", { name: "Pay" }).click();
      await page.waitForURL(new RegExp(`^${WEB_URL}/customer/purchases`));
      await page.getByRole("row", { name: /Premium \(monthly\).*99\.00/ }).first().waitFor({ timeout: 45000 });
      await page.goto(`${WEB_URL}/customer`);
    }
    await premium.waitFor({ timeout: 45000 });
    await screenshot(page, "journey-4-premium");
  });

  it("3. the coach sees the share held until the hold ends", async () => {
    const { page } = pages[0]!;
    await page.goto(`${WEB_URL}/coach`);
    await until("held shown", async () => ((await text(page, "held")).startsWith("SEK 399.20") ? true : undefined));
    await screenshot(page, "journey-5-coach-held");
  });

  it("4. the hold passes: npm run clock -- +8d moves every clock and releaseHolds runs on schedule", async () => {
    const { db } = admin();
    await until("sale booked", async () => (await db.collection("payments").where("coachId", "==", uid).get()).docs[0]);
    const { stdout } = await run("npm", ["run", "-s", "clock", "--", "+8d"], { cwd: ROOT, env: process.env, timeout: 300_000 });
    assert.match(stdout, /releaseHolds fired for/);
    const { page } = pages[0]!;
    await until("available shown", async () => ((await text(page, "available")).startsWith("SEK 399.20") ? true : undefined));
    await screenshot(page, "journey-6-coach-available");
  });

  it("5. the admin runs the weekly payout and watches the progress bar", async () => {
    const { page } = await open("admin@kassa.test", "/admin");
    await page.getByRole("link", { name: "Payouts" }).click();
    await page.getByRole("button", { name: "Run weekly payout now" }).click();
    // It asks first, saying money sent cannot be taken back.
    const confirm = page.getByRole("dialog", { name: "Run the weekly payout now?" });
    await confirm.getByText(/cannot be taken back/).waitFor();
    await confirm.getByRole("button", { name: "Run payout now" }).click();
    const started = await page.getByRole("status").filter({ hasText: /Started|already running/ }).innerText();
    // Runs are named for people ("Manual run 4 Dec 19:30"), not by their ids.
    assert.doesNotMatch(started, /payout-run-/);
    const run = page.locator("[data-run]").first();
    const bar = run.getByRole("progressbar", { name: /^Progress of (Manual run|Weekly payout)/ });
    await bar.waitFor();
    await until("run settled", async () => ((await bar.getAttribute("aria-valuenow")) === "100" ? true : undefined), 60000);
    await screenshot(page, "journey-7-admin-payout-run");
  });

  it("6. Stripe pays the payout; the coach sees it paid and gets a notification", async () => {
    const { db } = admin();
    const payout = await until("payout sent to Stripe", async () => {
      const p = (await db.collection("payouts").where("coachId", "==", uid).get()).docs[0]?.data();
      return p?.["stripePayoutId"] && p["status"] === "processing" ? p : undefined;
    });
    await control(`/payouts/${payout["stripePayoutId"]}/paid`);
    const { page } = pages[0]!;
    await page.getByRole("table", { name: "Payout history" }).getByText("Paid", { exact: true }).waitFor({ timeout: 30000 });
    assert.match(await text(page, "paid"), /^SEK 399\.20/);
    await screenshot(page, "journey-8-coach-paid");
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: /Notifications\s*\d+\s*unread/ }).click();
    await page.locator(".notification").filter({ hasText: "Payout of 399.20 SEK paid" }).waitFor({ timeout: 30000 });
    await screenshot(page, "journey-9-coach-notified");
  });

  it("7. next 02:00: the nightly run books the day of the purchase; the accountant sees its vouchers with Fortnox numbers", async () => {
    const { db } = admin();
    const payment = (await db.collection("payments").where("coachId", "==", uid).get()).docs[0]!.data();
    const purchaseDay = stockholmDayOf(payment["date"] as number);
    // The accountant connects first, so the night's run has a Fortnox to book into.
    const { page } = await open("accountant@kassa.test", "/accountant");
    await page.getByTestId("fortnox-status").waitFor();
    if (!(await page.getByRole("button", { name: "Disconnect" }).isVisible())) {
      await page.getByRole("button", { name: /Connect Fortnox|Reconnect Fortnox/ }).click();
      await page.waitForURL(/oauth-v1\/auth/);
      await page.locator("#allow").click();
      await page.waitForURL(`${WEB_URL}/accountant?fortnox=connected`);
    }
    const { stdout } = await run("npm", ["run", "-s", "clock", "--", "next 02:00"], { cwd: ROOT, env: process.env, timeout: 300_000 });
    assert.match(stdout, /syncAccountingNightly fired for/);
    const sale = (await db.collection("ledger").where("refs.paymentId", "==", payment["id"]).where("kind", "==", "program_sale").get()).docs[0]!.id;
    const voucherId = await until("the purchase booked", async () => (await db.doc(`accountingBookings/${sale}`).get()).get("voucherId") as string | undefined, 90000);
    const sales = await until("its voucher posted", async () => {
      const v = (await db.doc(`accounting/${voucherId}`).get()).data();
      return v?.["state"] === "posted" ? v : undefined;
    }, 90000);
    await page.getByRole("textbox", { name: "Day", exact: true }).fill(purchaseDay);
    await page.getByRole("heading", { name: `Vouchers of ${purchaseDay}` }).waitFor();
    const vouchers = page.getByTestId("day-voucher");
    const salesCard = vouchers.filter({ hasText: sales["marker"] as string });
    // The number as Fortnox lists it (series and number, "A12"), with its financial year.
    await salesCard.filter({ hasText: /posted as voucher A\d+, financial year \d{4}/ }).waitFor({ timeout: 30000 });
    assert.match(await salesCard.innerText(), new RegExp(`posted as voucher ${String(sales["series"])}${String(sales["number"])}, financial year`));
    if (subscribedToday) await vouchers.filter({ hasText: `KASSA ${purchaseDay} subscriptions SEK` }).filter({ hasText: /posted as voucher A\d+/ }).first().waitFor({ timeout: 30000 });
    await screenshot(page, "journey-10-accountant-vouchers");
  });

  it("no page logged a console error", () => {
    for (const p of pages) assert.deepEqual(p.errors.filter((e) => !p.foreign.includes(e)), []);
  });
});
