import assert from "node:assert/strict";
import { getApps, initializeApp } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { getFirestore } from "firebase-admin/firestore";
import type { Browser, Page } from "playwright-core";
import { appCheckHeader } from "./app-check";
import { WEB_URL, launch, newPage, screenshot, until, signInSwedish } from "./browser";

const STRIPE = process.env["STRIPE_SANDBOX_URL"] ?? "http://127.0.0.1:12111";
const FUNCTIONS = process.env["FUNCTIONS_EMULATOR_URL"] ?? "http://127.0.0.1:5001/demo-kassa/europe-west1";
const AUTH_HOST = process.env["FIREBASE_AUTH_EMULATOR_HOST"] ?? "127.0.0.1:9099";

function admin() {
  const app = getApps()[0] ?? initializeApp({ projectId: process.env["GCLOUD_PROJECT"] ?? "demo-kassa" });
  return { auth: getAuth(app), db: getFirestore(app) };
}

async function idToken(email: string): Promise<string> {
  const res = await fetch(`http://${AUTH_HOST}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-api-key`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: "kassa-demo", returnSecureToken: true }),
  });
  return ((await res.json()) as { idToken: string }).idToken;
}

const text = async (page: Page, selector = "main") => (await page.locator(selector).innerText()).replace(/\u00a0/g, " ");

/**
 * The admin's payments page as an admin uses it: a customer (made here, with a name) buys
 * Oskar Lind's Sleep Reset; the admin finds it by picking the coach and the customer by name
 * (the filters land in the URL and survive a reload), cancels a refund (nothing is refunded),
 * then refunds part of it typed in kronor and sees it in the table without reloading.
 */
