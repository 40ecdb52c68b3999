import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { launch, newPage, screenshot, signIn, WEB_URL } from "./browser";
import { deleteDoc, writeDoc } from "./firestore-rest";

const AUTH = `http://${process.env["FIREBASE_AUTH_EMULATOR_HOST"] ?? "127.0.0.1:9099"}`;

/** The demo coach's uid, from the Auth emulator's sign-in endpoint. */
async function uidOf(email: string): Promise<string> {
  const res = await fetch(`${AUTH}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: "kassa-demo", returnSecureToken: true }),
  });
  const body = (await res.json()) as { localId?: string };
  assert.ok(body.localId, `no uid for ${email}`);
  return body.localId;
}

describe("web app: admin settings with an audit trail", function () {
  this.timeout(120000);
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => browser?.close());

  it("refuses a bad value naming the field, saves a good one and shows who changed what", async () => {
    const { page, errors } = await newPage(browser, { width: 1200, height: 1100 });
    await signIn(page, "admin@kassa.test");
    await page.waitForURL(`${WEB_URL}/admin`);
    // React runs the page's load effect twice in development: hold the first answer back, as
    // a slow network would, so it arrives after the form is shown. It must not wipe the form.
    let first = true;
    await page.route("**/getSettings", async (route) => {
      if (first) {
        first = false;
        await new Promise((r) => setTimeout(r, 1500));
      }
      await route.continue();
    });
    await page.getByRole("link", { name: "Settings" }).click();
    const hold = page.getByLabel("Hold days");
    await hold.waitFor();
    const before = await hold.inputValue();
    const next = before === "8" ? "9" : "8";

    await hold.fill("120");
    await new Promise((r) => setTimeout(r, 2000)); // past the held-back answer
    assert.equal(await hold.inputValue(), "120", "what the admin typed stays");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Fix the fields marked below.").waitFor();
    assert.equal(await hold.getAttribute("aria-invalid"), "true");
    await page.getByText("Write whole days from 0 to 90.").waitFor();

    await hold.fill(next);
    await page.getByRole("button", { name: "Save settings" }).click();
    await page
      .getByText(/Saved 1 change\./)
      .waitFor({ timeout: 30000 })
      .catch(async (e: unknown) => {
        // Say what the page said instead, so a failure explains itself.
        throw new Error(`${String(e)}\npage said: ${(await page.locator("main").innerText()).slice(0, 1500)}`);
      });
    const audit = page.getByRole("region", { name: "Changes" });
    // Values as people read them, not stored numbers.
    const days = (n: string) => `${n} ${n === "1" ? "day" : "days"}`;
    await audit.getByText(`Hold days: ${days(before)} → ${days(next)}`).first().waitFor({ timeout: 30000 });
    assert.match(await audit.locator("tbody tr").first().innerText(), /admin@kassa\.test/);
    await screenshot(page, "admin-settings");

    // Put it back so other tests see the default hold.
    await hold.fill(before);
    await page.getByRole("button", { name: "Save settings" }).click();
    await audit.getByText(`Hold days: ${days(next)} → ${days(before)}`).first().waitFor({ timeout: 30000 });

    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Nothing changed.").waitFor();

    // In Swedish: the page, its refusals and its trail.
    await page.getByLabel("Language").selectOption("sv");
    await page.getByRole("heading", { level: 1, name: "Inställningar" }).waitFor();
    const svDays = (n: string) => `${n} ${n === "1" ? "dag" : "dagar"}`;
    await page.getByRole("region", { name: "Ändringar" }).getByText(`Hålltid: ${svDays(next)} → ${svDays(before)}`).first().waitFor();
    await page.getByLabel("Plattformsavgift (%)").fill("60");
    await page.getByRole("button", { name: "Spara inställningarna" }).click();
    await page.getByText("Rätta fälten som är markerade nedan.").waitFor();
    await page.getByText("Skriv en procentsats från 0 till 50, högst två decimaler (t.ex. 20 eller 17,5).").waitFor();
    await screenshot(page, "admin-settings-sv");
    await page.getByLabel("Språk").selectOption("en");
    assert.deepEqual(errors, []);
  });
});

describe("web app: coach notifications", function () {
  this.timeout(120000);
  let browser: Browser;
  const payoutId = `po-e2e-notify-${Date.now()}`;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await deleteDoc(`payouts/${payoutId}`);
    await browser?.close();
  });

  it("a payout that is paid shows up live with an unread badge, and can be marked read", async () => {
    const coachId = await uidOf("coach@kassa.test");
    const base = { id: payoutId, coachId, amount: 12345, currency: "sek", date: Date.now(), trigger: "admin", attempt: 1, stripeAccountId: "acct_e2e", relatedPaymentIds: [], lineItems: [] };
    await writeDoc(`payouts/${payoutId}`, { ...base, status: "processing" });

    const { page, errors } = await newPage(browser, { width: 1000, height: 900 });
    await signIn(page, "coach@kassa.test");
    await page.waitForURL(`${WEB_URL}/coach`);
    await writeDoc(`payouts/${payoutId}`, { status: "paid" }, ["status"]);

    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: /Notifications\s*\d+\s*unread/ }).waitFor({ timeout: 30000 });
    await nav.getByRole("link", { name: /Notifications/ }).click();
    const item = page.locator(".notification").filter({ hasText: "Payout of 123.45 SEK paid" });
    await item.waitFor({ timeout: 30000 });
    assert.match(await item.innerText(), new RegExp(payoutId));
    await screenshot(page, "coach-notifications");
    await page.getByRole("button", { name: "Mark all as read" }).click();
    await page.getByText("All read.").waitFor({ timeout: 30000 });
    assert.equal(await nav.locator(".count").count(), 0);
    assert.deepEqual(errors, []);
  });
});
