import assert from "node:assert/strict";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import type { Browser } from "playwright-core";
import { WEB_URL, launch, newPage, screenshot, signInHere, signInSwedish, until } from "./browser";

function db() {
  const app = getApps()[0] ?? initializeApp({ projectId: process.env["GCLOUD_PROJECT"] ?? "demo-kassa" });
  return getFirestore(app);
}

/**
 * The admin finds a coach by name in the coach list and opens the coach's page: the Stripe
 * state in words, balances, and the coach's payouts by date, amount and status in Swedish;
 * a search that matches nobody says so; the page is a link that survives a reload.
 */
describe("web app: the admin's coaches, one page per coach", function () {
  this.timeout(120000);
  const payoutId = `po-e2e-coachpage-${Date.now().toString(36)}`;
  let browser: Browser;

  before(async () => {
    browser = await launch();
    await db().doc(`payouts/${payoutId}`).set({ id: payoutId, coachId: "demo-coach-2", amount: 77700, currency: "sek", date: Date.now(), status: "paid", trigger: "schedule", runId: "payout-run-2025-W04", stripeAccountId: "acct_e2e_coachpage", stripePayoutId: null, sendStartedAt: null, attempt: 1, relatedPaymentIds: [], lineItems: [], failureCode: null, failureReason: null, approvals: [], requiredApprovals: 1, requestedBy: null, updatedAt: Date.now() });
  });
  after(async () => {
    await db().doc(`payouts/${payoutId}`).delete();
    await browser?.close();
  });

  it("in Swedish: search by name, the coach's page with Stripe state, balances and payouts, and a search that finds nobody", async () => {
    const { page, errors } = await newPage(browser, { width: 1280, height: 900 }, null);
    await signInSwedish(page, "admin@kassa.test");
    await page.waitForURL(`${WEB_URL}/admin`);
    await page.getByRole("navigation").getByRole("link", { name: "Coacher" }).click();
    await page.getByRole("heading", { level: 1, name: "Coacher" }).waitFor();
    const search = page.getByLabel("Sök på namn eller e-post");
    await search.fill("zzz-ingen");
    await page.getByText("Ingen coach matchar ”zzz-ingen”.").waitFor();
    await search.fill("oskar");
    const link = page.getByRole("table", { name: "Coacher" }).getByRole("link", { name: "Oskar Lind" });
    await link.click();
    await page.waitForURL(`${WEB_URL}/admin/coaches/demo-coach-2`);
    await page.getByRole("heading", { level: 1, name: "Oskar Lind" }).waitFor();
    const onboarding = page.getByRole("region", { name: "Registrering hos Stripe" });
    await onboarding.getByText(/^(Klart: coachen kan sälja och få utbetalningar\.|Coachen har inte påbörjat Stripes registrering än|Det här behöver Stripe fortfarande från coachen:)/).first().waitFor();
    await page.getByRole("region", { name: "Saldon" }).waitFor();
    const payouts = page.getByRole("table", { name: "Utbetalningar" });
    const row = payouts.locator("tr", { hasText: "777,00" });
    await until("the coach's payout listed", async () => ((await row.count()) > 0 ? true : undefined), 20000);
    const text = (await row.first().innerText()).replace(/\u00a0/g, " ");
    for (const shown of ["777,00 kr", "Utbetald", "Veckokörning"]) assert.ok(text.includes(shown), `${shown} in ${text}`);
    assert.ok(!(await page.locator("main").innerText()).includes("demo-coach-2"), "the coach by name, not id");
    await screenshot(page, "admin-coach-page");

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Oskar Lind" }).waitFor();
    assert.deepEqual(errors, []);
  });

  it("in English: the same coach page from a deep link, in English words and amounts", async () => {
    const { page, errors } = await newPage(browser, { width: 1280, height: 900 });
    await page.goto(`${WEB_URL}/admin/coaches/demo-coach-2`);
    await page.waitForURL(/\/signin\?next=/);
    await signInHere(page, "admin@kassa.test");
    await page.waitForURL(`${WEB_URL}/admin/coaches/demo-coach-2`);
    await page.getByRole("heading", { level: 1, name: "Oskar Lind" }).waitFor();
    const onboarding = page.getByRole("region", { name: "Onboarding with Stripe" });
    await onboarding.getByText(/^(Ready: the coach can sell and receive payouts\.|The coach has not started Stripe's onboarding yet|What Stripe still needs from the coach:)/).first().waitFor();
    await page.getByRole("region", { name: "Balances" }).waitFor();
    const row = page.getByRole("table", { name: "Payouts" }).locator("tr", { hasText: "777.00" });
    await until("the coach's payout listed", async () => ((await row.count()) > 0 ? true : undefined), 20000);
    const text = (await row.first().innerText()).replace(/\u00a0/g, " ");
    for (const shown of ["SEK 777.00", "Paid", "Weekly run"]) assert.ok(text.includes(shown), `${shown} in ${text}`);

    await page.getByRole("link", { name: "All coaches" }).click();
    await page.getByRole("heading", { level: 1, name: "Coaches" }).waitFor();
    await page.getByLabel("Search by name or email").fill("zzz-nobody");
    await page.getByText("No coach matches “zzz-nobody”.").waitFor();
    assert.deepEqual(errors, []);
  });
});
