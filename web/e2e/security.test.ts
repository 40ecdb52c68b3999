/**
 * The Security page (Tvåstegsverifiering) on the local stack. The Auth emulator cannot enroll
 * TOTP (firebase-tools #6224), so what a browser can check here is that staff reach the page,
 * that it says so instead of offering a setup that would fail, that the password-only staff
 * session is not nagged (the demo emulator waives the server's check), and that a customer is
 * told it is not for them. Enrollment and the code step are tested in
 * web/src/security/totp-flow.test.ts against an in-memory Identity Platform.
 */
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { launch, newPage, WEB_URL } from "./browser";

async function signInSwedish(page: Page, email: string): Promise<void> {
  await page.goto(`${WEB_URL}/signin`);
  await page.getByRole("heading", { level: 1, name: "Logga in" }).waitFor();
  await page.getByLabel("E-post").fill(email);
  await page.getByLabel("Lösenord").fill("kassa-demo");
  await page.getByRole("button", { name: "Logga in" }).click();
}

describe("web app: staff two-step verification page in the emulator", function () {
  this.timeout(120000);
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => browser?.close());

  for (const { email, home } of [
    { email: "admin@kassa.test", home: /^Användare och roller$/ },
    { email: "accountant@kassa.test", home: /^Bokföring$/ },
  ]) {
    it(`${email} reaches Säkerhet from the menu and is told honestly that TOTP cannot be set up locally`, async () => {
      const { page, errors } = await newPage(browser, undefined, "sv");
      await signInSwedish(page, email);
      await page.getByRole("heading", { level: 1, name: home }).waitFor();
      // The emulator waives the server's check, so no line asks for the impossible.
      assert.equal(await page.getByTestId("mfa-banner").count(), 0);
      await page.getByRole("navigation").getByRole("link", { name: "Säkerhet" }).click();
      await page.getByRole("heading", { level: 1, name: "Tvåstegsverifiering" }).waitFor();
      const note = await page.getByRole("note").innerText();
      assert.match(note, /Firebase Auth-emulatorn stöder inte TOTP/);
      assert.equal(await page.getByRole("button", { name: "Ställ in en autentiseringsapp" }).count(), 0);
      assert.deepEqual(errors, []);
      await page.context().close();
    });
  }

  it("a customer opening /security is told it is for staff, and has no menu entry for it", async () => {
    const { page, errors } = await newPage(browser, undefined, "sv");
    await signInSwedish(page, "customer@kassa.test");
    await page.getByRole("heading", { level: 1, name: /^Välkommen/ }).waitFor();
    assert.equal(await page.getByRole("navigation").getByRole("link", { name: "Säkerhet" }).count(), 0);
    await page.goto(`${WEB_URL}/security`);
    await page.getByText("Tvåstegsverifiering krävs av administratörer och redovisning").waitFor();
    assert.equal(await page.getByRole("button", { name: "Ställ in en autentiseringsapp" }).count(), 0);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
