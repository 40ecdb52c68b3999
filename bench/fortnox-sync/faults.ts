/**
 * A month's sync with Fortnox failing on purpose, compared with a clean month.
 *
 *   npx tsx bench/fortnox-sync/faults.ts
 *
 * Two in-process Fortnox sandboxes (rate limit on). The first books the month cleanly. The
 * second answers, at random: 10 % of voucher POSTs with a 500 after storing the voucher,
 * 5 % with a hang past the client's timeout after storing it, 5 % with a 502 before storing,
 * 10 % of marker lookups with a 500, and every 20 seconds a burst of three 429s on every
 * path (Fortnox's window is 5 s, so a real burst ends within a few answers). The nightly job is re-run (as the next night would) until every day is booked. Then
 * the vouchers in the two sandboxes must be the same (description and rows), none twice.
 */
import { syncAccounting, type SyncDeps } from "../../functions/src/app/accounting/sync-accounting.js";
import { dayOf } from "../../functions/src/domain/calendar-day.js";
import { startFortnoxSandbox, type FortnoxSandbox } from "../../sandbox/fortnox/src/server.js";
import { addDays, DAYS, month, syncAgainst } from "./month.js";

const CLIENT_TIMEOUT_MS = 1500;
const MAX_NIGHTS = 10;

interface SandboxVoucher {
  description: string;
  rows: { account: number; debit: number; credit: number }[];
}

async function control(sandbox: FortnoxSandbox, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sandbox.url}/__sandbox${path}`, { method, headers: { "content-type": "application/json" }, ...(body ? { body: JSON.stringify(body) } : {}) });
  if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** What Fortnox holds, as comparable strings (one per voucher), sorted. */
async function holdings(sandbox: FortnoxSandbox): Promise<string[]> {
  const { vouchers } = (await control(sandbox, "GET", "/vouchers")) as { vouchers: SandboxVoucher[] };
  return vouchers.map((v) => JSON.stringify({ d: v.description, r: v.rows.map((r) => [r.account, r.debit, r.credit]) })).sort();
}

async function nights(deps: SyncDeps): Promise<{ nights: number; recovered: number; lastState: string }> {
  let recovered = 0;
  for (let night = 1; night <= MAX_NIGHTS; night++) {
    const job = await syncAccounting(deps, { trigger: "schedule" });
    recovered += job.counts.recovered;
    console.log(`  night ${night}: ${job.state}, posted ${job.counts.posted}, found by marker ${job.counts.recovered}, failed ${job.counts.failed}`);
    if (job.state === "succeeded") return { nights: night, recovered, lastState: job.state };
    if (night === MAX_NIGHTS) return { nights: night, recovered, lastState: `${job.state}: ${job.errors.slice(0, 3).map((e) => JSON.stringify(e)).join("; ")}` };
  }
  throw new Error("unreachable");
}

async function main(): Promise<void> {
  const yesterday = addDays(dayOf(Date.now()), -1);
  const { entries, first } = month(yesterday);
  const clean = await startFortnoxSandbox({ port: 0 });
  const faulty = await startFortnoxSandbox({ port: 0 });
  let bursts: NodeJS.Timeout | undefined;
  try {
    const cleanRun = syncAgainst(clean.url, entries);
    const cleanStarted = Date.now();
    const cleanJob = await syncAccounting(cleanRun.deps, { trigger: "schedule" });
    const expected = await holdings(clean);
    const cleanMs = Date.now() - cleanStarted;

    await control(faulty, "POST", "/faults", { method: "POST", path: "/3/vouchers", status: 500, fraction: 0.1, after_effect: true });
    await control(faulty, "POST", "/faults", { method: "POST", path: "/3/vouchers", latency_ms: CLIENT_TIMEOUT_MS + 1000, fraction: 0.05, after_effect: true });
    await control(faulty, "POST", "/faults", { method: "POST", path: "/3/vouchers", status: 502, fraction: 0.05 });
    await control(faulty, "POST", "/faults", { method: "GET", path: "/3/vouchers/sublist", status: 500, fraction: 0.1 });
    const addBurst = () => void control(faulty, "POST", "/faults", { path: "/3/", status: 429, count: 3 }).catch(() => undefined);
    addBurst();
    bursts = setInterval(addBurst, 20_000);
    const faultyRun = syncAgainst(faulty.url, entries, { timeoutMs: CLIENT_TIMEOUT_MS });
    const started = Date.now();
    const outcome = await nights(faultyRun.deps);
    const wallMs = Date.now() - started;
    clearInterval(bursts);
    bursts = undefined;

    const { requests } = (await control(faulty, "GET", "/requests?path_prefix=/3/")) as { requests: { method: string; path: string; status: number; fault?: boolean }[] };
    const injected = requests.filter((r) => r.fault);
    const kinds = new Map<string, number>();
    for (const r of injected) {
      const kind = `${r.method} ${r.path.startsWith("/3/vouchers/sublist") ? "lookup" : r.path.split("?")[0]} ${r.status}`;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    const got = await holdings(faulty);
    const twice = got.length - new Set(got).size;
    const missing = expected.filter((v) => !got.includes(v)).length;
    const extra = got.filter((v) => !expected.includes(v)).length;

    console.log(`fortnox-sync faults: ${DAYS} days (${first}..${yesterday}), ${entries.length} ledger entries`);
    console.log(`  clean run            ${cleanJob.state}, ${expected.length} vouchers, ${cleanRun.counts.calls} Fortnox calls, ${(cleanMs / 1000).toFixed(1)} s`);
    console.log(`  faults injected      ${injected.length} (${[...kinds].map(([k, n]) => `${k} x${n}`).join(", ")})`);
    console.log(`  faulty month         ${outcome.lastState} after ${outcome.nights} nightly run(s), ${faultyRun.counts.calls} Fortnox calls, ${faultyRun.counts.tooMany} 429s, ${(wallMs / 1000).toFixed(1)} s`);
    console.log(`  found by marker      ${outcome.recovered} vouchers (stored by Fortnox although the answer failed)`);
    console.log(`  compared with clean  ${got.length} vouchers: ${missing} missing, ${extra} different, ${twice} twice`);
    if (outcome.lastState !== "succeeded" || missing || extra || twice || injected.length === 0) {
      console.error("FAIL: the faulty month must end booked, with exactly the clean month's vouchers");
      process.exitCode = 1;
    }
  } finally {
    if (bursts) clearInterval(bursts);
    await Promise.all([clean.close(), faulty.close()]);
  }
}

void main();
