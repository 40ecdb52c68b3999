import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { launch, newPage, screenshot, signIn, WEB_URL } from "./browser";

const SANDBOX = process.env["FORTNOX_SANDBOX_URL"] ?? "http://127.0.0.1:12112";
const FIRESTORE = `http://${process.env["FIRESTORE_EMULATOR_HOST"] ?? "127.0.0.1:8080"}/v1/projects/demo-kassa/databases/(default)/documents`;

/** Firestore emulator REST with the emulator's admin bypass, so the test needs no Admin SDK. */
type Value = string | number | Value[] | { [k: string]: Value };
const encode = (v: Value): unknown =>
  typeof v === "string"
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

/** Noon of a day of this test's own (other suites book yesterday and the day before). */
function dayNoonStockholm(daysAgo: number): { day: string; at: number } {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm" }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - daysAgo);
  // 10:00 UTC is 11:00 or 12:00 in Stockholm: safely inside the day either way.
  return { day: d.toISOString().slice(0, 10), at: d.getTime() + 10 * 3600_000 };
}

describe("web app: the accountant connects Fortnox and books a day", function () {
  this.timeout(120000);
  let browser: Browser;
  const { day, at } = dayNoonStockholm(4);

  before(async () => {
    browser = await launch();
    await fetch(`${SANDBOX}/__sandbox/reset`, { method: "POST" });
    for (const flow of ["sales", "subscriptions"]) await deleteDoc(`accounting/${day}_${flow}_sek`);
    await deleteDoc(`accountingDays/${day}`);
    await writeDoc("ledger/pi_e2e_1:capture", {
      id: "pi_e2e_1:capture", kind: "program_sale", currency: "sek", flow: "sales", occurredAt: at, day,
      postings: [{ account: "platform:stripe_balance", amount: 49900 }, { account: "coach:coach1:held", amount: -39920 }, { account: "platform:fees", amount: -9980 }],
      refs: { paymentId: "pi_e2e_1", coachId: "coach1" },
    });
    await writeDoc("ledger/in_e2e_1:capture", {
      id: "in_e2e_1:capture", kind: "subscription_payment", currency: "sek", flow: "subscriptions", occurredAt: at + 60_000, day,
      postings: [{ account: "platform:stripe_balance", amount: 9900 }, { account: "platform:subscriptions", amount: -9900 }],
      refs: { paymentId: "in_e2e_1" },
    });
  });
  after(async () => browser?.close());

  it("connects through the consent page, syncs a day and sees the vouchers with their numbers", async () => {
    const { page, errors } = await newPage(browser, { width: 1200, height: 1000 });
    // The sandbox's consent page has no favicon; that 404 is the sandbox's, not the app's.
    const sandboxNoise: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && m.location().url.startsWith(SANDBOX)) sandboxNoise.push(m.text());
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

    await page.locator('input[type="date"]').fill(day);
    await page.getByRole("button", { name: "Sync now" }).click();
    await page.getByText(`Synced ${day}.`).waitFor({ timeout: 60000 });

    const vouchers = page.getByTestId("day-voucher");
    await vouchers.filter({ hasText: /voucher A-\d+ \(\d{4}\)/ }).nth(1).waitFor();
    await new Promise((r) => setTimeout(r, 4500)); // past the held-back answer for yesterday
    assert.equal(await vouchers.count(), 2, "sales and subscriptions");
    await page.getByRole("heading", { name: `Vouchers of ${day}` }).waitFor();
    const sales = vouchers.filter({ hasText: "sales SEK" });
    const text = await sales.innerText();
    assert.match(text, /499,00/, "Kassa's total next to Fortnox's rows");
    assert.match(text, /399,20/);
    const link = await sales.getByRole("link", { name: "open in Fortnox" }).getAttribute("href");
    assert.match(link ?? "", /#voucher-\d+-A-\d+$/);
    await page.getByTestId("sync-run").first().getByText(/succeeded/).waitFor();
    await screenshot(page, "accountant-bookkeeping");
    assert.deepEqual(errors.filter((e) => !sandboxNoise.includes(e)), []);
  });
});
