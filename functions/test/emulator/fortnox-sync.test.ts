import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { dayOf } from "../../src/domain/calendar-day";
import { programSaleEntry } from "../../src/domain/ledger";
import type { LedgerEntry } from "../../src/domain/ledger-entries";
import { control } from "../fakes/fortnox-sandbox";
import { connectFortnoxAsAdmin } from "./fortnox-connect";
import { at, dayLedger } from "../unit/accounting/sync-fixtures";
import { admin, call, idToken, PROJECT_ID } from "./stack";

const SANDBOX = process.env["FORTNOX_SANDBOX_URL"] ?? "http://127.0.0.1:12112";
const SCHEDULER = `http://127.0.0.1:5001/functions/projects/${PROJECT_ID}/triggers/europe-west1-syncAccountingNightly-0`;
const ROOT = path.resolve(__dirname, "../../..");
const run = promisify(execFile);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

interface SandboxVoucher {
  description: string;
  transactionDate: string;
  rows: { account: number; debit: number; credit: number }[];
}

/**
 * The deployed functions against the emulators and the Fortnox sandbox: connect through
 * OAuth, run the nightly job cleanly, then again from scratch with the sandbox failing on
 * purpose (5xx after the voucher was stored, 429 bursts, failing lookups): Fortnox must end
 * with the same vouchers, none twice. Then a late entry for a booked day reaches the ledger
 * and the next night (the stack's clock moved to 02:00) books it in a supplementary voucher
 * (the stack books late entries the next night: accounting-deps.ts sets lateEntryWaitNights 0).
 */
