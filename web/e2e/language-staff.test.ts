/**
 * Swedish first for staff (issue 15): the accountant's bookkeeping page, the admin's alerts,
 * failed events and reports, and the coach's earnings, payouts and statements read Swedish by default, with none of the English they used to show,
 * and English after choosing it in the top bar.
 */
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { launch, newPage, screenshot, WEB_URL, signInSwedish } from "./browser";

/** The page's own words must not include any of these (the English the page used to show). */
async function noEnglish(page: Page, leftovers: string[]): Promise<void> {
  const text = await page.locator("main, body").first().innerText();
  for (const phrase of leftovers) assert.ok(!new RegExp(`\\b${phrase}\\b`).test(text), `English left in Swedish mode: "${phrase}"\n${text.slice(0, 3000)}`);
}

const ACCOUNTANT_ENGLISH = [
  "Fortnox connection",
  "Checking the connection",
  "Not connected",
  "Sync a day",
  "Sync now",
  "Sync log",
  "Vouchers of",
  "Vouchers Fortnox refused",
  "Mark booked by hand",
  "Reconciliation: ledger",
  "Reconcile now",
  "BAS account",
  "End of day",
  "SIE 4 export",
  "Download SIE file",
  "Account mapping",
  "Save mapping",
  "Loading",
];

