import assert from "node:assert/strict";
import fs from "node:fs";
import type { Browser } from "playwright-core";
import { launch, newPage, screenshot, signIn, signInSwedish, WEB_URL } from "./browser";
import { FIRESTORE, fields } from "./firestore-rest";

/**
 * An admin exports a large-ish CSV from the Reports page: the job's progress bar shows while
 * the server writes the file into the Storage emulator, then the link downloads it, and the
 * file holds every seeded row. The rows live in March 2018, a month no other suite uses.
 */
const ROWS = 6000;
const T0 = Date.parse("2018-03-05T09:00:00Z");

async function seedPayments(): Promise<void> {
  const root = FIRESTORE.replace(/^http:\/\/[^/]+\/v1\//, "");
  for (let start = 0; start < ROWS; start += 500) {
    const writes = Array.from({ length: Math.min(500, ROWS - start) }, (_, k) => {
      const i = start + k;
      return {
        update: {
          name: `${root}/payments/e2e_exp_${String(i).padStart(5, "0")}`,
          fields: fields({
            kind: "program", status: "succeeded", userId: `e2e-cust-${i}`, coachId: "e2e-exp-coach", programId: "e2e-prog",
            currency: "sek", amount: 49900, feeAmount: 9980, coachAmount: 39920, stripeFee: 1010, refundedAmount: 0,
            date: T0 + i * 30_000,
          }),
        },
      };
    });
    // The coach has a profile with a name, so the file names them beside their id.
    if (start === 0) writes.push({ update: { name: `${root}/users/e2e-exp-coach`, fields: fields({ uid: "e2e-exp-coach", role: "coach", displayName: "Exportcoach Åsa", email: "e2e-exp-coach@kassa.test" }) } } as (typeof writes)[number]);
    const res = await fetch(`${FIRESTORE}:commit`, {
      method: "POST",
      headers: { Authorization: "Bearer owner", "Content-Type": "application/json" },
      body: JSON.stringify({ writes }),
    });
    assert.ok(res.ok, `seeding payments: ${res.status} ${await res.text()}`);
  }
}

describe("web app: an export as a background job", function () {
  this.timeout(180_000);
  let browser: Browser;
  before(async () => {
    browser = await launch();
    await seedPayments();
  });
  after(async () => browser?.close());

  it("an admin exports 6,000 payments: progress shows, then the link downloads the whole file", async () => {
    const { page, errors } = await newPage(browser, { width: 1200, height: 1000 });
    await signIn(page, "admin@kassa.test");
    await page.waitForURL(`${WEB_URL}/admin`);
    await page.goto(`${WEB_URL}/admin/reports`);
    await page.getByRole("heading", { name: "Export a period" }).waitFor();
    // Every value the progress bar shows, recorded in the page as it changes.
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { progressSeen: number[] }).progressSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"][aria-label="Export progress"]');
        const v = bar ? Number(bar.getAttribute("aria-valuenow")) : null;
        if (v !== null && seen[seen.length - 1] !== v) seen.push(v);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await page.getByLabel("What").selectOption("payments");
    await page.getByLabel("From", { exact: true }).fill("2018-03-01");
    await page.getByLabel("To", { exact: true }).fill("2018-03-31");
    await page.getByRole("button", { name: "Export CSV" }).click();
    await page.getByRole("progressbar", { name: "Export progress" }).waitFor({ timeout: 60_000 });
    const link = page.getByRole("link", { name: "Download kassa-payments-2018-03-01-to-2018-03-31.csv" });
    await link.waitFor({ timeout: 120_000 });
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
    assert.ok(seen.some((v) => v < 100), `the bar showed the job before it was done (values seen: ${seen.join(", ")})`);
    assert.match(await page.getByRole("status").filter({ hasText: "Ready:" }).innerText(), /Ready: 6,000 rows, 0\.\d MB\./);
    await screenshot(page, "admin-export-job");

    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    const lines = csv.split("\r\n").filter((l) => l !== "");
    assert.equal(lines.length, ROWS + 1, "header + every row");
    assert.match(lines[0]!, /^\ufeffpayment_id,created_utc,day,kind,status,currency,amount,platform_fee,coach_share,stripe_fee,refunded,customer_uid,customer_name,coach_uid,coach_name,program_id,program_title$/);
    assert.equal(new Set(lines.slice(1).map((l) => l.split(",")[0])).size, ROWS);
    assert.match(lines[1]!, /^e2e_exp_00000,2018-03-05T09:00:00\.000Z,2018-03-05,program,succeeded,SEK,499\.00,99\.80,399\.20,10\.10,0\.00,e2e-cust-0,,e2e-exp-coach,Exportcoach Åsa,e2e-prog,$/);

    // The same period for a Swedish Excel: semicolons, decimal commas, Stockholm time.
    await page.getByLabel("File format").selectOption({ label: "Excel (Sweden)" });
    await page.getByText(/opens in columns in a Swedish Excel/).waitFor();
    await page.getByRole("button", { name: "Export CSV" }).click();
    // The first file's link goes when the new job starts; the one that appears next is the new file's.
    await link.waitFor({ state: "detached", timeout: 30_000 });
    await link.waitFor({ timeout: 120_000 });
    const [excel] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const excelLines = fs.readFileSync((await excel.path())!, "utf8").split("\r\n").filter((l) => l !== "");
    assert.equal(excelLines.length, ROWS + 1);
    assert.match(excelLines[0]!, /^\ufeffpayment_id;created_stockholm;day;kind;status;currency;amount;platform_fee;coach_share;stripe_fee;refunded;customer_uid;customer_name;coach_uid;coach_name;program_id;program_title$/);
    assert.match(excelLines[1]!, /^e2e_exp_00000;2018-03-05 10:00:00;2018-03-05;program;succeeded;SEK;499,00;99,80;399,20;10,10;0,00;e2e-cust-0;;e2e-exp-coach;Exportcoach Åsa;e2e-prog;$/);
    assert.deepEqual(errors, []);
  });

  it("in Swedish: Excel (Sverige) is the default, and the file reads back as a Swedish spreadsheet would", async () => {
    const { page, errors } = await newPage(browser, { width: 1200, height: 1000 }, "sv");
    await signInSwedish(page, "admin@kassa.test");
    await page.waitForURL(`${WEB_URL}/admin`);
    await page.goto(`${WEB_URL}/admin/reports`);
    await page.getByRole("heading", { name: "Exportera en period" }).waitFor();
    const format = page.getByLabel("Filformat");
    assert.equal(await format.locator("option:checked").innerText(), "Excel (Sverige)", "Excel is the default on Swedish pages");
    await page.getByText(/öppnas i kolumner i ett svenskt Excel/).waitFor();
    await page.getByLabel("Vad").selectOption({ label: "Betalningar" });
    await page.getByLabel("Från", { exact: true }).fill("2018-03-01");
    await page.getByLabel("Till", { exact: true }).fill("2018-03-31");
    await page.getByRole("button", { name: "Exportera CSV" }).click();
    const link = page.getByRole("link", { name: "Ladda ner kassa-payments-2018-03-01-to-2018-03-31.csv" });
    await link.waitFor({ timeout: 120_000 });
    assert.match(await page.getByRole("status").filter({ hasText: "Klar:" }).innerText(), /Klar: 6\s000 rader, 0,\d MB\./);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const text = fs.readFileSync((await download.path())!, "utf8");
    assert.ok(text.startsWith("\ufeff"), "UTF-8 with BOM, so Excel reads å, ä, ö");
    // Read as Excel with Swedish settings does: ';' between cells, ',' before the öre,
    // times as local wall-clock times.
    const [header, ...rows] = text.slice(1).split("\r\n").filter((l) => l !== "").map((l) => l.split(";"));
    const col = (name: string) => header!.indexOf(name);
    const kronor = (cell: string) => {
      assert.match(cell, /^-?\d+,\d\d$/, `${cell} is a Swedish decimal number`);
      return Math.round(Number(cell.replace(",", ".")) * 100);
    };
    assert.equal(rows.length, ROWS);
    const sum = (name: string) => rows.reduce((s, r) => s + kronor(r[col(name)]!), 0);
    assert.deepEqual([sum("amount"), sum("platform_fee"), sum("coach_share"), sum("stripe_fee")], [ROWS * 49900, ROWS * 9980, ROWS * 39920, ROWS * 1010], "every öre reads back");
    for (const r of rows) assert.equal(kronor(r[col("amount")]!), kronor(r[col("platform_fee")]!) + kronor(r[col("coach_share")]!), "price = fee + share on every row");
    assert.ok(rows.every((r) => r[col("coach_name")] === "Exportcoach Åsa"), "the coach by name beside the id, å included");
    // 09:00 UTC on 5 March is 10:00 in Stockholm (winter time).
    assert.equal(rows[0]![col("created_stockholm")], "2018-03-05 10:00:00");
    assert.deepEqual(errors, []);
  });

  it("a period over a year is refused with the reason, and no progress bar appears", async () => {
    const { page, errors } = await newPage(browser);
    await signIn(page, "admin@kassa.test");
    await page.waitForURL(`${WEB_URL}/admin`);
    await page.goto(`${WEB_URL}/admin/reports`);
    await page.getByLabel("From", { exact: true }).fill("2017-01-01");
    await page.getByLabel("To", { exact: true }).fill("2018-03-31");
    await page.getByRole("button", { name: "Export CSV" }).click();
    await page.getByRole("alert").filter({ hasText: /at most 366 days/ }).waitFor();
    assert.equal(await page.getByRole("progressbar", { name: "Export progress" }).count(), 0);
    // The callable's refusal is logged by the SDK as a failed request; nothing else may be.
    assert.deepEqual(errors.filter((e) => !/startExport|400 \(Bad Request\)/.test(e)), []);
  });
});