describe("web app: the admin's payments, live and linkable", function () {
  this.timeout(120000);
  const uid = `e2e-pay-${Date.now().toString(36)}`;
  const email = `${uid}@kassa.test`;
  let browser: Browser;
  let paymentId = "";

  before(async () => {
    browser = await launch();
    const { auth, db } = admin();
    await auth.createUser({ uid, email, password: "kassa-demo", displayName: "Karin Kvist", emailVerified: true });
    await auth.setCustomUserClaims(uid, { role: "customer" });
    await db.doc(`users/${uid}`).set({ uid, email, role: "customer", displayName: "Karin Kvist" });
    const session = await fetch(`${FUNCTIONS}/createCheckoutSession`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${await idToken(email)}`, ...appCheckHeader() },
      body: JSON.stringify({ data: { programId: "sleep-reset" } }),
    }).then((r) => r.json() as Promise<{ result: { sessionId: string } }>);
    const paid = await fetch(`${STRIPE}/__sandbox/checkout/${session.result.sessionId}/pay`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ card: "4242424242424242" }) });
    assert.ok(paid.ok, `pay: ${paid.status}`);
    paymentId = (await until("sale booked", async () => (await db.collection("payments").where("userId", "==", uid).get()).docs[0])).id;
  });
  after(async () => browser?.close());

  it("in Swedish: coach and customer picked by name, Cancel refunds nothing, a typed partial refund shows live, the filter survives a reload", async () => {
    const { db } = admin();
    const { page, errors } = await newPage(browser, { width: 1280, height: 900 }, null);
    await signInSwedish(page, "admin@kassa.test");
    await page.waitForURL(`${WEB_URL}/admin`);
    await page.getByRole("navigation").getByRole("link", { name: "Betalningar", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Betalningar" }).waitFor();

    await page.getByLabel("Coach", { exact: true }).fill("oskar");
    await page.getByRole("list", { name: "Träffar för Coach" }).getByRole("button", { name: /Oskar Lind/ }).click();
    await page.getByLabel("Kund", { exact: true }).fill("karin");
    await page.getByRole("list", { name: "Träffar för Kund" }).getByRole("button", { name: /Karin Kvist/ }).click();
    await until("filters in the URL", async () => (page.url().includes("coach=demo-coach-2") && page.url().includes(`customer=${uid}`) ? true : undefined), 10000);

    const table = page.getByRole("table", { name: "Betalningar" });
    const row = table.locator(`tr[data-payment="${paymentId}"]`);
    await row.waitFor();
    assert.equal(await table.locator("tbody tr").count(), 1, "only Karin's purchase of Oskar's program");
    const rowText = (await row.innerText()).replace(/\u00a0/g, " ");
    for (const shown of ["Sleep Reset", "Oskar Lind", "Karin Kvist", "399,00 kr", "Betald"]) assert.ok(rowText.includes(shown), `${shown} in ${rowText}`);
    assert.ok(!rowText.includes("demo-coach-2"), "names, not ids");

    // Cancel: the dialog said what would happen, and nothing happened.
    await row.getByRole("button", { name: "Återbetala" }).click();
    const dialog = page.getByRole("dialog", { name: "Återbetala en betalning" });
    await dialog.waitFor();
    const said = await text(page, "[role=dialog]");
    for (const shown of ["Karin Kvist", "Sleep Reset", "Oskar Lind", "399,00 kr"]) assert.ok(said.includes(shown), `${shown} in the dialog: ${said}`);
    assert.equal(await dialog.getByLabel("Belopp att återbetala (kr)").inputValue(), "399,00", "prefilled with what is left, in kronor");
    await dialog.getByRole("button", { name: "Avbryt" }).click();
    await dialog.waitFor({ state: "detached" });
    await new Promise((r) => setTimeout(r, 1500));
    const untouched = (await db.doc(`payments/${paymentId}`).get()).data()!;
    assert.equal(untouched["refundedAmount"], 0);
    assert.equal(untouched["refundRequestLog"], undefined, "Cancel sent no refund");

    // Too much is refused in Swedish, in kronor, keeping what was typed; then 100,50 kr is refunded.
    await row.getByRole("button", { name: "Återbetala" }).click();
    const amount = dialog.getByLabel("Belopp att återbetala (kr)");
    await amount.fill("400");
    await dialog.getByRole("alert").filter({ hasText: "högst 399,00 kr" }).waitFor();
    assert.equal(await dialog.getByRole("button", { name: "Återbetala" }).isDisabled(), true);
    assert.equal(await amount.inputValue(), "400");
    await amount.fill("10,505");
    await dialog.getByRole("alert").filter({ hasText: "högst två decimaler" }).waitFor();
    await amount.fill("100,50");
    await screenshot(page, "admin-refund-dialog");
    await dialog.getByRole("button", { name: "Återbetala" }).click();
    await dialog.waitFor({ state: "detached" });
    await row.getByTestId("refunded").filter({ hasText: "återbetalt 100,50 kr" }).waitFor({ timeout: 30000 });
    await row.getByText("Delvis återbetald").waitFor();
    await screenshot(page, "admin-payments-refunded");

    // The filtered view is a link: a reload shows the same filters, by name.
    await page.reload();
    await page.getByRole("group", { name: "Coach" }).getByText("Oskar Lind").waitFor();
    await page.getByRole("group", { name: "Kund" }).getByText("Karin Kvist").waitFor();
    await row.getByTestId("refunded").filter({ hasText: "återbetalt 100,50 kr" }).waitFor();
    assert.equal(await table.locator("tbody tr").count(), 1);
    assert.deepEqual(errors, []);
  });

  it("in English: a deep link survives sign-in, and the alerts badge counts open alerts live", async () => {
    const { db } = admin();
    const { page, errors } = await newPage(browser, { width: 1280, height: 900 }, "en");
    await page.goto(`${WEB_URL}/admin/payments?coach=demo-coach-2&status=partially_refunded`);
    await page.waitForURL(/\/signin\?next=/);
    await page.getByLabel("Email").fill("admin@kassa.test");
    await page.getByLabel("Password").fill("kassa-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${WEB_URL}/admin/payments?coach=demo-coach-2&status=partially_refunded`);
    await page.getByRole("group", { name: "Coach" }).getByText("Oskar Lind").waitFor();
    await page.locator(`tr[data-payment="${paymentId}"]`).waitFor();

    const badge = page.getByRole("navigation").getByTestId("badge-alerts");
    // The badge reads at most 100 open alerts ("99+" beyond); the whole suite can leave more.
    const openAlerts = async () => (await db.collection("alerts").where("status", "==", "open").count().get()).data().count;
    const shown = (n: number) => (n > 99 ? "99+" : String(n));
    const badgeShows = (n: number) => async () => {
      if (n === 0) return (await badge.count()) === 0 ? true : undefined;
      // innerText also holds the words a screen reader hears after the number.
      const exactly = new RegExp(`^${shown(n).replace("+", "\\+")}(?![0-9+])`);
      return (await badge.count()) && exactly.test((await badge.innerText()).trim()) ? true : undefined;
    };
    const before = await openAlerts();
    await until("badge counts the open alerts", badgeShows(before), 15000);
    await db.doc(`alerts/e2e-badge-${uid}`).set({ id: `e2e-badge-${uid}`, kind: "sync_failed", title: "Badge check", message: "A test alert.", link: "/admin/alerts", objectPath: "jobs/e2e", status: "open", createdAt: Date.now(), acknowledgedAt: null, acknowledgedBy: null });
    await until("badge counts the new alert", badgeShows(before + 1), 15000);
    assert.match(await page.getByRole("navigation").getByRole("link", { name: /^Alerts/ }).innerText(), new RegExp(`Alerts\\s*${shown(before + 1).replace("+", "\\+")}`));
    await db.doc(`alerts/e2e-badge-${uid}`).update({ status: "acknowledged", acknowledgedAt: Date.now(), acknowledgedBy: "demo-admin" });
    await until("badge drops", badgeShows(before), 15000);
    assert.deepEqual(errors, []);
  });

  it("in Swedish: a disputed sale says by when to answer Stripe, in the row and in an alert", async () => {
    const { db } = admin();
    // A second sale of Karin's, then her bank disputes it (the sandbox does what Stripe does).
    const session = await fetch(`${FUNCTIONS}/createCheckoutSession`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${await idToken(email)}`, ...appCheckHeader() },
      body: JSON.stringify({ data: { programId: "sleep-reset" } }),
    }).then((r) => r.json() as Promise<{ result: { sessionId: string } }>);
    assert.ok((await fetch(`${STRIPE}/__sandbox/checkout/${session.result.sessionId}/pay`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ card: "4242424242424242" }) })).ok);
    const second = await until("second sale booked", async () => (await db.collection("payments").where("userId", "==", uid).get()).docs.find((d) => d.id !== paymentId && d.get("status") === "succeeded"));
    const opened = await fetch(`${STRIPE}/__sandbox/charges/${second.get("stripeChargeId") as string}/dispute`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ reason: "fraudulent" }) });
    assert.ok(opened.ok, `dispute: ${opened.status}`);
    await until("disputed", async () => ((await second.ref.get()).get("status") === "disputed" ? true : undefined), 30000);

    const { page, errors } = await newPage(browser, { width: 1280, height: 900 }, "sv");
    await signInSwedish(page, "admin@kassa.test");
    await page.waitForURL(`${WEB_URL}/admin`);
    await page.goto(`${WEB_URL}/admin/payments?status=disputed&customer=${uid}`);
    const row = page.locator(`tr[data-payment="${second.id}"]`);
    await row.getByTestId("dispute-due").filter({ hasText: /^svara Stripe senast \d{1,2} [a-zä]{3,4}\.? \d{4}/ }).waitFor({ timeout: 30000 });
    await screenshot(page, "admin-payments-disputed-sv");
    await page.goto(`${WEB_URL}/admin/alerts`);
    // This sale's alert: its title with the sale's amount (Sleep Reset, 399 kr), its text with Stripe's deadline.
    const alert = page.locator("tr").filter({ hasText: new RegExp(`Betalningen ${second.id} .*Skicka underlag till Stripe senast`) }).first();
    await alert.waitFor({ timeout: 30000 });
    assert.match((await alert.innerText()).replace(/\u00a0/g, " "), /En kund bestrider ett köp på 399,00 kr/);
    assert.deepEqual(errors, []);
  });
});
