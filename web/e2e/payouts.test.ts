import assert from "node:assert/strict";
import { getApps, initializeApp } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { getFirestore } from "firebase-admin/firestore";
import type { Browser, Page } from "playwright-core";
import { appCheckHeader } from "./app-check";
import { WEB_URL, launch, newPage, screenshot, signIn, until } from "./browser";

const STRIPE = process.env["STRIPE_SANDBOX_URL"] ?? "http://127.0.0.1:12111";
const FUNCTIONS = process.env["FUNCTIONS_EMULATOR_URL"] ?? "http://127.0.0.1:5001/demo-kassa/europe-west1";
const AUTH_HOST = process.env["FIREBASE_AUTH_EMULATOR_HOST"] ?? "127.0.0.1:9099";

function admin() {
  const app = getApps()[0] ?? initializeApp({ projectId: process.env["GCLOUD_PROJECT"] ?? "demo-kassa" });
  return { auth: getAuth(app), db: getFirestore(app) };
}

async function token(email: string): Promise<string> {
  const res = await fetch(`http://${AUTH_HOST}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-api-key`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: "kassa-demo", returnSecureToken: true }),
  });
  return ((await res.json()) as { idToken: string }).idToken;
}

async function control(path: string, body: Record<string, unknown> = {}): Promise<void> {
  const res = await fetch(`${STRIPE}/__sandbox${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  assert.ok(res.ok, `${path}: ${res.status}`);
}


/**
 * A new coach onboards through the sandbox's Connect page, earns from a sale whose hold has
 * ended, requests a payout, an admin approves it, the sandbox marks it paid and the coach
 * sees it paid. The sale itself is made over the API (the purchase test covers the page).
 */
describe("web app: coach onboarding and payouts", function () {
  this.timeout(150000);
  const uid = `e2e-po-${Date.now().toString(36)}`;
  const email = `${uid}@kassa.test`;
  const programId = `e2e-po-program-${uid}`;
  let browser: Browser;

  before(async () => {
    browser = await launch();
    const { auth, db } = admin();
    await auth.createUser({ uid, email, password: "kassa-demo", displayName: "E2E Payout Coach" });
    await auth.setCustomUserClaims(uid, { role: "coach" });
    await db.doc(`users/${uid}`).set({ uid, email, role: "coach", displayName: "E2E Payout Coach" });
    await db.doc(`programs/${programId}`).set({ id: programId, coachId: uid, coachName: "E2E Payout Coach", title: "Payout Journey", description: "", price: { amount: 49900, currency: "sek" }, active: true, priceVersion: 1 });
    await db.doc("settings/payouts").set({ requireApproval: true }, { merge: true });
  });
  after(async () => browser?.close());

  async function coachPage(): Promise<{ page: Page; errors: string[] }> {
    const p = await newPage(browser);
    await signIn(p.page, email);
    await p.page.waitForURL(`${WEB_URL}/coach`);
    return p;
  }

  it("onboards through Stripe's page and comes back ready", async () => {
    const { page, errors } = await coachPage();
    // The sandbox's own pages (no favicon) are not ours to judge.
    const foreign: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && m.location().url.startsWith(STRIPE)) foreign.push(m.text());
    });
    await page.getByRole("button", { name: "Set up payouts with Stripe" }).click();
    await page.waitForURL(new RegExp(`^${STRIPE}/connect/onboarding/`));
    await screenshot(page, "payouts-onboarding-stripe");
    await page.locator("#complete").click();
    await page.waitForURL(`${WEB_URL}/coach?onboarding=return`);
    await page.getByText("Ready: you can sell and receive payouts.").waitFor({ timeout: 30000 });
    await screenshot(page, "payouts-onboarded");
    assert.deepEqual(errors.filter((e) => !foreign.includes(e)), []);
  });

  it("sees earnings, requests a payout, the admin approves, the coach sees it paid", async () => {
    const { db } = admin();
    // A sale, then 7 days pass for Stripe (sandbox clock) and for Kassa (the hold end backdated).
    const session = await fetch(`${FUNCTIONS}/createCheckoutSession`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${await token("customer@kassa.test")}`, ...appCheckHeader() },
      body: JSON.stringify({ data: { programId } }),
    }).then((r) => r.json() as Promise<{ result: { sessionId: string } }>);
    await control(`/checkout/${session.result.sessionId}/pay`, { card: "4242424242424242" });
    const payment = await until("sale booked", async () => (await db.collection("payments").where("coachId", "==", uid).get()).docs[0]);
    await control("/clock", { advance_seconds: 7 * 86400 + 60 });
    await payment.ref.update({ availableOn: Date.now() - 60000 });
    await fetch(`http://127.0.0.1:5001/functions/projects/demo-kassa/triggers/europe-west1-releaseHolds-0`, { method: "POST", headers: { "X-CloudScheduler-JobName": "releaseHolds" } });

    const { page, errors } = await coachPage();
    const available = page.getByTestId("available");
    await until("available shown", async () => ((await available.innerText()).replace(/\s/g, " ").startsWith("SEK 399.20") ? true : undefined));
    await page.getByLabel("Payout amount").fill("399,20");
    await page.getByRole("button", { name: "Request payout" }).click();
    await page.getByText("Requested: an admin approves it soon.").waitFor();
    await page.getByRole("table", { name: "Payout history" }).getByText("Waiting for approval").waitFor();
    await screenshot(page, "payouts-coach-requested");

    const adminTab = await newPage(browser);
    await signIn(adminTab.page, "admin@kassa.test");
    await adminTab.page.waitForURL(`${WEB_URL}/admin`);
    await adminTab.page.goto(`${WEB_URL}/admin/payouts`);
    const row = adminTab.page.locator("tr", { hasText: uid });
    await row.getByRole("button", { name: "Approve" }).click();
    await row.waitFor({ state: "detached" });
    await screenshot(adminTab.page, "payouts-admin");

    const sent = await until("payout sent", async () => {
      const p = (await db.collection("payouts").where("coachId", "==", uid).get()).docs[0]?.data();
      return p?.["stripePayoutId"] && p["status"] === "processing" ? p : undefined;
    });
    await page.getByRole("table", { name: "Payout history" }).getByText("On its way").waitFor({ timeout: 30000 });
    await control(`/payouts/${sent["stripePayoutId"]}/paid`);
    await page.getByRole("table", { name: "Payout history" }).getByText("Paid", { exact: true }).waitFor({ timeout: 30000 });
    assert.match((await page.getByTestId("paid").innerText()).replace(/\s/g, " "), /^SEK 399\.20/);
    await screenshot(page, "payouts-coach-paid");
    assert.deepEqual(errors, []);
    assert.deepEqual(adminTab.errors, []);
  });
});
