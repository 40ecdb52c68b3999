import assert from "node:assert/strict";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import type { Browser } from "playwright-core";
import { WEB_URL, launch, newPage, screenshot, signInHere, until, signInSwedish } from "./browser";

function db() {
  const app = getApps()[0] ?? initializeApp({ projectId: process.env["GCLOUD_PROJECT"] ?? "demo-kassa" });
  return getFirestore(app);
}

const at = (iso: string) => Date.parse(iso);

/**
 * The admin's list of every payout: a coach's payouts on three days of February 2025 (a week
 * no other suite writes in), found by picking the coach by name and narrowing the days; the
 * filters are in the address and survive a reload; people and runs by name, not id; a
 * rejected payout says why.
 */
describe("web app: all payouts, filtered and linkable", function () {
  this.timeout(120000);
  const tag = Date.now().toString(36);
  const ids = { paid: `po-e2e-all-paid-${tag}`, rejected: `po-e2e-all-rejected-${tag}`, cancelled: `po-e2e-all-cancelled-${tag}` };
  let browser: Browser;

  before(async () => {
    browser = await launch();
    const base = { coachId: "demo-coach-2", currency: "sek", trigger: "schedule", stripeAccountId: "acct_e2e_all", stripePayoutId: null, sendStartedAt: null, attempt: 1, relatedPaymentIds: [], lineItems: [], failureCode: null, failureReason: null, approvals: [], requiredApprovals: 1, requestedBy: null };
    await db().doc(`payouts/${ids.paid}`).set({ ...base, id: ids.paid, amount: 123450, date: at("2025-02-10T07:00:00Z"), status: "paid", runId: "payout-run-2025-W07", updatedAt: at("2025-02-12T09:00:00Z") });
    await db().doc(`payouts/${ids.rejected}`).set({ ...base, id: ids.rejected, amount: 50000, date: at("2025-02-11T10:00:00Z"), status: "rejected", trigger: "request", runId: null, failureReason: "Fel bankkonto", updatedAt: at("2025-02-11T11:00:00Z") });
    await db().doc(`payouts/${ids.cancelled}`).set({ ...base, id: ids.cancelled, amount: 20000, date: at("2025-02-13T10:00:00Z"), status: "cancelled", trigger: "request", runId: null, updatedAt: at("2025-02-13T11:00:00Z") });
  });
  after(async () => {
    await Promise.all(Object.values(ids).map((id) => db().doc(`payouts/${id}`).delete()));
    await browser?.close();
  });

  it("in Swedish: coach by name and days narrow the list, the filters survive a reload, runs and people by name", async () => {
    const { page, errors } = await newPage(browser, { width: 1280, height: 900 }, null);
    await signInSwedish(page, "admin@kassa.test");
    await page.waitForURL(`${WEB_URL}/admin`);
    await page.getByRole("navigation").getByRole("link", { name: /^Utbetalningar/ }).click();
    await page.getByRole("link", { name: "Alla utbetalningar, med filter" }).click();
    await page.waitForURL(`${WEB_URL}/admin/payouts/all`);
    await page.getByRole("heading", { level: 1, name: "Alla utbetalningar" }).waitFor();

    await page.getByLabel("Coach", { exact: true }).fill("oskar");
    await page.getByRole("list", { name: "Träffar för Coach" }).getByRole("button", { name: /Oskar Lind/ }).click();
    await page.getByLabel("Från").fill("2025-02-10");
    await page.getByLabel("Till").fill("2025-02-12");
    await until("filters in the URL", async () => (/coach=demo-coach-2/.test(page.url()) && /from=2025-02-10/.test(page.url()) && /to=2025-02-12/.test(page.url()) ? true : undefined), 10000).catch((e: unknown) => {
      throw new Error(`${String(e)}; the address is ${page.url()}`);
    });

    const table = page.getByRole("table", { name: "Alla utbetalningar" });
    const paid = table.locator(`tr[data-payout="${ids.paid}"]`);
    const rejected = table.locator(`tr[data-payout="${ids.rejected}"]`);
    await paid.waitFor();
    await rejected.waitFor();
    // The 13th is after the period: not listed; nothing else of Oskar's in those days.
    assert.equal(await table.locator(`tr[data-payout="${ids.cancelled}"]`).count(), 0, "the 13th is outside 10–12 Feb");
    assert.equal(await table.locator("tbody tr").count(), 2);
    const paidText = (await paid.innerText()).replace(/\u00a0/g, " ");
    for (const shown of ["Oskar Lind", "1 234,50 kr", "Utbetald", "Veckoutbetalning v. 7"]) assert.ok(paidText.includes(shown), `${shown} in ${paidText}`);
    const rejectedText = (await rejected.innerText()).replace(/\u00a0/g, " ");
    for (const shown of ["Avslagen", "Fel bankkonto", "500,00 kr"]) assert.ok(rejectedText.includes(shown), `${shown} in ${rejectedText}`);
    assert.ok(!(await table.innerText()).includes("demo-coach-2") && !(await table.innerText()).includes("payout-run-"), "names, not ids");
    await screenshot(page, "admin-all-payouts");

    // Status narrows further, and the whole view is a link that survives a reload.
    await page.getByLabel("Status").selectOption({ label: "Avslagen" });
    await until("only the rejected one", async () => ((await table.locator("tbody tr").count()) === 1 && (await rejected.count()) === 1 ? true : undefined), 10000);
    assert.match(page.url(), /status=rejected/);
    await page.reload();
    await page.getByRole("group", { name: "Coach" }).getByText("Oskar Lind").waitFor();
    await rejected.waitFor();
    assert.equal(await table.locator("tbody tr").count(), 1);
    assert.equal(await page.getByLabel("Status").inputValue(), "rejected");

    // A period that ends before it starts is said in words and queries nothing.
    await page.getByLabel("Från").fill("2025-02-20");
    await page.getByRole("alert").filter({ hasText: "Från-dagen är efter till-dagen." }).waitFor();
    await page.getByRole("button", { name: "Rensa filter" }).click();
    await until("filters cleared", async () => (new URL(page.url()).search === "" ? true : undefined), 10000);
    assert.deepEqual(errors, []);
  });

  it("in English: a filtered list shared as a link opens filtered after sign-in, in English", async () => {
    const { page, errors } = await newPage(browser, { width: 1280, height: 900 });
    const link = `${WEB_URL}/admin/payouts/all?coach=demo-coach-2&from=2025-02-10&to=2025-02-12&status=rejected`;
    await page.goto(link);
    await page.waitForURL(/\/signin\?next=/);
    await signInHere(page, "admin@kassa.test");
    await page.waitForURL(link);
    await page.getByRole("heading", { level: 1, name: "All payouts" }).waitFor();
    await page.getByRole("group", { name: "Coach" }).getByText("Oskar Lind").waitFor();
    const table = page.getByRole("table", { name: "All payouts" });
    const rejected = table.locator(`tr[data-payout="${ids.rejected}"]`);
    await rejected.waitFor();
    assert.equal(await table.locator("tbody tr").count(), 1, "status, coach and days all apply");
    const text = (await rejected.innerText()).replace(/\u00a0/g, " ");
    for (const shown of ["Oskar Lind", "SEK 500.00", "Rejected", "Fel bankkonto"]) assert.ok(text.includes(shown), `${shown} in ${text}`);

    await page.getByLabel("Status").selectOption({ label: "All statuses" });
    await table.locator(`tr[data-payout="${ids.paid}"]`).getByText("Weekly payout, week 7").waitFor();
    await page.getByLabel("From").fill("2025-02-20");
    await page.getByRole("alert").filter({ hasText: "The from day is after the to day." }).waitFor();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await until("filters cleared", async () => (new URL(page.url()).search === "" ? true : undefined), 10000);
    assert.deepEqual(errors, []);
  });
});
