import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { launch, newPage, screenshot, signIn, signInSwedish, WEB_URL } from "./browser";

const SANDBOX = process.env["FORTNOX_SANDBOX_URL"] ?? "http://127.0.0.1:12112";
const FIRESTORE = `http://${process.env["FIRESTORE_EMULATOR_HOST"] ?? "127.0.0.1:8080"}/v1/projects/demo-kassa/databases/(default)/documents`;

/** Firestore emulator REST with the emulator's admin bypass, so the test needs no Admin SDK. */
type Value = string | number | Date | Value[] | { [k: string]: Value };
const encode = (v: Value): unknown =>
  v instanceof Date
    ? { timestampValue: v.toISOString() }
    : typeof v === "string"
    ? { stringValue: v }
    : typeof v === "number"
      ? { integerValue: String(v) }
      : Array.isArray(v)
        ? { arrayValue: { values: v.map(encode) } }
        : { mapValue: { fields: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)])) } };

async function writeDoc(path: string, data: Record<string, Value>): Promise<void> {
  const res = await fetch(`${FIRESTORE}/${path}`, {
    method: "PATCH",
    headers: { Authorization: "Bearer owner", "Content-Type": "application/json" },
    body: JSON.stringify({ fields: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, encode(v)])) }),
  });
  assert.ok(res.ok, `writing ${path}: ${res.status} ${await res.text()}`);
}
const deleteDoc = (path: string) => fetch(`${FIRESTORE}/${path}`, { method: "DELETE", headers: { Authorization: "Bearer owner" } });

/** Noon of a day of this test's own, before the stack started (other suites' money is dated at the stack's clock, which only moves forward). */
function dayNoonStockholm(daysAgo: number): { day: string; at: number } {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm" }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - daysAgo);
  // 10:00 UTC is 11:00 or 12:00 in Stockholm: safely inside the day either way.
  return { day: d.toISOString().slice(0, 10), at: d.getTime() + 10 * 3600_000 };
}

const entry = (id: string, kind: string, flow: string, currency: string, at: number, day: string, postings: [string, number][], refs: Record<string, Value>) => ({
  id, kind, currency, flow, occurredAt: at, day,
  postings: postings.map(([account, amount]) => ({ account, amount })),
  refs,
  // As the money store stamps it: the commit time, which the sync reads new entries by.
  recordedAt: new Date(),
});