describe("staff pages in Swedish (default) and English", function () {
  this.timeout(120000);
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => browser?.close());

  it("the accountant's bookkeeping page: Swedish by default, English when chosen", async () => {
    const { page, errors } = await newPage(browser, { width: 1200, height: 900 }, null);
    await signInSwedish(page, "accountant@kassa.test");
    await page.waitForURL(`${WEB_URL}/accountant`);
    for (const h of ["Koppling till Fortnox", "Bokför en dag", "Verifikationer som Fortnox avvisat", "Bokföringslogg", "Avstämning: huvudbok, Fortnox, Stripe", "SIE 4-export", "Kontering (BAS-konton)"])
      await page.getByRole("heading", { level: 2, name: h }).waitFor();
    await page.getByRole("heading", { level: 2, name: /^Verifikationer för \d{4}-\d{2}-\d{2}$/ }).waitFor();
    await page.getByRole("button", { name: "Bokför nu" }).waitFor();
    await page.getByRole("button", { name: "Stäm av nu" }).waitFor();
    await page.getByRole("button", { name: "Ladda ner SIE-filen" }).waitFor();
    // The mapping's fields need a Fortnox connection (a fresh stack has none); the status line says which it is.
    // The first callable of a fresh stack can take a while (the functions emulator loads on demand).
    await page.getByTestId("fortnox-status").waitFor({ timeout: 90000 });
    assert.match(await page.getByTestId("fortnox-status").innerText(), /^(Kopplad|Inte kopplad|Koppla Fortnox igen)/);
    await noEnglish(page, ACCOUNTANT_ENGLISH);
    await screenshot(page, "language-staff-sv-accountant");

    await page.getByLabel("Språk").selectOption("en");
    for (const h of ["Fortnox connection", "Sync a day", "Vouchers Fortnox refused", "Sync log", "Reconciliation: ledger, Fortnox, Stripe", "SIE 4 export", "Account mapping (BAS)"])
      await page.getByRole("heading", { level: 2, name: h }).waitFor();
    await page.getByRole("button", { name: "Reconcile now" }).waitFor();
    assert.deepEqual(errors, []);
  });

  it("the coach's earnings, payouts and statements: Swedish by default, English when chosen", async () => {
    const { page, errors } = await newPage(browser, { width: 1200, height: 900 }, null);
    await signInSwedish(page, "coach@kassa.test");
    await page.waitForURL(`${WEB_URL}/coach`);
    await page.getByRole("heading", { level: 2, name: "Intäkter och utbetalningar" }).waitFor();
    await page.getByRole("heading", { level: 3, name: "Utbetalningshistorik" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Utbetalningsspecifikationer" }).waitFor();
    // Earlier suites leave a balance and payouts on the demo coach; a fresh stack has neither.
    await page.getByText(/^(Inga intäkter än\.|Nästa veckoutbetalning: )/).first().waitFor();
    await page.getByText(/^(Inga utbetalningar än\.|Datum)$/).first().waitFor();
    await noEnglish(page, ["Earnings and payouts", "Payout history", "Payout statements", "No payouts yet", "No earnings yet", "Request payout", "Next weekly payout", "Waiting for approval", "Open Stripe dashboard"]);
    await screenshot(page, "language-staff-sv-coach");

    await page.goto(`${WEB_URL}/coach/programs`);
    await page.getByRole("heading", { level: 1, name: "Dina program" }).waitFor();
    await page.getByRole("button", { name: "Nytt program" }).click();
    await page.getByLabel("Pris (kr, inkl. moms)").waitFor();
    await page.getByRole("button", { name: "Spara programmet" }).waitFor();
    await noEnglish(page, ["Your programs", "New program", "Save program", "For sale", "VAT included"]);
    await page.goto(`${WEB_URL}/coach/notifications`);
    await page.getByRole("heading", { level: 1, name: "Aviseringar" }).waitFor();
    await page.getByText(/^(Inget än\. Här får du veta|Allt är läst\.|\d+ olästa?\.)/).first().waitFor();
    await noEnglish(page, ["Nothing yet", "All read", "Mark all as read", "Go to payouts"]);
    await page.goto(`${WEB_URL}/coach`);

    await page.getByLabel("Språk").selectOption("en");
    await page.getByRole("heading", { level: 2, name: "Earnings and payouts" }).waitFor();
    await page.getByRole("heading", { level: 3, name: "Payout history" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Payout statements" }).waitFor();
    assert.deepEqual(errors, []);
  });

  it("the admin's alerts, failed events and reports: Swedish by default, English when chosen", async () => {
    const { page, errors } = await newPage(browser, { width: 1200, height: 900 }, null);
    await signInSwedish(page, "admin@kassa.test");
    await page.waitForURL(`${WEB_URL}/admin`);
    await page.getByRole("navigation").getByRole("link", { name: /^Larm/ }).click();
    await page.getByRole("heading", { level: 1, name: "Larm" }).waitFor();
    // Earlier suites may leave alerts; a fresh stack has none.
    await page.getByRole("main").getByText(/^(Inga larm\. Inget behöver åtgärdas\.|Alla larm är kvitterade\.|\d+ öppna?)$/).waitFor();
    await noEnglish(page, ["No alerts", "All alerts acknowledged", "Acknowledge", "Raised"]);

    await page.goto(`${WEB_URL}/admin/events`);
    await page.getByRole("heading", { level: 1, name: "Misslyckade Stripe-händelser" }).waitFor();
    await page.getByText(/^Misslyckade händelser körs om automatiskt/).waitFor();
    await noEnglish(page, ["Failed Stripe events", "No failed events", "Why it failed", "Re-run"]);

    await page.goto(`${WEB_URL}/admin/payments`);
    await page.getByRole("heading", { level: 1, name: "Betalningar" }).waitFor();
    await page.getByLabel("Status").selectOption({ label: "Alla" });
    // After the other suites the table holds their payments (one of them hand-written without
    // Stripe's fee once blanked this page; a record missing a field now shows a dash).
    await page.getByRole("table", { name: "Betalningar" }).or(page.getByText("Inga betalningar matchar.")).first().waitFor({ timeout: 30000 });
    await noEnglish(page, ["Filter payments", "Coach share", "Stripe fee", "Load more", "No payments match", "Loading payments"]);

    await page.goto(`${WEB_URL}/admin/analytics`);
    await page.getByRole("heading", { level: 1, name: "Statistik" }).waitFor();
    await page.getByRole("button", { name: "30 dagar" }).waitFor();
    await page.getByText(/^(\d{4}-\d{2}-\d{2} till \d{4}-\d{2}-\d{2} \(dagar i svensk tid\)|Kunde inte läsa in rapporten)/).waitFor({ timeout: 60000 });
    await noEnglish(page, ["Analytics", "Gross volume", "Top coaches", "ledger entries", "30 days"]);

    await page.goto(`${WEB_URL}/admin/reports`);
    await page.getByRole("heading", { level: 1, name: "Rapporter och exporter" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Exportera en period" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Månadsrapport för plattformen" }).waitFor();
    await page.getByLabel("Vad").selectOption("ledger");
    await page.getByRole("button", { name: "Exportera CSV" }).waitFor();
    await page.getByRole("button", { name: "Visa rapporten" }).waitFor();
    // The stack's clock bar (admins, local stack only) is Swedish too.
    await page.getByRole("region", { name: "Miljöns klocka" }).getByRole("button", { name: "+8 dagar" }).waitFor();
    await noEnglish(page, ["Stack clock", "Local stack time", "days ahead", "Next Monday", "Reports and exports", "Export a period", "Monthly platform report", "Show report", "Export CSV", "Payments", "Payouts"]);
    await screenshot(page, "language-staff-sv-reports");

    await page.getByLabel("Språk").selectOption("en");
    await page.getByRole("heading", { level: 1, name: "Reports and exports" }).waitFor();
    await page.getByRole("button", { name: "Export CSV" }).waitFor();
    await page.getByRole("button", { name: "Show report" }).waitFor();
    assert.deepEqual(errors, []);
  });
});
