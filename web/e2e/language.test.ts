/**
 * Swedish first, English second (issue 15): every role's main page in Swedish by default, then
 * in English after choosing it in the top bar; the choice survives a reload; amounts and dates
 * are written each language's way; no console errors either way.
 */
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { launch, newPage, screenshot, WEB_URL, signInSwedish } from "./browser";

const SV = { email: "E-post", password: "Lösenord", signIn: "Logga in", signOut: "Logga ut" };

const roles = [
  { email: "customer@kassa.test", path: "/customer", sv: { h1: /^Välkommen/, nav: ["Program", "Köp"] }, en: { h1: /^Welcome/, nav: ["Programs", "Purchases"] } },
  { email: "coach@kassa.test", path: "/coach", sv: { h1: /^Din coachning$/, nav: ["Översikt", "Försäljning", "Aviseringar"] }, en: { h1: /^Your coaching$/, nav: ["Overview", "Sales", "Notifications"] } },
  { email: "admin@kassa.test", path: "/admin", sv: { h1: /^Användare och roller$/, nav: ["Användare", "Betalningar", "Utbetalningar"] }, en: { h1: /^Users and roles$/, nav: ["Users", "Payments", "Payouts"] } },
  { email: "accountant@kassa.test", path: "/accountant", sv: { h1: /^Bokföring$/, nav: ["Bokföring", "Exporter"] }, en: { h1: /^Bookkeeping$/, nav: ["Bookkeeping", "Exports"] } },
];

async function seesPage(page: Page, want: { h1: RegExp; nav: string[] }): Promise<void> {
  await page.getByRole("heading", { level: 1, name: want.h1 }).waitFor();
  // A link's name may end in its unread count ("Aviseringar 2 olästa").
  for (const label of want.nav) await page.getByRole("navigation").getByRole("link", { name: new RegExp(`^${label}( \\d+ (olästa|unread))?$`) }).waitFor();
}

describe("the web app in Swedish (default) and English", function () {
  this.timeout(120000);
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => browser?.close());

  for (const r of roles) {
    it(`${r.email}: Swedish by default, English when chosen, remembered after reload`, async () => {
      const { page, errors } = await newPage(browser, { width: 1200, height: 900 }, null);
      await signInSwedish(page, r.email);
      await page.waitForURL(`${WEB_URL}${r.path}`);
      await seesPage(page, r.sv);
      await page.getByRole("button", { name: SV.signOut }).waitFor();
      await screenshot(page, `language-sv-${r.path.slice(1)}`);
      // On a phone the same page, and nothing wider than the screen (tables scroll inside
      // their own box, the page itself never sideways).
      // Loaded at that size, as a phone would.
      await page.setViewportSize({ width: 375, height: 800 });
      await page.reload();
      await seesPage(page, r.sv);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 375, `${r.path} is ${wide} px wide on a 375 px phone`);
      await screenshot(page, `language-sv-${r.path.slice(1)}-phone`);
      await page.setViewportSize({ width: 1200, height: 900 });
      await page.reload();
      await seesPage(page, r.sv);

      await page.getByLabel("Språk").selectOption("en");
      await seesPage(page, r.en);
      assert.equal(await page.locator("html").getAttribute("lang"), "en");
      await page.getByRole("button", { name: "Sign out" }).waitFor();

      await page.reload();
      await seesPage(page, r.en);
      assert.equal(await page.locator("html").getAttribute("lang"), "en");
      assert.equal(await page.getByLabel("Language").inputValue(), "en");
      await screenshot(page, `language-en-${r.path.slice(1)}`);

      await page.getByLabel("Language").selectOption("sv");
      await seesPage(page, r.sv);
      assert.deepEqual(errors, []);
    });
  }

  it("writes a customer's prices the Swedish way, then the English way", async () => {
    const { page, errors } = await newPage(browser, undefined, null);
    await signInSwedish(page, "customer@kassa.test");
    const price = page.locator("li.program", { hasText: "Mindful Mornings" }).locator(".price");
    await price.waitFor();
    assert.equal((await price.textContent())?.replace(/\s/g, " "), "499,00 kr");
    await page.getByText("Priserna är inklusive moms.", { exact: false }).waitFor();
    await page.getByLabel("Språk").selectOption("en");
    await page.getByText("Prices include VAT.", { exact: false }).waitFor();
    assert.equal((await price.textContent())?.replace(/\s/g, " "), "SEK 499.00");
    assert.deepEqual(errors, []);
  });

  it("counts a coach's sales with Swedish plurals", async () => {
    const { page, errors } = await newPage(browser, undefined, null);
    await signInSwedish(page, "coach@kassa.test");
    await page.waitForURL(`${WEB_URL}/coach`);
    await page.getByRole("navigation").getByRole("link", { name: "Försäljning" }).click();
    await page.getByRole("heading", { level: 1, name: "Din försäljning" }).waitFor();
    // Earlier suites leave sales on the demo coach; alone on a fresh stack there are none.
    const said = page.getByText(/^(\d+ köp, (det|de) senaste först\.|Ingen försäljning än\.)$/);
    await said.waitFor();
    const text = await said.innerText();
    const n = /^(\d+)/.exec(text)?.[1];
    if (n) {
      assert.equal(text, Number(n) === 1 ? "1 köp, det senaste först." : `${n} köp, de senaste först.`);
      assert.equal(await page.getByRole("table", { name: "Försäljning" }).locator("tbody tr").count(), Number(n));
      await page.getByRole("columnheader", { name: "Plattformsavgift" }).waitFor();
    }
    assert.deepEqual(errors, []);
  });

  it("writes the admin's dates the Swedish way, then the English way", async () => {
    const { page, errors } = await newPage(browser, undefined, null);
    await signInSwedish(page, "admin@kassa.test");
    await page.waitForURL(`${WEB_URL}/admin`);
    const stamp = page.getByTestId("stack-time");
    // The stack's clock bar shows in the local stack only (it is what the browser tests run on).
    await stamp.filter({ hasText: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/ }).waitFor();
    await page.getByLabel("Språk").selectOption("en");
    await stamp.filter({ hasText: /^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}/ }).waitFor();
    assert.deepEqual(errors, []);
  });

  it("says in Swedish that a page is for another role, with the role's plural", async () => {
    const { page } = await newPage(browser, undefined, null);
    await signInSwedish(page, "customer@kassa.test");
    await page.waitForURL(`${WEB_URL}/customer`);
    await page.goto(`${WEB_URL}/coach`);
    await page.getByRole("heading", { name: "Inte för din roll" }).waitFor();
    await page.getByText("Den här sidan är för coacher. Du är inloggad som Kund.").waitFor();
  });

  it("refuses a wrong password in Swedish", async () => {
    const { page } = await newPage(browser, undefined, null);
    await page.goto(`${WEB_URL}/signin`);
    await page.getByLabel(SV.email).fill("customer@kassa.test");
    await page.getByLabel(SV.password).fill("wrong-password");
    await page.getByRole("button", { name: SV.signIn }).click();
    await page.getByRole("alert").filter({ hasText: "Fel e-post eller lösenord." }).waitFor();
  });
});
