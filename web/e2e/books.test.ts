import assert from "node:assert/strict";
import fs from "node:fs";
import { PDFParse } from "pdf-parse";
import type { Browser, Page } from "playwright-core";
import { parseSie4 } from "../../functions/src/domain/sie/sie4-parser";
import { launch, newPage, screenshot, signIn, WEB_URL } from "./browser";
import { deleteDoc, FIRESTORE, stockholmDay, writeDoc, writeLedgerEntry } from "./firestore-rest";

const SANDBOX = process.env["FORTNOX_SANDBOX_URL"] ?? "http://127.0.0.1:12112";
const AUTH = `http://${process.env["FIREBASE_AUTH_EMULATOR_HOST"] ?? "127.0.0.1:9099"}`;

async function uidOf(email: string): Promise<string> {
  const res = await fetch(`${AUTH}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: "kassa-demo", returnSecureToken: true }),
  });
  const body = (await res.json()) as { localId?: string };
  assert.ok(body.localId, `no uid for ${email}`);
  return body.localId;
}

async function exists(path: string): Promise<boolean> {
  return (await fetch(`${FIRESTORE}/${path}`, { headers: { Authorization: "Bearer owner" } })).ok;
}

async function connectFortnox(page: Page): Promise<void> {
  try {
    await page.getByTestId("fortnox-status").waitFor({ timeout: 60000 });
  } catch (e) {
    await screenshot(page, "books-failure-accountant");
    throw new Error(`the accountant's page never showed the Fortnox status: ${(await page.locator("body").innerText()).slice(0, 2000)}`, { cause: e });
  }
  const connect = page.getByRole("button", { name: /^(Connect Fortnox|Reconnect Fortnox)$/ });
  if (!(await connect.isVisible())) return;
  await connect.click();
  await page.waitForURL(/oauth-v1\/auth/);
  await page.locator("#allow").click();
  await page.waitForURL(`${WEB_URL}/accountant?fortnox=connected`);
  await page.getByText("Connected").first().waitFor();
}

