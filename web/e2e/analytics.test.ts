import assert from "node:assert/strict";
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { launch, newPage, screenshot, signIn, until, WEB_URL } from "./browser";
import { appCheckHeader } from "./app-check";
import { stockholmDay, writeDoc } from "./firestore-rest";

const AUTH = process.env["FIREBASE_AUTH_EMULATOR_HOST"] ?? "127.0.0.1:9099";
const FUNCTIONS = process.env["FUNCTIONS_EMULATOR_URL"] ?? "http://127.0.0.1:5001/demo-kassa/europe-west1";

/**
 * Entries written straight into the ledger bypass the booking transaction that keeps the
 * rollups (which the analytics page reads): an admin rebuilds those days from the ledger, as a
 * deployment does for data older than the rollups (README, At scale).
 */
async function rebuildRollups(from: string, to: string): Promise<void> {
  const signIn = await fetch(`http://${AUTH}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-api-key`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: "admin@kassa.test", password: "kassa-demo", returnSecureToken: true }) });
  const { idToken } = (await signIn.json()) as { idToken: string };
  const res = await fetch(`${FUNCTIONS}/rebuildRollups`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${idToken}`, ...appCheckHeader() }, body: JSON.stringify({ data: { from, to, repair: true } }) });
  assert.equal(res.status, 200, await res.text());
}

/** Ledger entries for the report: one coach sale 3 days ago, a subscription yesterday, in EUR so demo SEK data cannot blur the figures. */
async function seedLedger(): Promise<void> {
  const three = stockholmDay(-3);
  const one = stockholmDay(-1);
  await writeDoc("ledger/pi_e2e_an1:capture", {
    id: "pi_e2e_an1:capture", kind: "program_sale", currency: "eur", flow: "sales", occurredAt: three.at, day: three.day,
    postings: [{ account: "platform:stripe_balance", amount: 123456 }, { account: "coach:e2e-coach-an:held", amount: -98765 }, { account: "platform:fees", amount: -24691 }],
    refs: { paymentId: "pi_e2e_an1", coachId: "e2e-coach-an" },
  });
  await writeDoc("ledger/in_e2e_an1:capture", {
    id: "in_e2e_an1:capture", kind: "subscription_payment", currency: "eur", flow: "subscriptions", occurredAt: one.at, day: one.day,
    postings: [{ account: "platform:stripe_balance", amount: 990 }, { account: "platform:subscriptions", amount: -990 }],
    refs: { paymentId: "in_e2e_an1" },
  });
  await writeDoc("users/e2e-coach-an", { uid: "e2e-coach-an", email: "analytics-coach@kassa.test", role: "coach" });
  await rebuildRollups(three.day, one.day);
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const { scroll, client, culprits } = await page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > client + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)}px)`);
    return { scroll: document.documentElement.scrollWidth, client, culprits };
  });
  assert.ok(scroll <= client, `horizontal scroll at ${client}px on ${page.url()}: content is ${scroll}px wide; widest: ${culprits.join(", ")}`);
}

