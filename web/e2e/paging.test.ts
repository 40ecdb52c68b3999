/**
 * Admin lists page with cursors: the first page is live, "Show older" ("Visa äldre") fetches
 * the next page after the last row shown, and disappears after a short (last) page.
 * Arranged with 70 alerts written straight to the emulator, newest first.
 */
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { launch, newPage, signIn, until, WEB_URL } from "./browser";
import { deleteDoc, writeDoc } from "./firestore-rest";

const COUNT = 70;
const ids = Array.from({ length: COUNT }, (_, i) => `paging-test-${String(i).padStart(3, "0")}`);
// Far in the future so they sort above whatever else the stack raised, in a known order.
const createdAt = (i: number) => Date.UTC(2099, 0, 1) - i * 60_000;

describe("web app: admin lists page with cursors", function () {
  this.timeout(120000);
  let browser: Browser;
  before(async () => {
    browser = await launch();
    for (const [i, id] of ids.entries()) {
      await writeDoc(`alerts/${id}`, { id, kind: "dead_event", title: `Paging alert ${i}`, message: "arranged by the paging test", link: "/admin/events", objectPath: `stripeEvents/${id}`, status: "acknowledged", createdAt: createdAt(i), acknowledgedAt: createdAt(i), acknowledgedBy: "paging-test" });
    }
  });
  after(async () => {
    for (const id of ids) await deleteDoc(`alerts/${id}`);
    await browser?.close();
  });

  for (const lang of ["sv", "en"] as const) {
    it(`shows 50, then the next page on "${lang === "sv" ? "Visa äldre" : "Show older"}", in order and without repeats (${lang})`, async () => {
      const { page, errors } = await newPage(browser, { width: 1200, height: 900 }, "en");
      await signIn(page, "admin@kassa.test");
      await page.waitForURL(`${WEB_URL}/admin`);
      if (lang === "sv") await page.getByLabel("Language").selectOption("sv");
      await page.goto(`${WEB_URL}/admin/alerts`);
      const titles = () => page.getByRole("table", { name: lang === "sv" ? "Larm" : "Alerts" }).locator("tbody tr strong").allInnerTexts();
      await until("first page", async () => ((await titles()).length === 50 ? true : undefined), 30000);
      assert.deepEqual((await titles()).slice(0, 3), ["Paging alert 0", "Paging alert 1", "Paging alert 2"]);
      const more = page.getByRole("button", { name: lang === "sv" ? /^Visa äldre/ : /^Show older/ });
      await more.click();
      const all = await until("second page", async () => {
        const t = await titles();
        return t.length > 50 ? t : undefined;
      });
      const mine = all.filter((t) => t.startsWith("Paging alert "));
      assert.deepEqual(mine, ids.map((_, i) => `Paging alert ${i}`), "every arranged alert once, newest first");
      assert.equal(new Set(all).size, all.length, "no row shown twice");
      assert.deepEqual(errors, []);
    });
  }

  it("finds users by the beginning of their email, through the same paged query", async () => {
    const { page, errors } = await newPage(browser, { width: 1200, height: 900 }, "en");
    await signIn(page, "admin@kassa.test");
    await page.waitForURL(`${WEB_URL}/admin`); // the admin's home is the users list
    const emails = () => page.locator("table tbody tr td:nth-child(2)").allInnerTexts();
    await until("users listed", async () => ((await emails()).length > 3 ? true : undefined), 30000);
    await page.getByLabel("Search by email").fill("coach2");
    await until("only coach2", async () => {
      const e = await emails();
      return e.length === 1 && e[0] === "coach2@kassa.test" ? true : undefined;
    });
    await page.getByLabel("Search by email").fill("nobody-has-this");
    await page.getByText("No user's email begins with “nobody-has-this”.").waitFor();
    assert.deepEqual(errors, []);
  });
});
