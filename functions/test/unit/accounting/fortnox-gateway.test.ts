import assert from "node:assert/strict";
import { FortnoxApiClient } from "../../../src/adapters/fortnox/fortnox-api-client";
import { FortnoxGateway } from "../../../src/adapters/fortnox/fortnox-gateway";
import { FortnoxOAuth } from "../../../src/adapters/fortnox/fortnox-oauth";
import { RateGate } from "../../../src/adapters/fortnox/rate-gate";
import { FortnoxTokens } from "../../../src/app/accounting/fortnox-tokens";
import { syncAccountingNow } from "../../../src/app/accounting/sync-accounting";
import { dayOf } from "../../../src/domain/calendar-day";
import { isDomainError } from "../../../src/domain/errors";
import { systemClock } from "../../../src/ports/clock";
import { control, startSandbox, type RunningSandbox } from "../../fakes/fortnox-sandbox";
import { InMemoryAccountingStore } from "../../fakes/in-memory-accounting-store";
import { InMemoryConnectionStore, InMemorySecretStore } from "../../fakes/in-memory-fortnox-stores";
import { InMemoryAccountingAlerts, InMemoryAccountingNotifications } from "../../fakes/in-memory-accounting-alerts";
import { InMemoryAccountingLedger } from "../../fakes/in-memory-accounting-ledger";
import { at, dayLedger, FLOWS_PER_DAY } from "./sync-fixtures";

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

