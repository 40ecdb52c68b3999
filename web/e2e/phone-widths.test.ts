import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { launch, newPage, screenshot, signInSwedish, WEB_URL } from "./browser";

/**
 * Every page of every role on a 375 px phone, in Swedish (long compounds) and after the other
 * suites have filled the stack with data (long ids, wide tables): nothing is wider than the
 * screen. Tables and long words scroll or wrap inside their own box instead.
 */
const PAGES: [string, string[]][] = [
  ["customer@kassa.test", ["/customer", "/customer/purchases"]],
  ["coach@kassa.test", ["/coach", "/coach/sales", "/coach/programs", "/coach/notifications"]],
  ["admin@kassa.test", ["/admin", "/admin/payments", "/admin/payouts", "/admin/payouts/all", "/admin/coaches", "/admin/settings", "/admin/reports", "/admin/analytics", "/admin/alerts", "/admin/approvals", "/admin/events"]],
  ["accountant@kassa.test", ["/accountant", "/accountant/exports"]],
];

describe("web app on a phone: no page wider than the screen", function () {
  this.timeout(240000);
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => browser?.close());

  for (const [email, paths] of PAGES) {
    it(`${email}: ${paths.join(", ")}`, async () => {
      const { page, errors } = await newPage(browser, { width: 375, height: 800 }, null);
      await signInSwedish(page, email);
      await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
      const wide: string[] = [];
      for (const path of paths) {
        await page.goto(`${WEB_URL}${path}`);
        await page.locator("main h1").first().waitFor();
        // Let the page's data arrive (lists, the day's vouchers, reports) before measuring; live
        // Firestore listeners keep the network busy, so "network idle" would never come.
        await new Promise((r) => setTimeout(r, 2500));
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 375) {
          wide.push(`${path} is ${width} px`);
          await screenshot(page, `phone-too-wide${path.replace(/\//g, "-")}`);
        }
      }
      assert.deepEqual(wide, [], "pages wider than a 375 px phone");
      assert.deepEqual(errors, []);
    });
  }
});
