// A year of payments (1,000,000 rows, ~150 MB of CSV) exported through the real use case
// (runExport: claim, count, pages of 1,000, progress, finish, link) with an in-process paged
// source that makes each page's rows when asked (as Firestore returns one page at a time) and
// a sink that streams to a temp file, waiting for 'drain' as the Cloud Storage sink does.
// Prints rows, bytes, time, rows/s, progress writes and peak RSS sampled every 10 ms during
// the run; exits non-zero when the peak is over the 256 MB target or the file is wrong.
//   npx tsx bench/scale/export.ts            (BENCH_EXPORT_ROWS=200000 for a shorter run)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { paymentsCsv } from "../../functions/src/app/reports/csv.js";
import { runExport } from "../../functions/src/app/exports/run-export.js";
import { startExport } from "../../functions/src/app/exports/start-export.js";
import type { ExportFileSink } from "../../functions/src/ports/export-file-sink.js";
import type { ExportRange, ExportRowSource, RowPage } from "../../functions/src/ports/export-row-source.js";
import type { PaymentExportRow } from "../../functions/src/ports/report-store.js";
import { InMemoryExportJobStore } from "../../functions/test/fakes/in-memory-export-jobs.js";

const N = Number(process.env["BENCH_EXPORT_ROWS"] ?? 1_000_000);
const TARGET_MB = 256;
const FROM = Date.parse("2025-01-01T00:00:00+01:00");
/** A year's rows spread evenly over 2025. */
const STEP = Math.floor((365 * 86_400_000) / N);

function row(i: number): PaymentExportRow {
  return {
    id: `pi_${i.toString(36).padStart(10, "0")}Xq3Lm8Tz`,
    date: FROM + i * STEP,
    kind: i % 7 === 0 ? "subscription" : "program",
    status: i % 50 === 0 ? "refunded" : "succeeded",
    userId: `cust_${(i * 7919) % 90_001}`,
    coachId: `coach_${i % 400}`,
    programId: i % 7 === 0 ? null : `prog_${i % 1200}`,
    currency: i % 10 === 0 ? "eur" : "sek",
    amount: 49_900,
    feeAmount: 9_980,
    coachAmount: 39_920,
    stripeFee: 1_010 + (i % 13),
    refundedAmount: i % 50 === 0 ? 49_900 : 0,
  };
}

/** Rows made per page on demand; the cursor is the next index (as a string, like the real one). */
class GeneratedPayments implements ExportRowSource {
  pages = 0;
  async count(): Promise<number> {
    return N;
  }
  async payments(_r: ExportRange, after: string | null, limit: number): Promise<RowPage<PaymentExportRow>> {
    this.pages++;
    const start = after === null ? 0 : Number(after);
    const end = Math.min(N, start + limit);
    const rows = Array.from({ length: end - start }, (_, k) => row(start + k));
    return { rows, after: end - start === limit && end < N ? String(end) : null };
  }
  async payouts(): Promise<RowPage<never>> {
    return { rows: [], after: null };
  }
  async ledger(): Promise<RowPage<never>> {
    return { rows: [], after: null };
  }
}

class TempFileSink implements ExportFileSink {
  constructor(readonly dir: string) {}
  file = "";
  async open(objectPath: string) {
    this.file = path.join(this.dir, objectPath.replace(/\//g, "_"));
    const stream = fs.createWriteStream(this.file);
    let bytes = 0;
    return {
      write: async (text: string) => {
        bytes += Buffer.byteLength(text);
        if (!stream.write(text)) await once(stream, "drain");
      },
      finish: async () => {
        stream.end();
        await once(stream, "finish");
        return { bytes };
      },
      abort: async (reason: Error) => void stream.destroy(reason),
    };
  }
  async downloadUrl(objectPath: string): Promise<string> {
    return `file://${objectPath}`;
  }
}

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of fs.createReadStream(file)) {
    const b = chunk as Buffer;
    for (let i = 0; i < b.length; i++) if (b[i] === 10) n++;
  }
  return n;
}

