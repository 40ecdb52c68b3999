/**
 * Books a month (30 days) with 10,000 payments and 500 payouts through the real sync use case,
 * in-memory stores and the REAL Fortnox sandbox in-process over HTTP (rate limit on), and
 * prints the Fortnox calls made, 429s received and wall time. Fortnox calls must scale with
 * days x flows, not with payments: one voucher per day, flow and currency.
 *
 *   npx tsx bench/fortnox-sync/run.ts
 */
import { FortnoxApiClient } from "../../functions/src/adapters/fortnox/fortnox-api-client.js";
import { FortnoxGateway } from "../../functions/src/adapters/fortnox/fortnox-gateway.js";
import { FortnoxOAuth } from "../../functions/src/adapters/fortnox/fortnox-oauth.js";
import { FortnoxTokens } from "../../functions/src/app/fortnox-tokens.js";
import { syncAccounting } from "../../functions/src/app/sync-accounting.js";
import { dayBounds, dayOf } from "../../functions/src/domain/calendar-day.js";
import { payoutPaidEntry, platformPayoutEntry, programSaleEntry, stripeFeeEntry, subscriptionPaymentEntry } from "../../functions/src/domain/ledger.js";
import type { LedgerEntry } from "../../functions/src/domain/ledger-entries.js";
import { startFortnoxSandbox } from "../../sandbox/fortnox/src/server.js";
import { InMemoryAccountingStore } from "../../functions/test/fakes/in-memory-accounting-store.js";
import { InMemoryConnectionStore, InMemorySecretStore } from "../../functions/test/fakes/in-memory-fortnox-stores.js";
import { InMemoryLedgerReader } from "../../functions/test/fakes/in-memory-ledger-reader.js";

const PAYMENTS = 10_000;
const PAYOUTS = 500;
const DAYS = Number(process.env["BENCH_DAYS"] ?? 30);

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
const sek = (amount: number) => ({ amount, currency: "sek" as const });

function month(lastDay: string): { entries: LedgerEntry[]; first: string } {
  const first = addDays(lastDay, -(DAYS - 1));
  const entries: LedgerEntry[] = [];
  for (let i = 0; i < PAYMENTS; i++) {
    const day = addDays(first, i % DAYS);
    const at = dayBounds(day).fromMs + 3600_000 + (i % 1000) * 60_000;
    const id = `pi_bench_${i}`;
    if (Math.floor(i / DAYS) % 5 === 0) entries.push(subscriptionPaymentEntry({ occurredAt: at, paymentId: id, gross: sek(9900) }));
    else entries.push(programSaleEntry({ occurredAt: at, paymentId: id, coachId: `coach${i % 50}`, gross: sek(49900), fee: sek(9980) }));
    entries.push(stripeFeeEntry({ occurredAt: at, sourceId: `txn_bench_${i}`, fee: sek(Math.floor(i / DAYS) % 5 === 0 ? 250 : 1100), paymentId: id })!);
  }
  for (let i = 0; i < PAYOUTS; i++) {
    const day = addDays(first, i % DAYS);
    entries.push(payoutPaidEntry({ occurredAt: dayBounds(day).fromMs + 20 * 3600_000, payoutId: `payout_bench_${i}`, coachId: `coach${i % 50}`, amount: sek(20000) }));
  }
  for (let d = 0; d < DAYS; d++) {
    entries.push(platformPayoutEntry({ occurredAt: dayBounds(addDays(first, d)).fromMs + 22 * 3600_000, stripePayoutId: `po_bench_${d}`, amount: sek(100000) }));
  }
  return { entries, first };
}

async function main(): Promise<void> {
  const sandbox = await startFortnoxSandbox({ port: 0 });
  try {
    const yesterday = addDays(dayOf(Date.now()), -1);
    const { entries, first } = month(yesterday);
    const ledger = new InMemoryLedgerReader().add(...entries);
    const store = new InMemoryAccountingStore();
    const connection = new InMemoryConnectionStore();
    connection.connection = { status: "connected", mode: "client_credentials", tenantId: "1234567" };
    const clock = { now: () => new Date() };
    const tokens = new FortnoxTokens({
      auth: new FortnoxOAuth({ authBase: sandbox.url, clientId: "kassa-local", clientSecret: "kassa-local-secret" }),
      connection,
      secrets: new InMemorySecretStore(),
      clock,
      holderId: "bench",
    });
    let calls = 0;
    let tooMany = 0;
    const api = new FortnoxApiClient({
      apiBase: sandbox.url,
      tokens,
      onResponse: ({ status }) => {
        calls++;
        if (status === 429) tooMany++;
      },
    });
    let n = 0;
    const deps = { ledger, store, gateway: new FortnoxGateway(api), clock, newRunId: () => `bench-${++n}`, maxDaysPerRun: 62 };

    const started = Date.now();
    const job = await syncAccounting(deps, { trigger: "schedule" });
    const wallMs = Date.now() - started;
    const vouchers = job.counts.posted + job.counts.recovered;
    const flowsPerDay = vouchers / DAYS;

    const rerunStart = calls;
    const rerun = await syncAccounting(deps, { trigger: "schedule" });

    console.log(`fortnox-sync: ${PAYMENTS} payments, ${PAYOUTS} payouts, ${entries.length} ledger entries over ${DAYS} days (${first}..${yesterday})`);
    const byFlow = new Map<string, number>();
    for (const v of job.vouchers) byFlow.set(v.flow, (byFlow.get(v.flow) ?? 0) + 1);
    console.log(`  vouchers by flow     ${[...byFlow].map(([f, c]) => `${f} ${c}`).join(", ")}`);
    console.log(`  run state            ${job.state} (${job.errors.length} errors)`);
    console.log(`  vouchers posted      ${vouchers} (${flowsPerDay.toFixed(1)} per day)`);
    console.log(`  Fortnox API calls    ${calls - (calls - rerunStart)} (${((calls - (calls - rerunStart)) / vouchers).toFixed(2)} per voucher; days x flows = ${vouchers})`);
    console.log(`  429s received        ${tooMany}`);
    console.log(`  wall time            ${(wallMs / 1000).toFixed(1)} s`);
    console.log(`  re-run               ${rerun.days.length} days to book, ${calls - rerunStart} Fortnox calls`);
    if (job.state !== "succeeded" || tooMany > 0 || calls - rerunStart > 0 || rerunStart > vouchers + DAYS + 1) {
      console.error("FAIL: expected success, zero 429s, calls <= vouchers + days (+1 token), and an idempotent re-run");
      process.exitCode = 1;
    }
  } finally {
    await sandbox.close();
  }
}

void main();
