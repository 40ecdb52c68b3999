import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { launch, newPage, screenshot, signIn } from "./browser";

describe("web app: admin changes a role", function () {
  this.timeout(60000);
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => browser?.close());

  it("promotes coach2 to accountant and back through setUserRole", async () => {
    const { page, errors } = await newPage(browser);
    await signIn(page, "admin@kassa.test");
    const select = page.getByLabel("Role of coach2@kassa.test");
    await select.waitFor();
    const row = page.locator("tr", { hasText: "coach2@kassa.test" });

    await select.selectOption("accountant");
    await row.getByRole("button", { name: "Save" }).click();
    await row.getByRole("status").filter({ hasText: "Saved" }).waitFor();
    assert.equal(await select.inputValue(), "accountant");
    await screenshot(page, "admin-role-changed");

    await select.selectOption("coach");
    await row.getByRole("button", { name: "Save" }).click();
    await row.getByRole("status").filter({ hasText: "Saved" }).waitFor();
    assert.deepEqual(errors, []);
  });

  it("shows why an admin cannot demote themselves", async () => {
    const { page } = await newPage(browser);
    await signIn(page, "admin@kassa.test");
    const select = page.getByLabel("Role of admin@kassa.test");
    await select.waitFor();
    await select.selectOption("customer");
    const row = page.locator("tr", { hasText: "admin@kassa.test" });
    await row.getByRole("button", { name: "Save" }).click();
    await row.getByRole("alert").filter({ hasText: "cannot remove your own admin role" }).waitFor();
  });
});
