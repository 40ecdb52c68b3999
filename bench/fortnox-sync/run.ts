/**
 * Books a month (30 days) with 10,000 payments and 500 payouts through the real sync use case,
 * in-memory stores and the REAL Fortnox sandbox in-process over HTTP (rate limit on), and
 * prints the Fortnox calls made, 429s received and wall time. Fortnox calls must scale with
 * days x flows, not with payments: one voucher per day, flow and currency.
 *
 *   npx tsx bench/fortnox-sync/run.ts
 */
import { syncAccounting } from "../../functions/src/app/accounting/sync-accounting.js";
import { dayOf } from "../../functions/src/domain/calendar-day.js";
import { startFortnoxSandbox } from "../../sandbox/fortnox/src/server.js";
import { addDays, DAYS, month, PAYMENTS, PAYOUTS, syncAgainst } from "./month.js";

async function main(): Promise<void> {
  const sandbox = await startFortnoxSandbox({ port: 0 });
  try {
    const yesterday = addDays(dayOf(Date.now()), -1);
    const { entries, first } = month(yesterday);
    const { deps, counts } = syncAgainst(sandbox.url, entries);

    const started = Date.now();
    const job = await syncAccounting(deps, { trigger: "schedule" });
    const wallMs = Date.now() - started;
    const vouchers = job.counts.posted + job.counts.recovered;
    const calls = counts.calls;

    const rerun = await syncAccounting(deps, { trigger: "schedule" });
    const rerunCalls = counts.calls - calls;

    console.log(`fortnox-sync: ${PAYMENTS} payments, ${PAYOUTS} payouts, ${entries.length} ledger entries over ${DAYS} days (${first}..${yesterday})`);
    const byFlow = new Map<string, number>();
    for (const v of job.vouchers) byFlow.set(v.flow, (byFlow.get(v.flow) ?? 0) + 1);
    console.log(`  vouchers by flow     ${[...byFlow].map(([f, c]) => `${f} ${c}`).join(", ")}`);
    console.log(`  run state            ${job.state} (${job.errors.length} errors)`);
    console.log(`  vouchers posted      ${vouchers} (${(vouchers / DAYS).toFixed(1)} per day)`);
    console.log(`  Fortnox API calls    ${calls} (${(calls / vouchers).toFixed(2)} per voucher; days x flows = ${vouchers})`);
    console.log(`  429s received        ${counts.tooMany}`);
    console.log(`  wall time            ${(wallMs / 1000).toFixed(1)} s`);
    console.log(`  re-run               ${rerun.counts.vouchersPlanned} vouchers planned, ${rerunCalls} Fortnox calls`);
    if (job.state !== "succeeded" || counts.tooMany > 0 || rerunCalls > 0 || calls > vouchers + DAYS + 1) {
      console.error("FAIL: expected success, zero 429s, calls <= vouchers + days (+1 token), and an idempotent re-run");
      process.exitCode = 1;
    }
  } finally {
    await sandbox.close();
  }
}

void main();