describe("web app: admin analytics and exports", function () {
  this.timeout(120000);
  let browser: Browser;
  before(async () => {
    browser = await launch();
    await seedLedger();
  });
  after(async () => browser?.close());

  it("shows the period's figures per currency as tables and charts, with top coaches", async () => {
    const { page, errors } = await newPage(browser, { width: 1200, height: 1000 });
    await signIn(page, "admin@kassa.test");
    await page.waitForURL(`${WEB_URL}/admin`);
    await page.getByRole("link", { name: "Analytics" }).click();
    await page.getByRole("heading", { name: "Analytics" }).waitFor();
    await page.getByRole("button", { name: "7 days" }).click();
    const eur = page.getByRole("region", { name: "EUR" });
    await eur.waitFor({ timeout: 30000 });
    const text = await eur.innerText();
    // Other suites on the same stack book EUR too (the accounting sync's refused EUR voucher, the
    // EUR sales of the Stripe suite), so the totals hold at least this suite's seeded ones.
    assert.match(text, /Gross volume\s+€1,[0-9]{3}\.[0-9]{2}\s+[2-9] payments/);
    assert.match(text, /Platform fees \(net of reversals\)\s+€[0-9,]+\.[0-9]{2}/);
    assert.match(text, /Subscriptions \(net of refunds\)\s+€9\.90/);
    assert.match(text, /analytics-coach@kassa\.test\s+1\s+€1,234\.56/);
    assert.equal(await eur.locator("svg[role=img]").count(), 4);
    assert.equal(await eur.locator("svg[role=img]").first().locator("rect.bar").count(), 7, "one bar per day of the 7");
    await screenshot(page, "admin-analytics");

    await page.getByRole("button", { name: "365 days" }).click();
    // The period is in the URL, and the 7-day figures stay on screen until the year's arrive.
    await page.waitForURL(/[?&]days=365/);
    const yearBars = page.getByRole("region", { name: "EUR" }).locator("svg[role=img]").first().locator("rect.bar");
    const bars = await until("the year in monthly bars", async () => {
      const n = await yearBars.count();
      return n >= 12 ? n : undefined;
    });
    assert.ok(bars >= 12 && bars <= 13, `365 days in monthly bars, got ${bars}`);
    // A reload keeps the period.
    await page.reload();
    await page.getByRole("button", { name: "365 days", pressed: true }).waitFor();
    assert.deepEqual(errors, []);
  });

  it("exports a period's ledger as CSV with exact decimal amounts, and builds the monthly report", async () => {
    const { page, errors } = await newPage(browser, { width: 1200, height: 1000 });
    await signIn(page, "admin@kassa.test");
    await page.waitForURL(`${WEB_URL}/admin`);
    await page.goto(`${WEB_URL}/admin/reports`);
    await page.getByLabel("What").selectOption("ledger");
    await page.getByLabel("From", { exact: true }).fill(stockholmDay(-3).day);
    await page.getByLabel("To", { exact: true }).fill(stockholmDay(-3).day);
    await page.getByRole("button", { name: "Export CSV" }).click();
    const link = page.getByRole("link", { name: /Download kassa-ledger-/ });
    await link.waitFor({ timeout: 60000 });
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    assert.match(csv, /^\ufeffentry_id,occurred_utc,day,kind,flow,account,currency,debit,credit,payment_id,payout_id,coach_uid,coach_name\r\n/);
    assert.match(csv, /pi_e2e_an1:capture,[^,]+,[^,]+,program_sale,sales,platform:stripe_balance,EUR,1234\.56,,pi_e2e_an1,,e2e-coach-an,\r\n/);
    assert.match(csv, /coach:e2e-coach-an:held,EUR,,987\.65,/);

    await page.getByLabel("Month", { exact: true }).fill(stockholmDay(-3).day.slice(0, 7));
    await page.getByRole("button", { name: "Show report" }).click();
    await page.getByText(/Active connected accounts: \d+/).waitFor({ timeout: 30000 });
    assert.match(await page.getByRole("region", { name: "Monthly platform report" }).innerText(), /EUR/);
    await page.getByRole("button", { name: /Download kassa-monthly-report-/ }).waitFor();
    assert.deepEqual(errors, []);
  });

  it("fits a phone: analytics, reports and settings without horizontal scroll", async () => {
    const { page, errors } = await newPage(browser, { width: 375, height: 800 });
    await signIn(page, "admin@kassa.test");
    await page.waitForURL(`${WEB_URL}/admin`);
    for (const [path, heading] of [["/admin/analytics", "EUR"], ["/admin/reports", "Monthly platform report"], ["/admin/settings", "Changes"]] as const) {
      await page.goto(`${WEB_URL}${path}`);
      await page.getByRole("heading", { name: heading }).waitFor({ timeout: 30000 });
      await noHorizontalScroll(page);
    }
    await page.goto(`${WEB_URL}/admin/analytics`);
    await page.getByRole("region", { name: "EUR" }).waitFor({ timeout: 30000 });
    await screenshot(page, "admin-analytics-phone");
    assert.deepEqual(errors, []);
  });

  it("lets the accountant download a day's bookings", async () => {
    const { page, errors } = await newPage(browser, { width: 1000, height: 800 });
    await signIn(page, "accountant@kassa.test");
    await page.waitForURL(`${WEB_URL}/accountant`);
    await page.getByRole("link", { name: "Exports" }).click();
    await page.getByRole("heading", { name: "Exports" }).waitFor();
    await page.getByLabel("Day", { exact: true }).fill(stockholmDay(-3).day);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    assert.match(csv, /^\ufeffday,section,voucher_marker,flow,currency,state,fortnox_voucher,transaction_date,bas_account,debit,credit,text,entries,reason\r\n/);
    assert.match(csv, /,sales,EUR,[^,]*,[^,]*,[^,]*,1580,1234\.56,,/);
    assert.deepEqual(errors, []);
  });
});