describe("web app: the accountant connects Fortnox and books a day", function () {
  this.timeout(180000);
  let browser: Browser;
  const { day, at } = dayNoonStockholm(41);

  before(async () => {
    browser = await launch();
    await fetch(`${SANDBOX}/__sandbox/reset`, { method: "POST" });
    for (const flow of ["sales", "subscriptions"]) for (const c of ["sek", "eur"]) await deleteDoc(`accounting/${day}_${flow}_${c}`);
    await writeDoc("ledger/pi_e2e_1:capture", entry("pi_e2e_1:capture", "program_sale", "sales", "sek", at, day, [["platform:stripe_balance", 49900], ["coach:coach1:held", -39920], ["platform:fees", -9980]], { paymentId: "pi_e2e_1", coachId: "coach1", stripeObjectId: "ch_e2e_1" }));
    await writeDoc("ledger/in_e2e_1:capture", entry("in_e2e_1:capture", "subscription_payment", "subscriptions", "sek", at + 60_000, day, [["platform:stripe_balance", 9900], ["platform:subscriptions", -9900]], { paymentId: "in_e2e_1" }));
    // A coach account that settled in EUR: Fortnox is booked in SEK, so this voucher is refused.
    await writeDoc("ledger/pi_e2e_eur:capture", entry("pi_e2e_eur:capture", "program_sale", "sales", "eur", at + 120_000, day, [["platform:stripe_balance", 4990], ["coach:coach1:held", -3992], ["platform:fees", -998]], { paymentId: "pi_e2e_eur", coachId: "coach1" }));
    await new Promise((r) => setTimeout(r, 2500)); // past the emulator's settle time for recordedAt
  });
  after(async () => browser?.close());

  it("connects, syncs, sees what was posted, marks a refused voucher booked by hand and opens a specification", async () => {
    const { page, errors } = await newPage(browser, { width: 1200, height: 1000 });
    // The sandbox's consent page has no favicon; that 404 is the sandbox's, not the app's.
    const sandboxNoise: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && m.location().url.startsWith(SANDBOX)) sandboxNoise.push(m.text());
      // The first "Mark booked by hand" is sent without a number on purpose: its 400 is the test's.
      if (m.type() === "error" && m.location().url.includes("markVoucherBookedByHand")) sandboxNoise.push(m.text());
    });
    // The page first loads yesterday's vouchers; hold that answer back until after the chosen
    // day's, as a slow Fortnox lookup would: the view must still show the chosen day.
    await page.route("**/accountingDay", async (route) => {
      const body = route.request().postDataJSON() as { data?: { day?: string } } | null;
      if (body?.data?.day !== day) await new Promise((r) => setTimeout(r, 4000));
      await route.continue();
    });
    await signIn(page, "accountant@kassa.test");
    await page.waitForURL(`${WEB_URL}/accountant`);
    await page.getByTestId("fortnox-status").waitFor();
    if (await page.getByRole("button", { name: "Disconnect" }).isVisible()) {
      await page.getByRole("button", { name: "Disconnect" }).click();
    }
    await page.getByRole("button", { name: /Connect Fortnox|Reconnect Fortnox/ }).click();
    await page.waitForURL(/oauth-v1\/auth/);
    await page.locator("#allow").click();
    await page.waitForURL(`${WEB_URL}/accountant?fortnox=connected`);
    await page.getByText("Connected").first().waitFor();

    await page.getByRole("textbox", { name: "Day", exact: true }).fill(day);
    await page.getByRole("button", { name: "Sync now" }).click();
    await page.getByText(new RegExp(`Synced ${day}`)).waitFor({ timeout: 60000 });

    const vouchers = page.getByTestId("day-voucher");
    await vouchers.filter({ hasText: /posted as voucher A\d+, financial year \d{4}/ }).nth(1).waitFor();
    await new Promise((r) => setTimeout(r, 4500)); // past the held-back answer for yesterday
    await page.getByRole("heading", { name: `Vouchers of ${day}` }).waitFor();
    const sales = vouchers.filter({ hasText: `KASSA ${day} sales SEK` });
    const text = await sales.innerText();
    assert.match(text, /499\.00/, "the rows as posted");
    assert.match(text, /399\.20/);
    assert.match(text, /Programförsäljning .*: skuld till coacher/, "each row says what it is");
    // Side by side with what Fortnox holds, per account with its name from Fortnox's chart.
    await sales.getByTestId("side-verdict").filter({ hasText: "Fortnox holds exactly what Kassa posted." }).waitFor();
    const side = sales.getByTestId("side-by-side");
    assert.equal(await side.locator("tbody tr").count(), await side.getByLabel("agrees").count(), "every account agrees");
    assert.match(await side.locator("tr[data-account='1580']").innerText(), /1580\s+Fordringar för kontokort och kuponger/);
    await screenshot(page, "accountant-bookkeeping");
    const link = await sales.getByRole("link", { name: "open in Fortnox" }).getAttribute("href");
    assert.match(link ?? "", /#voucher-\d+-A-\d+$/);

    // The refused EUR voucher, with its reason, blocking nothing else.
    const refused = page.getByTestId("refused-voucher").filter({ hasText: `KASSA ${day} sales EUR` });
    await refused.waitFor();
    assert.match(await refused.innerText(), /in EUR, and Fortnox is booked in SEK/);
    await screenshot(page, "accountant-refused-voucher");
    await refused.getByRole("button", { name: "Mark booked by hand" }).click();
    // Said for the person: what to write, never the field's path.
    const why = refused.getByRole("alert").filter({ hasText: /Fortnox voucher number.*such as A-123/ });
    await why.waitFor();
    assert.doesNotMatch(await why.innerText(), /voucherNumber|\[\d{3}\]/);
    await refused.getByLabel("Fortnox voucher number").fill("A-901");
    await refused.getByLabel("Note").fill("converted at 11.02 SEK/EUR");
    await refused.getByRole("button", { name: "Mark booked by hand" }).click();
    await refused.waitFor({ state: "detached" });

    // A voucher's specification: its entries with their Stripe ids, and the CSV.
    await sales.getByRole("link", { name: /specification/ }).click();
    await page.waitForURL(new RegExp(`/accountant/vouchers/${day}_sales_sek$`));
    await page.getByTestId("spec-summary").filter({ hasText: /posted · Fortnox A\d+ \(\d{4}\)/ }).waitFor();
    const entries = page.getByRole("table", { name: "Entries" });
    assert.match(await entries.innerText(), /pi_e2e_1:capture[\s\S]*pi_e2e_1[\s\S]*ch_e2e_1/);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download specification (CSV)" }).click()]);
    assert.equal(download.suggestedFilename(), `kassa-voucher-${day}_sales_sek.csv`);
    const csv = await (await download.createReadStream()).toArray();
    assert.match(Buffer.concat(csv).toString("utf8"), /pi_e2e_1:capture,program_sale,.*,499\.00,SEK,pi_e2e_1,,coach1,ch_e2e_1/);
    await screenshot(page, "accountant-voucher-specification");

    await page.goto(`${WEB_URL}/accountant/vouchers/${day}_sales_eur`);
    await page.getByTestId("spec-summary").filter({ hasText: "booked by hand as A-901 by" }).waitFor();
    assert.deepEqual(errors.filter((e) => !sandboxNoise.includes(e)), []);
  });

  it("the mapping: an account Fortnox lacks is refused in words naming the field; a saved change is in the trail with who and when", async () => {
    const { page, errors } = await newPage(browser, { width: 1200, height: 1000 });
    const refusals: string[] = [];
    page.on("console", (m) => {
      // The refused save's 400 is the test's own.
      if (m.type() === "error" && m.location().url.includes("updateAccountingMapping")) refusals.push(m.text());
    });
    await signIn(page, "accountant@kassa.test");
    await page.waitForURL(`${WEB_URL}/accountant`);
    const form = page.getByRole("region", { name: "Account mapping (BAS)" });
    const bank = form.getByLabel("Bank account");
    const vat = form.getByLabel("VAT on platform revenue (%)");
    await bank.waitFor({ timeout: 60000 });
    const before = { bank: await bank.inputValue(), vat: await vat.inputValue() };

    await bank.fill("1999");
    await form.getByRole("button", { name: "Save mapping" }).click();
    const why = form.getByRole("alert");
    await why.filter({ hasText: "Bank account: account 1999 does not exist in Fortnox's chart of accounts" }).waitFor();
    assert.doesNotMatch(await why.innerText(), /mapping\.|\[\d{3}\]/, "no field paths or HTTP codes");
    assert.equal(await bank.inputValue(), "1999", "what was typed stays");

    await bank.fill(before.bank);
    await vat.fill(before.vat === "12" ? "6" : "12");
    await form.getByRole("button", { name: "Save mapping" }).click();
    await form.getByRole("status").filter({ hasText: /Saved/ }).waitFor();
    const trail = form.getByTestId("mapping-trail");
    const newest = trail.locator("li").first();
    await newest.filter({ hasText: "accountant@kassa.test" }).filter({ hasText: `VAT on platform revenue (%): ${before.vat} % → ${before.vat === "12" ? "6" : "12"} %` }).waitFor();
    await screenshot(page, "accountant-mapping-trail");

    // Back as it was, and that is a change of its own in the trail.
    await vat.fill(before.vat);
    await form.getByRole("button", { name: "Save mapping" }).click();
    await newest.filter({ hasText: `→ ${before.vat} %` }).waitFor();
    assert.equal((await page.getByTestId("mapping-trail").locator("li").count()) >= 2, true);
    assert.deepEqual(errors.filter((e) => !refusals.includes(e)), []);
  });

  it("in Swedish: the mapping's refusal and trail in Swedish words", async () => {
    const { page, errors } = await newPage(browser, { width: 1200, height: 1000 }, "sv");
    const refusals: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && m.location().url.includes("updateAccountingMapping")) refusals.push(m.text());
    });
    await signInSwedish(page, "accountant@kassa.test");
    await page.waitForURL(`${WEB_URL}/accountant`);
    const form = page.getByRole("region", { name: "Kontering (BAS-konton)" });
    const bank = form.getByLabel("Bankkonto");
    const vat = form.getByLabel("Moms på plattformens intäkter (%)");
    await bank.waitFor({ timeout: 60000 });
    const before = { bank: await bank.inputValue(), vat: await vat.inputValue() };

    await bank.fill("1999");
    await form.getByRole("button", { name: "Spara konteringen" }).click();
    await form.getByRole("alert").filter({ hasText: "Bankkonto: konto 1999 finns inte i Fortnox kontoplan" }).waitFor();
    assert.equal(await bank.inputValue(), "1999", "what was typed stays");

    await bank.fill(before.bank);
    const other = before.vat === "6" ? "12" : "6";
    await vat.fill(other);
    await form.getByRole("button", { name: "Spara konteringen" }).click();
    await form.getByRole("status").filter({ hasText: /Sparat/ }).waitFor();
    const newest = form.getByTestId("mapping-trail").locator("li").first();
    await newest.filter({ hasText: "accountant@kassa.test" }).filter({ hasText: `Moms på plattformens intäkter (%): ${before.vat} % → ${other} %` }).waitFor();
    await screenshot(page, "accountant-mapping-trail-sv");
    await vat.fill(before.vat);
    await form.getByRole("button", { name: "Spara konteringen" }).click();
    await newest.filter({ hasText: `→ ${before.vat} %` }).waitFor();
    assert.deepEqual(errors.filter((e) => !refusals.includes(e)), []);
  });
});
