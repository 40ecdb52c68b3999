import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { launch, newPage, screenshot, signIn, WEB_URL } from "./browser";
import { openVerificationLink } from "./email-link";

const STRIPE = process.env["STRIPE_SANDBOX_URL"] ?? "http://127.0.0.1:12111";

/**
 * A newly signed-up customer buys a program through the sandbox's hosted Checkout and comes back to a
 * purchases page that confirms the payment when the webhook has been booked (live listener),
 * then subscribes to premium. The coach then sees the sale with fee and share.
 */
describe("web app: buying a program and subscribing", function () {
  this.timeout(120000);
  let browser: Browser;
  // A customer of this test's own, who signs up here: other suites subscribe the demo customer.
  const email = `buyer-${Date.now()}@kassa.test`;
  const password = "kassa-buyer-1";
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
    // Not verified yet: the page says so, and the server refuses to start a payment.
    await page.getByRole("status", { name: "Confirm your email address" }).waitFor();
    await page.getByRole("button", { name: "Buy Sleep Reset" }).click();
    await page.getByText(/Confirm your email address before you pay/).waitFor();
    assert.equal(page.url(), `${WEB_URL}/customer`, "no Checkout was started");
    await openVerificationLink(email);
    await page.getByRole("button", { name: "I have opened the link" }).click();
    await page.getByRole("status", { name: "Confirm your email address" }).waitFor({ state: "detached" });
    await page.close();
  });
  after(async () => browser?.close());

  it("customer pays on hosted Checkout and sees the purchase confirmed", async () => {
    const { page, errors } = await newPage(browser);
    const foreign: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && m.location().url.startsWith(STRIPE)) foreign.push(m.text());
    });
    await signIn(page, email, password);
    await page.getByRole("button", { name: "Buy Sleep Reset" }).click();
    await page.waitForURL(new RegExp(`^${STRIPE}/checkout/`));
    assert.match((await page.locator("#amount-total").innerText()).replace(/\s/g, " "), /399/);
    await screenshot(page, "purchase-checkout");
    await page.locator("#card-number").fill("4242 4242 4242 4242");
    await page.getByRole("button", { name: "Pay" }).click();
    await page.waitForURL(new RegExp(`^${WEB_URL}/customer/purchases\\?checkout=success`));
    await page.getByText("Payment confirmed. Thank you!").waitFor({ timeout: 30000 });
    const row = page.getByRole("row", { name: /Sleep Reset/ }).first();
    assert.match((await row.innerText()).replace(/\s/g, " "), /SEK 399\.00.*Paid/);
    await screenshot(page, "purchase-confirmed");
    assert.deepEqual(errors.filter((e) => !foreign.includes(e)), []);
  });

  it("the receipt's PDF names the seller, the coach, the fee's VAT and the card; owned shows Owned; a revisited return says so", async () => {
    const { page } = await newPage(browser);
    await signIn(page, email, password);
    await page.waitForURL(`${WEB_URL}/customer`);
    await page.goto(`${WEB_URL}/customer/purchases`);
    const row = page.getByRole("row", { name: /Sleep Reset/ }).first();
    await row.getByRole("button", { name: /Receipt/ }).click();
    const receipt = page.getByRole("region", { name: "Receipt for Sleep Reset" });
    await receipt.getByText(/VISA •••• 4242/).waitFor({ timeout: 30000 });
    const [download] = await Promise.all([page.waitForEvent("download"), receipt.getByRole("button", { name: "Download receipt (PDF)" }).click()]);
    const file = await download.path();
    const { PDFParse } = await import("pdf-parse");
    const { readFile } = await import("node:fs/promises");
    const parser = new PDFParse({ data: new Uint8Array(await readFile(file)) });
    const text = (await parser.getText()).text;
    await parser.destroy();
    for (const expected of ["Receipt K-", "Seller", "Kassa", "Sleep Reset", "SEK 399.00", "Of which VAT 25 %", "Visa **** 4242"]) assert.ok(text.includes(expected), `PDF has ${expected}:\n${text}`);
    // A return with no session to tie it to does not say "confirming" forever.
    await page.goto(`${WEB_URL}/customer/purchases?checkout=success`);
    await page.getByText("We cannot tell which payment you came back from.").waitFor({ timeout: 30000 });
    await page.goto(`${WEB_URL}/customer`);
    await page.getByLabel("You own Sleep Reset").waitFor({ timeout: 30000 });
    assert.equal(await page.getByRole("button", { name: "Buy Sleep Reset" }).count(), 0);
  });

  it("customer subscribes to premium and sees it active", async () => {
    const { page } = await newPage(browser);
    await signIn(page, email, password);
    await page.getByRole("button", { name: "Subscribe" }).click();
    await page.waitForURL(new RegExp(`^${STRIPE}/checkout/`));
    await page.getByRole("button", { name: "Pay" }).click();
    await page.waitForURL(new RegExp(`^${WEB_URL}/customer/purchases`));
    await page.getByRole("row", { name: /Premium \(monthly\).*99\.00/ }).waitFor({ timeout: 30000 });
    await page.goto(`${WEB_URL}/customer`);
    await page.getByText(/You have premium\. It renews on/).waitFor({ timeout: 30000 });
    await screenshot(page, "customer-premium");
  });

  it("the coach sees the sale with the platform fee and their share", async () => {
    const { page, errors } = await newPage(browser);
    await signIn(page, "coach2@kassa.test");
    await page.waitForURL(`${WEB_URL}/coach`);
    await page.goto(`${WEB_URL}/coach/sales`);
    const row = page.getByRole("row", { name: /Sleep Reset/ }).first();
    await row.waitFor();
    const text = (await row.innerText()).replace(/\s/g, " ");
    assert.match(text, /SEK\s399\.00/);
    assert.match(text, /SEK\s79\.80/, "20 % platform fee");
    assert.match(text, /SEK\s319\.20/, "coach share");
    await screenshot(page, "coach-sales");
    assert.deepEqual(errors, []);
  });
});
