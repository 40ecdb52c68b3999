/**
 * What both Fortnox benches share: a month of ledger (10,000 payments, 500 payouts) and the
 * real sync use case wired to a Fortnox sandbox over HTTP, counting the calls it makes.
 */
import { FortnoxApiClient } from "../../functions/src/adapters/fortnox/fortnox-api-client.js";
import { FortnoxGateway } from "../../functions/src/adapters/fortnox/fortnox-gateway.js";
import { FortnoxOAuth } from "../../functions/src/adapters/fortnox/fortnox-oauth.js";
import { FortnoxTokens } from "../../functions/src/app/accounting/fortnox-tokens.js";
import type { SyncDeps } from "../../functions/src/app/accounting/sync-accounting.js";
import { dayBounds } from "../../functions/src/domain/calendar-day.js";
import { payoutPaidEntry, platformPayoutEntry, programSaleEntry, stripeFeeEntry, subscriptionPaymentEntry } from "../../functions/src/domain/ledger.js";
import type { LedgerEntry } from "../../functions/src/domain/ledger-entries.js";
import { InMemoryAccountingStore } from "../../functions/test/fakes/in-memory-accounting-store.js";
import { InMemoryConnectionStore, InMemorySecretStore } from "../../functions/test/fakes/in-memory-fortnox-stores.js";
import { InMemoryAccountingAlerts, InMemoryAccountingNotifications } from "../../functions/test/fakes/in-memory-accounting-alerts.js";
import { InMemoryAccountingLedger } from "../../functions/test/fakes/in-memory-accounting-ledger.js";

export const PAYMENTS = 10_000;
export const PAYOUTS = 500;
export const DAYS = Number(process.env["BENCH_DAYS"] ?? 30);

export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
const sek = (amount: number) => ({ amount, currency: "sek" as const });

/** DAYS days of traffic ending on `lastDay`: sales, subscriptions, Stripe fees, coach and platform payouts. */
export function month(lastDay: string): { entries: LedgerEntry[]; first: string } {
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

export interface Counted {
  deps: SyncDeps;
  /** Every HTTP answer from Fortnox, and how many of them were 429. */
  counts: { calls: number; tooMany: number };
}

/** The sync use case against `fortnoxUrl` with in-memory Kassa stores and client-credentials tokens. */
export function syncAgainst(fortnoxUrl: string, entries: LedgerEntry[], client: { timeoutMs?: number } = {}): Counted {
  const connection = new InMemoryConnectionStore();
  connection.connection = { status: "connected", mode: "client_credentials", tenantId: "1234567" };
  const clock = { now: () => new Date() };
  const tokens = new FortnoxTokens({
    auth: new FortnoxOAuth({ authBase: fortnoxUrl, clientId: "kassa-local", clientSecret: "kassa-local-secret" }),
    connection,
    secrets: new InMemorySecretStore(),
    clock,
    holderId: "bench",
  });
  const counts = { calls: 0, tooMany: 0 };
  const api = new FortnoxApiClient({
    apiBase: fortnoxUrl,
    tokens,
    ...client,
    onResponse: ({ status }) => {
      counts.calls++;
      if (status === 429) counts.tooMany++;
    },
  });
  let n = 0;
  const ledger = new InMemoryAccountingLedger(clock);
  // Each entry committed a minute after its business event, as the webhook path writes it.
  for (const e of entries) ledger.addRecordedAt(e.occurredAt + 60_000, e);
  const deps: SyncDeps = {
    ledger,
    store: new InMemoryAccountingStore(),
    gateway: new FortnoxGateway(api),
    clock,
    alerts: new InMemoryAccountingAlerts(),
    notifications: new InMemoryAccountingNotifications(),
    newRunId: () => `bench-${++n}`,
  };
  return { deps, counts };
}