describe("web app: the books (reconciliation, SIE export, payout statements)", function () {
  this.timeout(180000);
  let browser: Browser;
  // A day of this suite's own, before the stack started: every other suite's money is dated at
  // the stack's clock, which starts at real time and only moves forward.
  const { day, at } = stockholmDay(-47);

  before(async () => {
    browser = await launch();
    await writeLedgerEntry({
      id: "pi_e2e_books:capture", kind: "program_sale", currency: "sek", flow: "sales", occurredAt: at, day,
      postings: [{ account: "platform:stripe_balance", amount: 49900 }, { account: "coach:coach-books:held", amount: -39920 }, { account: "platform:fees", amount: -9980 }],
      refs: { paymentId: "pi_e2e_books", coachId: "coach-books" },
    });
  });
  after(async () => {
    await browser?.close();
  });

  it("the accountant books a day, reconciles it (✓ where ledger and Fortnox agree, a difference where Stripe never saw the sale) and downloads the SIE file", async () => {
    const { page, errors } = await newPage(browser, { width: 1300, height: 1400 });
    const sandboxNoise: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && m.location().url.startsWith(SANDBOX)) sandboxNoise.push(m.text());
    });
    await signIn(page, "accountant@kassa.test");
    await page.waitForURL(`${WEB_URL}/accountant`);
    await connectFortnox(page);

    const syncPanel = page.getByRole("region", { name: "Sync a day" });
    await syncPanel.locator('input[type="date"]').fill(day);
    await syncPanel.getByRole("button", { name: "Sync now" }).click();
    await page.getByText(new RegExp(`Synced ${day}`)).waitFor({ timeout: 60000 });

    await page.getByLabel("Reconcile day").fill(day);
    await page.getByRole("button", { name: "Reconcile now" }).click();
    await page.getByText(new RegExp(`Reconciled ${day}`)).waitFor({ timeout: 60000 });
    const table = page.getByRole("table", { name: `Accounts ${day} sek` });
    await table.waitFor();
    const rowOf = (account: number) => table.getByRole("row").filter({ has: page.getByRole("cell", { name: String(account), exact: true }) });
    assert.match(await rowOf(3041).innerText(), /-SEK\s79\.84[\s\S]*-SEK\s79\.84[\s\S]*✓/, "commission: ledger and Fortnox agree");
    assert.match(await rowOf(2611).innerText(), /✓/);
    assert.match(await rowOf(1580).innerText(), /difference/, "Stripe has no such charge: a difference, not ✓");
    assert.doesNotMatch(await rowOf(1580).innerText(), /✓/);
    await screenshot(page, "accountant-reconciliation");

    await page.getByLabel("SIE from").fill(day);
    await page.getByLabel("SIE to").fill(day);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download SIE file" }).click()]);
    assert.equal(download.suggestedFilename(), `kassa-${day}-${day}.se`);
    const sie = parseSie4(new Uint8Array(fs.readFileSync((await download.path())!)));
    assert.equal(sie.format, "PC8");
    assert.equal(sie.sieType, "4");
    const sales = sie.vouchers.find((v) => v.text.startsWith(`KASSA ${day} sales`));
    assert.ok(sales, `a #VER for the day's sales in ${JSON.stringify(sie.vouchers.map((v) => v.text))}`);
    assert.deepEqual(
      sales.rows.map((r) => [r.account, r.amountMinor]).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0)),
      [[1580, 49900], [2611, -1996], [2890, -39920], [3041, -7984]],
    );
    assert.ok(sie.accounts.some((a) => a.number === 2890 && a.name.length > 0), "#KONTO with names");
    await page.getByRole("status").filter({ hasText: /Downloaded kassa-/ }).waitFor();
    assert.deepEqual(errors.filter((e) => !sandboxNoise.includes(e)), []);
  });

  it("a coach downloads the numbered statement of a paid payout and the PDF says what it pays for", async () => {
    const coachId = await uidOf("coach@kassa.test");
    const payoutId = `po-e2e-statement-${Date.now()}`;
    await writeDoc("payments/pi_e2e_statement", { id: "pi_e2e_statement", kind: "program", coachId, programId: "lugn", description: "Lugn i stormen", amount: 49900, currency: "sek", feeAmount: 9980, coachAmount: 39920, date: at, status: "succeeded", stripeFee: 0, refundedAmount: 0, userId: null });
    const base = { id: payoutId, coachId, amount: 39920, currency: "sek", date: at, trigger: "admin", attempt: 1, stripeAccountId: "acct_e2e_statement", relatedPaymentIds: ["pi_e2e_statement"], lineItems: [], updatedAt: at };
    await writeDoc(`payouts/${payoutId}`, { ...base, status: "processing" });
    await writeDoc(`payouts/${payoutId}`, { status: "paid", updatedAt: at + 86_400_000 }, ["status", "updatedAt"]);
    for (let i = 0; i < 400 && !(await exists(`statements/${payoutId}`)); i++) await new Promise((r) => setTimeout(r, 300));
    assert.ok(await exists(`statements/${payoutId}`), "the trigger issued the statement when the payout became paid");

    const { page, errors } = await newPage(browser, { width: 1100, height: 1200 });
    await signIn(page, "coach@kassa.test");
    await page.waitForURL(`${WEB_URL}/coach`);
    const statement = page.locator("details").filter({ hasText: "399.20" }).filter({ hasText: /Statement \d{4}-\d{4}/ }).last();
    await statement.waitFor({ timeout: 30000 });
    await statement.locator("summary").click();
    const number = /Statement (\d{4}-\d{4,})/.exec(await statement.locator("summary").innerText())?.[1];
    assert.ok(number);
    assert.match(await statement.innerText(), /Lugn i stormen[\s\S]*499\.00[\s\S]*79\.84[\s\S]*19\.96[\s\S]*399\.20/);
    const [download] = await Promise.all([page.waitForEvent("download"), statement.getByRole("button", { name: `Download ${number} (PDF)` }).click()]);
    assert.equal(download.suggestedFilename(), `kassa-statement-${number}.pdf`);
    const parser = new PDFParse({ data: new Uint8Array(fs.readFileSync((await download.path())!)) });
    const text = (await parser.getText()).text;
    await parser.destroy();
    for (const expected of [`Payout statement ${number}`, payoutId, "acct_e2e_statement", "Lugn i stormen", "499.00", "79.84", "19.96", "399.20"]) {
      assert.ok(text.includes(expected), `the PDF says ${expected}:\n${text}`);
    }
    await screenshot(page, "coach-payout-statement");
    assert.deepEqual(errors, []);
    await deleteDoc(`payouts/${payoutId}`);
  });
});
