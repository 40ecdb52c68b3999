import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { launch, newPage, screenshot, signIn, until, WEB_URL } from "./browser";

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

    // A staff role waits for a second admin (dual control); the one who asked cannot approve it.
    await select.selectOption("accountant");
    await row.getByRole("button", { name: "Save" }).click();
    await row.getByRole("status").filter({ hasText: "Waiting for a second admin" }).waitFor();
    await page.goto(`${WEB_URL}/admin/approvals`);
    const request = page.getByRole("row", { name: /Make coach2@kassa\.test Accountant/ });
    await request.waitFor();
    assert.equal(await request.getByRole("button", { name: "Approve" }).isDisabled(), true, "not by the admin who asked");
    await screenshot(page, "admin-approvals");

    const second = await newPage(browser);
    await signIn(second.page, "admin2@kassa.test");
    // signIn only submits the form: navigating before it finished would abort the sign-in.
    await second.page.getByText("admin2@kassa.test").waitFor();
    await second.page.goto(`${WEB_URL}/admin/approvals`);
    await second.page.getByRole("row", { name: /Make coach2@kassa\.test Accountant/ }).getByRole("button", { name: "Approve" }).click();
    // Approving asks first, saying what happens.
    const confirm = second.page.getByRole("dialog", { name: "Approve this request?" });
    await confirm.getByText(/becomes Accountant at once/).waitFor();
    await confirm.getByRole("button", { name: "Approve" }).click();
    await second.page.getByText("Nothing is waiting for approval.").waitFor();
    assert.deepEqual(second.errors, []);

    await page.goto(`${WEB_URL}/admin`);
    await select.waitFor();
    await until("the role is accountant", async () => ((await select.inputValue()) === "accountant" ? true : undefined), 15000);
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