describe("nightly accounting sync (emulator + Fortnox sandbox)", function () {
  this.timeout(300000);
  const today = dayOf(Date.now());
  const days = [addDays(today, -2), addDays(today, -1)];

  async function clearKassa(): Promise<void> {
    const { db } = admin();
    for (const c of ["accounting", "accountingBookings", "accountingCursor", "jobs", "ledger"]) await db.recursiveDelete(db.collection(c));
  }

  /** As the money store writes an entry: its day and the commit time as recordedAt. */
  async function writeEntry(e: LedgerEntry, recordedAt: Timestamp | FieldValue): Promise<void> {
    const { db } = admin();
    await db.doc(`ledger/${e.id}`).set({ ...e, day: dayOf(e.occurredAt), recordedAt });
  }

  async function seedLedger(): Promise<void> {
    const { db } = admin();
    for (const [i, day] of days.entries()) {
      for (const e of dayLedger(day, `emu${i}`)) await writeEntry(e, Timestamp.fromMillis(e.occurredAt + 60_000));
    }
    await db.doc("payments/pi_emu0_1").set({ amount: 49900, currency: "sek", status: "succeeded" });
  }

  async function waitForSyncs(count: number): Promise<FirebaseFirestore.DocumentData[]> {
    const { db } = admin();
    for (let i = 0; i < 400; i++) {
      const runs = await db.collection("jobs").where("type", "==", "accounting_sync").get();
      if (runs.docs.length >= count && runs.docs.every((d) => d.get("state") !== "running")) {
        return runs.docs.map((d) => d.data()).sort((a, b) => Number(a["startedAt"]) - Number(b["startedAt"]));
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error("the sync did not finish");
  }

  async function runNightly(): Promise<FirebaseFirestore.DocumentData> {
    const { db } = admin();
    const before = (await db.collection("jobs").where("type", "==", "accounting_sync").get()).size;
    const res = await fetch(SCHEDULER, { method: "POST", headers: { "X-CloudScheduler-JobName": "syncAccountingNightly" } });
    assert.ok(res.status < 300, `scheduler trigger answered ${res.status}`);
    // The emulator may answer before the function finishes: wait for the run document.
    return (await waitForSyncs(before + 1)).at(-1)!;
  }

  const sandboxVouchers = async (): Promise<SandboxVoucher[]> =>
    ((await control(SANDBOX, "GET", "/vouchers")) as { vouchers: SandboxVoucher[] }).vouchers
      .filter((v) => days.some((d) => v.description.includes(d)))
      .map((v) => ({ description: v.description, transactionDate: v.transactionDate, rows: v.rows.map((r) => ({ account: r.account, debit: r.debit, credit: r.credit })) }))
      .sort((a, b) => a.description.localeCompare(b.description));

  before(async () => {
    await control(SANDBOX, "POST", "/reset");
    await clearKassa();
    assert.match(await connectFortnoxAsAdmin(), /\/admin\?fortnox=connected/);
  });

  after(async () => {
    await run("npm", ["run", "-s", "clock", "--", "reset"], { cwd: ROOT, env: process.env, timeout: 120_000 }).catch(() => undefined);
  });

  it("refuses a callback with a wrong state", async () => {
    const token = await idToken("admin@kassa.test");
    const res = await call<{ url: string }>("fortnoxConnectUrl", {}, token);
    const redirect = new URL(new URL(res.result!.url).searchParams.get("redirect_uri")!);
    redirect.searchParams.set("code", "whatever");
    redirect.searchParams.set("state", "forged-state-0123456789abcdef");
    const back = await fetch(redirect, { redirect: "manual" });
    assert.equal(back.status, 403);
  });

  it("books the same vouchers, none twice, when Fortnox fails on purpose", async () => {
    await seedLedger();
    await runNightly();
    const clean = await sandboxVouchers();
    assert.equal(clean.length, 10, "five flows on each of two days");
    const { db } = admin();
    assert.match((await db.doc("payments/pi_emu0_1").get()).get("fortnoxReference"), /^A-\d+ \(\d{4}\)$/);
    assert.equal((await db.collection("accountingBookings").get()).size, 12, "a booking marker per entry");

    // From scratch, with faults: keep the connection, forget what was booked on both sides.
    await control(SANDBOX, "POST", "/reset", { keep_tokens: true });
    await clearKassa();
    await seedLedger();
    await control(SANDBOX, "POST", "/faults", { method: "POST", path: "/3/vouchers", status: 500, count: 3, after_effect: true });
    await control(SANDBOX, "POST", "/faults", { method: "POST", path: "/3/vouchers", status: 429, count: 4 });
    await control(SANDBOX, "POST", "/faults", { method: "POST", path: "/3/vouchers", status: 502, count: 1 });
    await control(SANDBOX, "POST", "/faults", { method: "GET", path: "/3/vouchers/sublist", status: 500, count: 2 });
    const job = await runNightly();

    const faulty = await sandboxVouchers();
    assert.deepEqual(faulty, clean, "same vouchers, same rows, none twice or missing");
    assert.ok(job["counts"].recovered >= 1, "at least one voucher was found by its marker");
    assert.equal(job["counts"].posted + job["counts"].recovered, 10);

    // And a later run posts nothing more and makes no Fortnox call.
    await control(SANDBOX, "DELETE", "/requests");
    const token = await idToken("accountant@kassa.test");
    const again = await call<{ counts: { posted: number; vouchersPlanned: number } }>("syncAccountingNow", {}, token);
    assert.equal(again.result?.counts.posted, 0, JSON.stringify(again.error));
    assert.equal(again.result?.counts.vouchersPlanned, 0);
    const log = (await control(SANDBOX, "GET", "/requests?path_prefix=/3/")) as { requests: unknown[] };
    assert.equal(log.requests.length, 0, "nothing to book makes no Fortnox call");
  });

  it("a late entry for a booked day goes into a supplementary voucher the next night", async () => {
    // A sale of days[0] whose webhook was retried until now: committed today (server timestamp).
    const late = programSaleEntry({ occurredAt: at(days[0]!, 30), paymentId: "pi_emu_late", coachId: "coach1", gross: { amount: 29900, currency: "sek" }, fee: { amount: 5980, currency: "sek" } });
    await writeEntry(late, FieldValue.serverTimestamp());
    const { db } = admin();
    const before = (await db.collection("jobs").where("type", "==", "accounting_sync").get()).size;
    // The stack's one clock to the next 02:00 (Stockholm): the scheduler fires the nightly sync.
    await run("npm", ["run", "-s", "clock", "--", "next", "02:00"], { cwd: ROOT, env: process.env, timeout: 240_000 });
    await waitForSyncs(before + 1);

    const vouchers = await sandboxVouchers();
    const supplementary = vouchers.find((v) => v.description === `KASSA ${days[0]} late SEK #2`);
    assert.ok(supplementary, `a supplementary voucher: ${vouchers.map((v) => v.description).join(", ")}`);
    assert.equal(supplementary.transactionDate, days[0], "dated on its business day (the period is open)");
    assert.deepEqual(supplementary.rows.find((r) => r.account === 1580), { account: 1580, debit: 299, credit: 0 });
    assert.equal(vouchers.filter((v) => v.description === `KASSA ${days[0]} sales SEK`).length, 1, "the first voucher is not re-posted");
    assert.equal((await db.doc(`accountingBookings/${late.id}`).get()).get("voucherId"), `${days[0]}_late_sek_2`);
    assert.equal((await db.doc(`accountingBookings/${late.id}`).get()).get("flow"), "sales", "the marker keeps the entry's own flow");
    const record = (await db.doc(`accounting/${days[0]}_late_sek_2`).get()).data()!;
    assert.equal(record["state"], "posted");
    assert.equal(record["entryCount"], 1);
  });

  it("refuses a day that has not ended, and a coach", async () => {
    const acc = await idToken("accountant@kassa.test");
    // Far ahead: earlier tests move the stack's clock (npm run clock) days past the real date.
    const future = await call("syncAccountingNow", { day: addDays(today, 400) }, acc);
    assert.equal(future.error?.status, "INVALID_ARGUMENT");
    const coach = await idToken("coach@kassa.test");
    const refused = await call("syncAccountingNow", {}, coach);
    assert.equal(refused.error?.status, "PERMISSION_DENIED");
  });

  it("a revoked connection stops the sync with 'Reconnect Fortnox' and posts nothing", async () => {
    const acc = await idToken("accountant@kassa.test");
    await call("fortnoxDisconnect", {}, acc);
    const status = await call<{ status: string }>("fortnoxStatus", {}, acc);
    assert.equal(status.result?.status, "disconnected");
    await control(SANDBOX, "DELETE", "/requests");
    const idle = await call<{ state: string; stoppedReason: string }>("syncAccountingNow", {}, acc);
    assert.equal(idle.result?.state, "succeeded", "nothing waiting: no Fortnox needed while disconnected");
    const { db } = admin();
    await db.doc(`accounting/${days[1]}_sales_sek`).set({ state: "ready", postingUntil: 0, error: null }, { merge: true });
    const stopped = await call<{ state: string; stoppedReason: string }>("syncAccountingNow", {}, acc);
    assert.equal(stopped.result?.state, "failed");
    assert.match(stopped.result?.stoppedReason ?? "", /Reconnect Fortnox/);
    const log = (await control(SANDBOX, "GET", "/requests?method=POST&path_prefix=/3/vouchers")) as { requests: unknown[] };
    assert.equal(log.requests.length, 0);
  });
});
