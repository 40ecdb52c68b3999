import assert from "node:assert/strict";
import { getApps, initializeApp } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { getFirestore } from "firebase-admin/firestore";
import type { Browser } from "playwright-core";
import { WEB_URL, launch, newPage, screenshot, signInSwedish, until } from "./browser";

const STRIPE = process.env["STRIPE_SANDBOX_URL"] ?? "http://127.0.0.1:12111";

function admin() {
  const app = getApps()[0] ?? initializeApp({ projectId: process.env["GCLOUD_PROJECT"] ?? "demo-kassa" });
  return { auth: getAuth(app), db: getFirestore(app) };
}

/**
 * A coach from zero, in Swedish, the way a new person meets Kassa: she signs up with her name,
 * an admin makes her a coach, she sets up payouts with Stripe, puts a program up for sale, a
 * customer buys it seeing her name, and she sees the sale with her share. Only the pages are
 * used (no documents written by the test).
 */
describe("web app: a new coach from sign-up to her first sale", function () {
  this.timeout(180000);
  const email = `lina-${Date.now().toString(36)}@kassa.test`;
  const password = "lina-berg-1";
  const title = `Andas lugnt ${Date.now().toString(36)}`;
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => browser?.close());

  it("signs up with her name, becomes a coach, onboards, sells a program and sees the sale", async () => {
    // 1. Sign-up, with the name she is to be known by.
    const lina = await newPage(browser, { width: 1280, height: 900 }, "sv");
    const foreign: string[] = [];
    lina.page.on("console", (m) => {
      if (m.type() === "error" && m.location().url.startsWith(STRIPE)) foreign.push(m.text());
    });
    await lina.page.goto(`${WEB_URL}/signin`);
    await lina.page.getByRole("button", { name: "Ny här? Skapa ett kundkonto" }).click();
    await lina.page.getByLabel("Ditt namn").fill("Lina Berg");
    await lina.page.getByLabel("E-post").fill(email);
    await lina.page.getByLabel("Lösenord").fill(password);
    await screenshot(lina.page, "new-coach-signup-sv");
    await lina.page.getByRole("button", { name: "Skapa konto" }).click();
    await lina.page.waitForURL(`${WEB_URL}/customer`, { timeout: 30000 });
    const { auth, db } = admin();
    const uid = (await auth.getUserByEmail(email)).uid;
    await until("her name in the profile", async () => ((await db.doc(`users/${uid}`).get()).get("displayName") === "Lina Berg" ? true : undefined), 15000);
    assert.equal((await auth.getUser(uid)).displayName, "Lina Berg", "the Auth record, where programs take the coach's name from");
    await lina.page.getByRole("button", { name: "Logga ut" }).click();
    await lina.page.waitForURL(`${WEB_URL}/signin`);

    // 2. An admin finds her by address and makes her a coach (no second admin for coaches).
    const adm = await newPage(browser, { width: 1280, height: 900 }, "sv");
    await signInSwedish(adm.page, "admin@kassa.test");
    await adm.page.waitForURL(`${WEB_URL}/admin`);
    await adm.page.getByLabel("Sök på e-post").fill(email);
    const row = adm.page.locator("tr", { hasText: email });
    await row.getByText("Lina Berg").waitFor();
    await adm.page.getByLabel(`Roll för ${email}`).selectOption("coach");
    await row.getByRole("button", { name: "Spara" }).click();
    await row.getByRole("status").filter({ hasText: "Sparat" }).waitFor();
    assert.deepEqual(adm.errors, []);
    await adm.page.close();

    // 3. She signs in again and lands on the coach's page; Stripe onboarding from there.
    await signInSwedish(lina.page, email, password);
    await lina.page.waitForURL(`${WEB_URL}/coach`, { timeout: 30000 });
    await lina.page.getByRole("button", { name: "Ställ in utbetalningar med Stripe" }).click();
    await lina.page.waitForURL(new RegExp(`^${STRIPE}/connect/onboarding/`));
    await lina.page.locator("#complete").click();
    await lina.page.waitForURL(`${WEB_URL}/coach?onboarding=return`);
    await lina.page.getByText("Klart: du kan sälja och ta emot utbetalningar.").waitFor({ timeout: 30000 });

    // 4. Her first program, priced the Swedish way.
    await lina.page.getByRole("navigation").getByRole("link", { name: "Program", exact: true }).click();
    await lina.page.getByRole("button", { name: "Nytt program" }).click();
    const form = lina.page.getByRole("form", { name: "Nytt program" });
    await form.getByLabel("Titel").fill(title);
    await form.getByLabel("Beskrivning").fill("Tio minuter om dagen i fyra veckor.");
    await form.getByLabel("Pris (kr, inkl. moms)").fill("499");
    await form.getByRole("button", { name: "Spara programmet" }).click();
    const mine = lina.page.getByRole("list", { name: "Dina program" }).locator("li", { hasText: title });
    await mine.waitFor({ timeout: 30000 });
    assert.match((await mine.innerText()).replace(/\u00a0/g, " "), /499,00 kr/);
    await screenshot(lina.page, "new-coach-program-sv");

    // 5. A customer sees the program under her name and buys it.
    const customer = await newPage(browser, { width: 1280, height: 900 }, "sv");
    const foreignC: string[] = [];
    customer.page.on("console", (m) => {
      if (m.type() === "error" && m.location().url.startsWith(STRIPE)) foreignC.push(m.text());
    });
    await signInSwedish(customer.page, "customer@kassa.test");
    await customer.page.waitForURL(`${WEB_URL}/customer`);
    const card = customer.page.locator(".card", { hasText: title });
    await card.getByText("av Lina Berg").waitFor({ timeout: 30000 });
    await card.getByRole("button", { name: `Köp ${title}: betala via Stripe Checkout` }).click();
    await customer.page.waitForURL(new RegExp(`^${STRIPE}/checkout/`));
    await customer.page.locator("#card-number").fill("4242 4242 4242 4242");
    await customer.page.getByRole("button", { name: "Pay" }).click();
    await customer.page.waitForURL(new RegExp(`^${WEB_URL}/customer/purchases\\?checkout=success`));
    await customer.page.getByText("Betalningen är bekräftad. Tack!").waitFor({ timeout: 30000 });
    assert.deepEqual(customer.errors.filter((e) => !foreignC.includes(e)), []);

    // 6. She sees the sale: price, the platform's 20 %, and her share.
    await lina.page.getByRole("navigation").getByRole("link", { name: "Försäljning" }).click();
    const sale = lina.page.getByRole("table", { name: "Försäljning" }).locator("tr", { hasText: title });
    await sale.waitFor({ timeout: 30000 });
    const text = (await sale.innerText()).replace(/\u00a0/g, " ");
    for (const shown of ["499,00 kr", "99,80 kr", "399,20 kr", "Betald"]) assert.ok(text.includes(shown), `${shown} in ${text}`);
    await screenshot(lina.page, "new-coach-first-sale-sv");
    assert.deepEqual(lina.errors.filter((e) => !foreign.includes(e)), []);
  });
});
