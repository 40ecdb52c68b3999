import assert from "node:assert/strict";
import { getApps, initializeApp } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { getFirestore } from "firebase-admin/firestore";
import type { Browser, Page } from "playwright-core";
import { appCheckHeader } from "./app-check";
import { WEB_URL, launch, newPage, screenshot, signIn, until, signInSwedish } from "./browser";

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
    // Kassa's hold ends first (as with a 0-day hold): the ledger frees the share while Stripe
    // still counts the charge as pending on the coach's account, so Available says so.
    await payment.ref.update({ availableOn: Date.now() - 60000 });
    await fetch(`http://127.0.0.1:5001/functions/projects/demo-kassa/triggers/europe-west1-releaseHolds-0`, { method: "POST", headers: { "X-CloudScheduler-JobName": "releaseHolds" } });

    const { page, errors } = await coachPage();
    const available = page.getByTestId("available");
    await until("available shown", async () => ((await available.innerText()).replace(/\s/g, " ").startsWith("SEK 399.20") ? true : undefined));
    await page.getByTestId("payable-now").getByText("Stripe has not yet received this money on your account; it can be paid out in a few days.").waitFor();
    const svCoach = await newPage(browser, undefined, "sv");
    await signInSwedish(svCoach.page, email);
    await svCoach.page.waitForURL(`${WEB_URL}/coach`);
    await svCoach.page.getByTestId("payable-now").getByText("Stripe har inte fått pengarna till ditt konto än; de kan betalas ut om några dagar.").waitFor();
    assert.match((await svCoach.page.getByTestId("available").innerText()).replace(/\s/g, " "), /^399,20 kr/);
    await screenshot(svCoach.page, "payouts-coach-not-yet-at-stripe-sv");
    assert.deepEqual(svCoach.errors, []);
    await svCoach.page.close();

    // Stripe's 7 days pass: the whole Available can be paid, and the note is gone.
    await control("/clock", { advance_seconds: 7 * 86400 + 60 });
    const asked = page.waitForResponse((r) => r.url().endsWith("/payableNow") && r.request().method() === "POST");
    await page.reload();
    await until("available shown", async () => ((await available.innerText()).replace(/\s/g, " ").startsWith("SEK 399.20") ? true : undefined));
    const answer = (await (await asked).json()) as { result: { payableNow: number; stripeAvailable: number } };
    assert.deepEqual([answer.result.payableNow, answer.result.stripeAvailable], [39920, 39920], "Stripe can pay it all now");
    await page.waitForTimeout(300); // the answer's render
    assert.equal(await page.getByTestId("payable-now").count(), 0, "no note once Stripe holds it all");

    // A first request, 100 kr, that a Swedish admin rejects: Cancel and Escape change nothing,
    // the reason is required, and the coach then sees Rejected with the reason.
    await page.getByLabel("Payout amount").fill("100");
    await page.getByRole("button", { name: "Request payout" }).click();
    await page.getByText("Requested: an admin approves it soon.").waitFor();
    const first = await until("request stored", async () => (await db.collection("payouts").where("coachId", "==", uid).get()).docs[0]);
    const sv = await newPage(browser, undefined, "sv");
    await signInSwedish(sv.page, "admin@kassa.test");
    await sv.page.waitForURL(`${WEB_URL}/admin`);
    await sv.page.goto(`${WEB_URL}/admin/payouts`);
    const svRow = sv.page.locator(`tr[data-payout="${first.id}"]`);
    await svRow.getByText("E2E Payout Coach").waitFor();
    await svRow.getByRole("button", { name: "Avslå" }).click();
    const dialog = sv.page.getByRole("dialog", { name: "Avslå begäran om utbetalning?" });
    await dialog.getByText(/E2E Payout Coach har begärt 100,00\skr/).waitFor();
    assert.equal(await dialog.getByRole("button", { name: "Avslå" }).isDisabled(), true, "reject needs a reason");
    await dialog.getByRole("button", { name: "Avbryt" }).click();
    await dialog.waitFor({ state: "detached" });
    await svRow.getByRole("button", { name: "Avslå" }).click();
    await sv.page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await svRow.getByRole("button", { name: "Godkänn" }).click();
    await sv.page.getByRole("dialog", { name: "Godkänna utbetalningen?" }).getByRole("button", { name: "Avbryt" }).click();
    assert.equal((await first.ref.get()).get("status"), "requested", "Cancel and Escape change nothing");
    await svRow.getByRole("button", { name: "Avslå" }).click();
    await dialog.getByLabel("Skäl (coachen ser det)").fill("Fel belopp, begär hela saldot");
    await dialog.getByRole("button", { name: "Avslå" }).click();
    await svRow.waitFor({ state: "detached" });
    await sv.page.getByText("Avslagen: E2E Payout Coach har fått veta varför.").waitFor();
    assert.equal((await first.ref.get()).get("status"), "rejected");
    await page.getByRole("table", { name: "Payout history" }).getByText("Rejected", { exact: true }).waitFor();
    await page.getByRole("table", { name: "Payout history" }).getByText("Fel belopp, begär hela saldot").waitFor();

    // Run now asks first; Cancel starts nothing.
    const runsBefore = (await db.collection("jobs").where("type", "==", "payout_run").get()).size;
    await sv.page.getByRole("button", { name: "Kör veckoutbetalningen nu" }).click();
    const runDialog = sv.page.getByRole("dialog", { name: "Köra veckoutbetalningen nu?" });
    await runDialog.getByText(/Pengar som har skickats går inte att ta tillbaka/).waitFor();
    await screenshot(sv.page, "payouts-admin-run-now-dialog");
    await runDialog.getByRole("button", { name: "Avbryt" }).click();
    await runDialog.waitFor({ state: "detached" });
    assert.equal((await db.collection("jobs").where("type", "==", "payout_run").get()).size, runsBefore, "Cancel started no run");
    assert.deepEqual(sv.errors, []);
    await sv.page.close();

    await until("available again", async () => ((await available.innerText()).replace(/\s/g, " ").startsWith("SEK 399.20") ? true : undefined));
    await page.getByLabel("Payout amount").fill("399,20");
    await page.getByRole("button", { name: "Request payout" }).click();
    await page.getByText("Requested: an admin approves it soon.").waitFor();
    await page.getByRole("table", { name: "Payout history" }).getByText("Waiting for approval").waitFor();
    await screenshot(page, "payouts-coach-requested");

    const adminTab = await newPage(browser);
    await signIn(adminTab.page, "admin@kassa.test");
    await adminTab.page.waitForURL(`${WEB_URL}/admin`);
    await adminTab.page.goto(`${WEB_URL}/admin/payouts`);
    const row = adminTab.page.locator("tr", { hasText: "E2E Payout Coach" });
    await row.getByRole("button", { name: "Approve" }).click();
    const approve = adminTab.page.getByRole("dialog", { name: "Approve the payout?" });
    await approve.getByText(/399\.20 to E2E Payout Coach/).waitFor();
    await screenshot(adminTab.page, "payouts-admin-approve-dialog");
    await approve.getByRole("button", { name: "Approve" }).click();
    await row.waitFor({ state: "detached" });
    await screenshot(adminTab.page, "payouts-admin");

    const sent = await until("payout sent", async () => {
      // The coach's second request (the first was rejected above).
      const p = (await db.collection("payouts").where("coachId", "==", uid).get()).docs.map((d) => d.data()).find((d) => d["status"] !== "rejected");
      return p?.["stripePayoutId"] && p["status"] === "processing" ? p : undefined;
    });
    await page.getByRole("table", { name: "Payout history" }).getByText("On its way").waitFor({ timeout: 30000 });
    await control(`/payouts/${sent["stripePayoutId"]}/paid`);
    await page.getByRole("table", { name: "Payout history" }).getByText("Paid", { exact: true }).waitFor({ timeout: 30000 });
    assert.match((await page.getByTestId("paid").innerText()).replace(/\s/g, " "), /^SEK 399\.20/);
    await screenshot(page, "payouts-coach-paid");

    // Run now, confirmed: the run is listed by a readable name, not its id.
    await adminTab.page.getByRole("button", { name: "Run weekly payout now" }).click();
    await adminTab.page.getByRole("dialog", { name: "Run the weekly payout now?" }).getByRole("button", { name: "Run payout now" }).click();
    const runName = adminTab.page.getByTestId("run-name").first();
    await runName.waitFor();
    assert.match(await runName.innerText(), /^(Manual run \d{1,2} [A-Z][a-z]{2} \d\d:\d\d|Weekly payout, week \d{1,2})$/);
    assert.equal(await adminTab.page.getByText(/payout-run-/).count(), 0, "no run ids shown");
    assert.deepEqual(errors, []);
    assert.deepEqual(adminTab.errors, []);
  });
});