/** The Fortnox adapter against the real sandbox: wire format, errors, 429s, ambiguous POSTs. */
describe("FortnoxGateway (sandbox)", function () {
  this.timeout(60000);
  let sandbox: RunningSandbox;
  let sleeps: number[];
  const yesterday = addDays(dayOf(Date.now()), -1);

  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => sandbox.close());
  beforeEach(async () => {
    await control(sandbox.url, "POST", "/reset");
    sleeps = [];
  });

  function gateway(gate = new RateGate()) {
    const connection = new InMemoryConnectionStore();
    connection.connection = { status: "connected", mode: "client_credentials", tenantId: "1234567" };
    const tokens = new FortnoxTokens({
      auth: new FortnoxOAuth({ authBase: sandbox.url, clientId: "kassa-local", clientSecret: "kassa-local-secret" }),
      connection,
      secrets: new InMemorySecretStore(),
      clock: systemClock,
      holderId: "test",
    });
    const api = new FortnoxApiClient({
      apiBase: sandbox.url,
      tokens,
      gate,
      timeoutMs: 2000,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    return new FortnoxGateway(api);
  }

  const rows = [
    { account: 1580, debit: 49900, credit: 0 },
    { account: 2890, debit: 0, credit: 39920 },
    { account: 3041, debit: 0, credit: 7984 },
    { account: 2611, debit: 0, credit: 1996 },
  ];

  it("posts öre as kronor and reads the same öre back", async () => {
    const g = gateway();
    const year = (await g.financialYearFor(yesterday))!;
    const ref = await g.postVoucher(year.id, { description: "KASSA test", transactionDate: yesterday, series: "A", rows });
    const back = (await g.getVoucher(year.id, "A", ref.number))!;
    assert.deepEqual(back.rows.map((r) => [r.account, r.debit, r.credit]), rows.map((r) => [r.account, r.debit, r.credit]));
    const sandboxView = (await control(sandbox.url, "GET", "/vouchers")) as { vouchers: { rows: { credit: number }[] }[] };
    assert.deepEqual(sandboxView.vouchers[0]!.rows.map((r) => r.credit), [0, 399.2, 79.84, 19.96], "öre went over as kronor");
  });

  it("maps Fortnox's error envelope to provider_rejected with its message and code", async () => {
    const g = gateway();
    const locked = (await g.lockedPeriodEnd())!;
    const year = (await g.financialYearFor(locked))!;
    await assert.rejects(
      g.postVoucher(year.id, { description: "KASSA locked", transactionDate: locked, series: "A", rows }),
      (e: unknown) => isDomainError(e) && e.kind === "provider_rejected" && e.details?.["code"] === 2000401 && e.message.length > 20,
    );
    const y2 = (await g.financialYearFor(yesterday))!;
    await assert.rejects(
      g.postVoucher(y2.id, { description: "KASSA inactive", transactionDate: yesterday, series: "A", rows: [{ account: 3990, debit: 100, credit: 0 }, { account: 1580, debit: 0, credit: 100 }] }),
      (e: unknown) => isDomainError(e) && e.details?.["code"] === 2000551,
    );
  });

  it("backs off on 429 and posts once", async () => {
    const g = gateway();
    const year = (await g.financialYearFor(yesterday))!;
    await control(sandbox.url, "POST", "/faults", { method: "POST", path: "/3/vouchers", status: 429, count: 3 });
    const ref = await g.postVoucher(year.id, { description: "KASSA 429", transactionDate: yesterday, series: "A", rows });
    assert.equal(ref.number, 1);
    assert.deepEqual(sleeps, [1000, 2000, 4000], "exponential backoff");
    const stored = (await control(sandbox.url, "GET", "/vouchers")) as { vouchers: unknown[] };
    assert.equal(stored.vouchers.length, 1);
  });

  it("never retries a POST after a 5xx: it is ambiguous, the voucher may exist", async () => {
    const g = gateway();
    const year = (await g.financialYearFor(yesterday))!;
    await control(sandbox.url, "POST", "/faults", { method: "POST", path: "/3/vouchers", status: 500, count: 1, after_effect: true });
    await assert.rejects(
      g.postVoucher(year.id, { description: "KASSA 5xx", transactionDate: yesterday, series: "A", rows }),
      (e: unknown) => isDomainError(e) && e.kind === "provider_unavailable" && e.details?.["ambiguous"] === true,
    );
    const listed = await g.listVouchers({ financialYearId: year.id, series: "A", fromDate: yesterday, toDate: yesterday });
    assert.deepEqual(listed.map((v) => v.description), ["KASSA 5xx"]);
  });

  it("keeps under the 25 per 5 s limit by itself: 40 reads, zero 429s", async () => {
    const g = gateway(new RateGate(20, 5000));
    const started = Date.now();
    await Promise.all(Array.from({ length: 40 }, () => g.lockedPeriodEnd()));
    assert.ok(Date.now() - started >= 4900, "paced over two windows");
    const log = (await control(sandbox.url, "GET", "/requests?path_prefix=/3/")) as { requests: { status: number }[] };
    assert.equal(log.requests.filter((r) => r.status === 429).length, 0);
    assert.equal(sleeps.length, 0, "no backoff was needed");
  });

  it("the sync with timeouts after POST, 5xx and 429 bursts books every voucher exactly once", async () => {
    const store = new InMemoryAccountingStore();
    const ledger = new InMemoryAccountingLedger(systemClock).addRecordedAt(at(yesterday, 60), ...dayLedger(yesterday, "z"));
    const g = gateway();
    await control(sandbox.url, "POST", "/faults", { method: "POST", path: "/3/vouchers", status: 500, count: 2, after_effect: true });
    await control(sandbox.url, "POST", "/faults", { method: "POST", path: "/3/vouchers", status: 429, count: 2 });
    await control(sandbox.url, "POST", "/faults", { method: "GET", path: "/3/vouchers/sublist", status: 503, count: 1 });
    let n = 0;
    const job = await syncAccountingNow(
      { ledger, store, gateway: g, clock: systemClock, alerts: new InMemoryAccountingAlerts(), notifications: new InMemoryAccountingNotifications(), newRunId: () => `r${++n}` },
      { uid: "a", role: "accountant", email: null },
      {},
    );
    const stored = (await control(sandbox.url, "GET", "/vouchers")) as { vouchers: { description: string }[] };
    const descriptions = stored.vouchers.map((v) => v.description);
    assert.equal(descriptions.length, FLOWS_PER_DAY, "no duplicate, none missing");
    assert.equal(new Set(descriptions).size, FLOWS_PER_DAY);
    assert.equal(job.counts.posted + job.counts.recovered, FLOWS_PER_DAY);
    assert.ok(job.counts.recovered >= 1);
  });
});
