import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { launch, newPage, screenshot, signIn, WEB_URL } from "./browser";
import { openVerificationLink } from "./email-link";

const STRIPE = process.env["STRIPE_SANDBOX_URL"] ?? "http://127.0.0.1:12111";

/**
 * The in-app card form (Stripe Elements, here the Stripe sandbox's stand-in for Stripe.js):
 * a customer pays a program without leaving Kassa. A paid card shows as confirmed only once
 * the webhook has been booked; a declined card says so in words and buys nothing; a 3-D Secure
 * card passes the issuer's challenge in a modal and is paid. Swedish (the default) and English.
 */
describe("web app: paying a program with the card form", function () {
  this.timeout(120000);
  let browser: Browser;
  const email = `card-buyer-${Date.now()}@kassa.test`;
  const password = "kassa-card-1";

  before(async () => {
    browser = await launch();
    const { page } = await newPage(browser);
    await page.goto(`${WEB_URL}/signin`);
    await page.getByRole("button", { name: "New here? Create a customer account" }).click();
    await page.getByLabel("Your name").fill("Elin Köpare");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`${WEB_URL}/customer`, { timeout: 30000 });
    await openVerificationLink(email);
    await page.getByRole("button", { name: "I have opened the link" }).click();
    await page.getByRole("status", { name: "Confirm your email address" }).waitFor({ state: "detached" });
    await page.close();
  });
  after(async () => browser?.close());

  /** The app in Swedish, as a Swedish customer has it by default. */
  async function swedishPage(): Promise<{ page: Page; errors: string[] }> {
    const opened = await newPage(browser, undefined, "sv");
    await opened.page.goto(`${WEB_URL}/signin`);
    await opened.page.getByLabel("E-post").fill(email);
    await opened.page.getByLabel("Lösenord").fill(password);
    await opened.page.getByRole("button", { name: "Logga in" }).click();
    await opened.page.waitForURL(`${WEB_URL}/customer`);
    return opened;
  }

  /** Console errors that are not the browser reporting Stripe's 402 for a declined card. */
  const ownErrors = (errors: string[]) => errors.filter((e) => !/status of 402/.test(e));

  async function fillCard(page: Page, labels: { number: string; expiry: string; cvc: string }, number: string): Promise<void> {
    await page.getByLabel(labels.number).fill(number);
    await page.getByLabel(labels.expiry).fill("12 / 34");
    await page.getByLabel(labels.cvc).fill("123");
  }

  const SV = { number: "Kortnummer", expiry: "Utgångsdatum", cvc: "CVC" };
  const EN = { number: "Card number", expiry: "Expiration date", cvc: "CVC" };

  it("pays with 4242 4242 4242 4242 and shows the purchase confirmed once the webhook is booked", async () => {
    const { page, errors } = await swedishPage();
    // Both ways to pay are offered, each named for what it does.
    await page.getByRole("button", { name: "Köp Mindful Mornings: betala via Stripe Checkout" }).waitFor();
    await page.getByRole("button", { name: "Betala med kort här: Mindful Mornings" }).click();
    const form = page.getByRole("region", { name: "Betala Mindful Mornings" });
    await form.getByLabel(SV.number).waitFor();
    assert.match((await form.innerText()).replace(/\s/g, " "), /Att betala: 499,00 kr/);
    await fillCard(page, SV, "4242 4242 4242 4242");
    await screenshot(page, "card-form-filled");
    await form.getByRole("button", { name: /^Betala 499,00\skr/ }).click();
    await form.getByText("Betalningen är bekräftad. Tack!").waitFor({ timeout: 30000 });
    await screenshot(page, "card-form-confirmed");
    await form.getByRole("link", { name: "Se dina köp" }).click();
    const row = page.getByRole("row", { name: /Mindful Mornings/ }).first();
    assert.match((await row.innerText()).replace(/\s/g, " "), /499,00 kr.*Betald/);
    assert.deepEqual(ownErrors(errors), []);
  });

  it("premium paid by card in the app: confirmed only once its first invoice's payment is booked; the paid program shows Ägd", async () => {
    const { page, errors } = await swedishPage();
    await page.getByLabel("Du äger Mindful Mornings").waitFor({ timeout: 30000 });
    await page.getByRole("button", { name: "Betala med kort här", exact: true }).click();
    const form = page.getByRole("region", { name: "Betala Premium" });
    await form.getByLabel(SV.number).waitFor();
    assert.match((await form.innerText()).replace(/\s/g, " "), /Att betala: 99,00 kr/);
    await fillCard(page, SV, "4242 4242 4242 4242");
    await form.getByRole("button", { name: /^Betala 99,00\skr/ }).click();
    await form.getByText("Betalningen är bekräftad. Tack!").waitFor({ timeout: 30000 });
    await page.getByText(/Du har premium\. Den förnyas den/).waitFor({ timeout: 30000 });
    assert.deepEqual(ownErrors(errors), []);
  });

  it("a declined card (4000 0000 0000 0002) gets a clear Swedish message and buys nothing", async () => {
    const { page, errors } = await swedishPage();
    await page.getByRole("button", { name: "Betala med kort här: Calm Under Pressure" }).click();
    const form = page.getByRole("region", { name: "Betala Calm Under Pressure" });
    await form.getByLabel(SV.number).waitFor();
    await fillCard(page, SV, "4000 0000 0000 0002");
    await form.getByRole("button", { name: /^Betala \d/ }).click();
    const alert = form.getByRole("alert");
    await alert.waitFor();
    assert.equal(await alert.innerText(), "Kortet nekades. Försök med ett annat kort.");
    await screenshot(page, "card-form-declined");
    // The form stays, ready for another card; no confirmation appears.
    assert.equal(await form.getByRole("button", { name: /^Betala \d/ }).isEnabled(), true);
    assert.equal(await form.getByText("Betalningen är bekräftad").count(), 0);
    await page.goto(`${WEB_URL}/customer/purchases`);
    await page.getByRole("table").or(page.getByText(/Inga köp|No purchases/)).first().waitFor();
    // The declined attempt may be listed as failed once its webhook is booked, never as paid.
    const paid = page.getByRole("row", { name: /Calm Under Pressure.*Betald/ });
    assert.equal(await paid.count(), 0);
    assert.deepEqual(ownErrors(errors), []);
  });

  it("a failed 3-D Secure challenge says the card could not be verified, and buys nothing", async () => {
    const { page, errors } = await swedishPage();
    // The same program as the declined card: the form continues that attempt's PaymentIntent.
    await page.getByRole("button", { name: "Betala med kort här: Calm Under Pressure" }).click();
    const form = page.getByRole("region", { name: "Betala Calm Under Pressure" });
    await form.getByLabel(SV.number).waitFor();
    await fillCard(page, SV, "4000 0027 6000 3184");
    await form.getByRole("button", { name: /^Betala \d/ }).click();
    await page.frameLocator(`iframe[src^="${STRIPE}/3ds/"]`).getByRole("button", { name: "Fail authentication" }).click();
    const alert = form.getByRole("alert");
    await alert.waitFor();
    assert.equal(await alert.innerText(), "Kortet kunde inte verifieras med 3-D Secure. Försök igen eller använd ett annat kort.");
    assert.equal(await page.getByRole("dialog", { name: "3-D Secure" }).count(), 0, "the challenge closed");
    assert.equal(await form.getByText("Betalningen är bekräftad").count(), 0);
    assert.deepEqual(ownErrors(errors), []);
  });

  it("in English: a 3-D Secure card (4000 0027 6000 3184) passes the challenge and is paid", async () => {
    const { page, errors } = await newPage(browser);
    await signIn(page, email, password);
    await page.waitForURL(`${WEB_URL}/customer`);
    await page.getByRole("button", { name: "Pay by card here: Sleep Reset" }).click();
    const form = page.getByRole("region", { name: "Pay for Sleep Reset" });
    await form.getByLabel(EN.number).waitFor();
    await fillCard(page, EN, "4000 0027 6000 3184");
    await form.getByRole("button", { name: /^Pay SEK\s399\.00/ }).click();
    // The issuer's challenge, in a modal frame served by the Stripe sandbox.
    const challenge = page.getByRole("dialog", { name: "3-D Secure" });
    await challenge.waitFor();
    const frame = page.frameLocator(`iframe[src^="${STRIPE}/3ds/"]`);
    await frame.getByRole("button", { name: "Complete authentication" }).waitFor();
    await screenshot(page, "card-form-3ds");
    await frame.getByRole("button", { name: "Complete authentication" }).click();
    await challenge.waitFor({ state: "detached" });
    await form.getByText("Payment confirmed. Thank you!").waitFor({ timeout: 30000 });
    await page.goto(`${WEB_URL}/customer/purchases`);
    const row = page.getByRole("row", { name: /Sleep Reset/ }).first();
    await row.waitFor();
    assert.match((await row.innerText()).replace(/\s/g, " "), /SEK 399\.00.*Paid/);
    assert.deepEqual(ownErrors(errors), []);
  });
});