/** The one-shot way (today's exportCsv): every row in memory, then one string. Run in a child for a clean RSS. */
function oneShotChild(): void {
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 10);
  const t0 = performance.now();
  const rows = Array.from({ length: N }, (_, i) => row(i));
  sample();
  const csv = paymentsCsv(rows);
  sample();
  clearInterval(timer);
  console.log(JSON.stringify({ peak, bytes: Buffer.byteLength(csv), seconds: (performance.now() - t0) / 1000 }));
}

function oneShot(): { peak: number; bytes: number; seconds: number } | null {
  const r = spawnSync(path.join(import.meta.dirname, "../../node_modules/.bin/tsx"), [import.meta.filename, "--one-shot-child"], {
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=4096" },
  });
  try {
    return JSON.parse(r.stdout.trim().split("\n").pop() ?? "") as { peak: number; bytes: number; seconds: number };
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kassa-bench-export-"));
  const jobs = new InMemoryExportJobStore();
  const source = new GeneratedPayments();
  const sink = new TempFileSink(dir);
  let clockMs = Date.parse("2026-01-02T08:00:00Z");
  const clock = { now: () => new Date(clockMs) };
  const ids = { next: (p: string) => `${p}-bench` };
  const admin = { uid: "admin-bench", role: "admin" as const, email: null };
  const { jobId } = await startExport({ jobs, clock, ids, queue: { enqueue: async () => undefined } }, admin, { kind: "payments", from: "2025-01-01", to: "2025-12-31" });

  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 10);
  // The real clock drives the progress throttle (one write a second at most), as in production.
  const realClock = { now: () => new Date((clockMs = Date.now())) };
  const t0 = performance.now();
  const result = await runExport({ jobs, source, sink, clock: realClock }, jobId, "attempt-1");
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  const job = jobs.jobs.get(jobId)!;
  const lines = await countLines(sink.file);
  const bytes = fs.statSync(sink.file).size;
  fs.rmSync(dir, { recursive: true, force: true });
  const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
  const progressWrites = jobs.patches.filter((p) => p.patch.progress !== undefined).length;

  console.log(`export of ${N.toLocaleString("en")} payment rows through runExport (pages of 1,000, streamed to a temp file)`);
  console.log(`  result            ${result.result}, job ${job.status}, rowsWritten ${job.rowsWritten.toLocaleString("en")}, progress ${job.progress} %`);
  console.log(`  file              ${lines.toLocaleString("en")} lines (header + rows), ${mb(bytes)} MB, ${(bytes / N).toFixed(1)} bytes/row`);
  console.log(`  pages read        ${source.pages.toLocaleString("en")} (${(N / source.pages).toFixed(0)} rows/page)`);
  console.log(`  progress writes   ${progressWrites} (one a second at most, plus the final one)`);
  console.log(`  time              ${seconds.toFixed(1)} s, ${Math.round(N / seconds).toLocaleString("en")} rows/s, ${mb(bytes / seconds)} MB/s`);
  console.log(`  peak RSS          ${mb(peakRss)} MB (before the run ${mb(rssBefore)} MB; peak heap ${mb(peakHeap)} MB)`);
  console.log(`  peak / target     ${mb(peakRss)} / ${TARGET_MB} MB = ${(peakRss / 1024 / 1024 / TARGET_MB).toFixed(2)}; file / peak RSS = ${(bytes / peakRss).toFixed(2)}`);
  const shot = process.argv.includes("--no-compare") ? null : oneShot();
  if (shot) {
    console.log(`  one-shot (today)  peak RSS ${mb(shot.peak)} MB for the same ${mb(shot.bytes)} MB in one string (${shot.seconds.toFixed(1)} s): ${(shot.peak / peakRss).toFixed(1)}x the streamed peak`);
  }
  const ok = result.result === "done" && job.rowsWritten === N && lines === N + 1 && peakRss < TARGET_MB * 1024 * 1024;
  console.log(ok ? "OK: flat memory, every row written once" : "FAILED");
  process.exit(ok ? 0 : 1);
}

if (process.argv.includes("--one-shot-child")) oneShotChild();
else main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
