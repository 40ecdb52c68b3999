import assert from "node:assert/strict";
import { dayOf } from "../../src/domain/calendar-day";
import { consentCode, control } from "../fakes/fortnox-sandbox";
import { dayLedger } from "../unit/accounting/sync-fixtures";
import { admin, call, idToken, PROJECT_ID } from "./stack";

const SANDBOX = process.env["FORTNOX_SANDBOX_URL"] ?? "http://127.0.0.1:12112";
const SCHEDULER = `http://127.0.0.1:5001/functions/projects/${PROJECT_ID}/triggers/europe-west1-syncAccountingNightly-0`;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

interface SandboxVoucher {
  description: string;
  rows: { account: number; debit: number; credit: number }[];
}

/**
 * The deployed functions against the emulators and the Fortnox sandbox: connect through
 * OAuth, run the nightly job cleanly, then again from scratch with the sandbox failing on
 * purpose (5xx after the voucher was stored, 429 bursts, failing lookups). Fortnox must end
 * with the same vouchers, none twice.
 */
describe("nightly accounting sync (emulator + Fortnox sandbox)", function () {
  this.timeout(120000);
  const today = dayOf(Date.now());
  const days = [addDays(today, -2), addDays(today, -1)];

  async function clearKassa(): Promise<void> {
    const { db } = admin();
    for (const c of ["accounting", "accountingDays", "jobs", "ledger"]) {
      const snap = await db.collection(c).get();
      await Promise.all(snap.docs.map((d) => d.ref.delete()));
    }
  }

  async function seedLedger(): Promise<void> {
    const { db } = admin();
    for (const [i, day] of days.entries()) {
      for (const e of dayLedger(day, `emu${i}`)) await db.doc(`ledger/${e.id}`).set({ ...e, day });
    }
    await db.doc("payments/pi_emu0_1").set({ amount: 49900, currency: "sek", status: "succeeded" });
  }

  async function runNightly(): Promise<void> {
    const res = await fetch(SCHEDULER, { method: "POST", headers: { "X-CloudScheduler-JobName": "syncAccountingNightly" } });
    assert.ok(res.status < 300, `scheduler trigger answered ${res.status}`);
    // The emulator may answer before the function finishes: wait for the run document.
    const { db } = admin();
    for (let i = 0; i < 200; i++) {
      const runs = await db.collection("jobs").where("type", "==", "accounting_sync").get();
      if (runs.docs.length > 0 && runs.docs.every((d) => d.get("state") !== "running")) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error("the sync did not finish");
  }

  const sandboxVouchers = async (): Promise<SandboxVoucher[]> =>
    ((await control(SANDBOX, "GET", "/vouchers")) as { vouchers: SandboxVoucher[] }).vouchers
      .filter((v) => days.some((d) => v.description.includes(d)))
      .map((v) => ({ description: v.description, rows: v.rows.map((r) => ({ account: r.account, debit: r.debit, credit: r.credit })) }))
      .sort((a, b) => a.description.localeCompare(b.description));

  before(async () => {
    await control(SANDBOX, "POST", "/reset");
    await clearKassa();
    const token = await idToken("admin@kassa.test");
    const res = await call<{ url: string }>("fortnoxConnectUrl", {}, token);
    assert.ok(res.result?.url, JSON.stringify(res.error));
    const { code, state } = await consentCode(res.result.url);
    const redirect = new URL(new URL(res.result.url).searchParams.get("redirect_uri")!);
    redirect.searchParams.set("code", code);
    redirect.searchParams.set("state", state);
    const back = await fetch(redirect, { redirect: "manual" });
    assert.equal(back.status, 302);
    assert.match(back.headers.get("location") ?? "", /\/admin\?fortnox=connected/);
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

    // From scratch, with faults: keep the connection, forget what was booked on both sides.
    await control(SANDBOX, "POST", "/reset", { keep_tokens: true });
    await clearKassa();
    await seedLedger();
    await control(SANDBOX, "POST", "/faults", { method: "POST", path: "/3/vouchers", status: 500, count: 3, after_effect: true });
    await control(SANDBOX, "POST", "/faults", { method: "POST", path: "/3/vouchers", status: 429, count: 4 });
    await control(SANDBOX, "POST", "/faults", { method: "POST", path: "/3/vouchers", status: 502, count: 1 });
    await control(SANDBOX, "POST", "/faults", { method: "GET", path: "/3/vouchers/sublist", status: 500, count: 2 });
    await runNightly();

    const faulty = await sandboxVouchers();
    assert.deepEqual(faulty, clean, "same vouchers, same rows, none twice or missing");
    const runs = await db.collection("jobs").where("type", "==", "accounting_sync").get();
    const job = runs.docs[0]!.data();
    assert.ok(job["counts"].recovered >= 1, "at least one voucher was found by its marker");
    assert.equal(job["counts"].posted + job["counts"].recovered, 10);

    // And a later run posts nothing more.
    await control(SANDBOX, "DELETE", "/requests");
    const token = await idToken("accountant@kassa.test");
    const again = await call<{ counts: { alreadyPosted: number; posted: number } }>("syncAccountingNow", { day: days[0] }, token);
    assert.equal(again.result?.counts.alreadyPosted, 5, JSON.stringify(again.error));
    const log = (await control(SANDBOX, "GET", "/requests?path_prefix=/3/")) as { requests: unknown[] };
    assert.equal(log.requests.length, 0, "a booked day makes no Fortnox call");
  });

  it("refuses a day that has not ended, and a coach", async () => {
    const acc = await idToken("accountant@kassa.test");
    const future = await call("syncAccountingNow", { day: today }, acc);
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
    const res = await call<{ state: string; stoppedReason: string }>("syncAccountingNow", { day: addDays(today, -3) }, acc);
    // A day with no entries needs no Fortnox: nothing to book even while disconnected.
    assert.equal(res.result?.state, "succeeded");
    const withEntries = await call<{ state: string; stoppedReason: string }>("syncAccountingNow", { day: days[1] }, acc);
    assert.equal(withEntries.result?.state, "succeeded", "already booked: no call needed");
    const { db } = admin();
    await db.doc(`accounting/${days[1]}_sales_sek`).delete();
    const stopped = await call<{ state: string; stoppedReason: string }>("syncAccountingNow", { day: days[1] }, acc);
    assert.equal(stopped.result?.state, "failed");
    assert.match(stopped.result?.stoppedReason ?? "", /Reconnect Fortnox/);
    const log = (await control(SANDBOX, "GET", "/requests?method=POST&path_prefix=/3/vouchers")) as { requests: unknown[] };
    assert.equal(log.requests.length, 0);
  });
});
