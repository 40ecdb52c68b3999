import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { launch, newPage, screenshot, signIn, WEB_URL } from "./browser";

describe("web app: each demo role signs in and sees its home", function () {
  this.timeout(60000);
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => browser?.close());

  const homes = [
    { email: "customer@kassa.test", path: "/customer", heading: /Welcome/, shows: "Mindful Mornings" },
    { email: "coach@kassa.test", path: "/coach", heading: /Your coaching/, shows: "Calm Under Pressure" },
    { email: "admin@kassa.test", path: "/admin", heading: /Users and roles/, shows: "accountant@kassa.test" },
    { email: "accountant@kassa.test", path: "/accountant", heading: /Bookkeeping/, shows: "Fortnox" },
  ];

  for (const h of homes) {
    it(`${h.email} lands on ${h.path}`, async () => {
      const { page, errors } = await newPage(browser);
      await signIn(page, h.email);
      await page.waitForURL(`${WEB_URL}${h.path}`);
      await page.getByRole("heading", { level: 1, name: h.heading }).waitFor();
      await page.getByText(h.shows).first().waitFor();
      await screenshot(page, `home-${h.path.slice(1)}`);
      assert.deepEqual(errors, []);
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(`${WEB_URL}/signin`);
    });
  }

  it("shows programs with prices formatted from öre", async () => {
    const { page } = await newPage(browser);
    await signIn(page, "customer@kassa.test");
    await page.getByText("Mindful Mornings").waitFor();
    const card = page.locator("li.program", { hasText: "Mindful Mornings" });
    assert.equal((await card.locator(".price").textContent())?.replace(/\s/g, " "), "SEK 499.00");
  });

  it("refuses a wrong password with a clear message", async () => {
    const { page } = await newPage(browser);
    await signIn(page, "customer@kassa.test", "wrong-password");
    await page.getByRole("alert").filter({ hasText: "Wrong email or password." }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/signin");
  });

  it("keeps a customer out of the admin page", async () => {
    const { page } = await newPage(browser);
    await signIn(page, "customer@kassa.test");
    await page.waitForURL(`${WEB_URL}/customer`);
    await page.goto(`${WEB_URL}/admin`);
    await page.getByRole("heading", { name: "Not for your role" }).waitFor();
    assert.equal(await page.getByRole("table").count(), 0);
  });

  it("works on a phone-sized screen", async () => {
    const { page, errors } = await newPage(browser, { width: 390, height: 844 });
    await signIn(page, "admin@kassa.test");
    await page.getByRole("cell", { name: "coach2@kassa.test", exact: true }).waitFor();
    await screenshot(page, "admin-users-phone");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false, "page scrolls sideways on a phone");
    assert.deepEqual(errors, []);
  });
});
