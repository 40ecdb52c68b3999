import assert from "node:assert/strict";
import { paymentsCsv } from "../../../src/app/reports/csv";
import { BOM } from "../../../src/app/exports/csv-kinds";
import { startExport, type StartExportDeps } from "../../../src/app/exports/start-export";
import { runExport, type RunExportDeps } from "../../../src/app/exports/run-export";
import { EXPORT_LEASE_MS, MAX_EXPORT_DAYS } from "../../../src/app/exports/limits";
import { programSaleEntry } from "../../../src/domain/ledger";
import { DomainError } from "../../../src/domain/errors";
import type { Caller } from "../../../src/app/caller";
import type { PaymentExportRow } from "../../../src/ports/report-store";
import { FixedClock } from "../../fakes/fixed-clock";
import { InMemoryExportJobStore } from "../../fakes/in-memory-export-jobs";
import { ArrayExportRowSource, MemoryExportSink } from "../../fakes/in-memory-export-io";

const admin: Caller = { uid: "admin-1", role: "admin", email: "a@kassa.test" };
const coach: Caller = { uid: "c1", role: "coach", email: "c@kassa.test" };
const customer: Caller = { uid: "u1", role: "customer", email: "u@kassa.test" };
const T0 = Date.parse("2025-03-01T10:00:00Z");

function payment(i: number, over: Partial<PaymentExportRow> = {}): PaymentExportRow {
  return {
    id: `pi_${String(i).padStart(6, "0")}`,
    date: T0 + i * 60_000,
    kind: "program",
    status: "succeeded",
    userId: `cust-${i}`,
    coachId: i % 2 === 0 ? "c1" : "c2",
    programId: "prog-1",
    currency: "sek",
    amount: 49900,
    feeAmount: 9980,
    coachAmount: 39920,
    stripeFee: 1010,
    refundedAmount: 0,
    ...over,
  };
}

function world(rows = 0) {
  const clock = new FixedClock(Date.parse("2025-04-01T08:00:00Z"));
  const jobs = new InMemoryExportJobStore();
  const enqueued: string[] = [];
  let n = 0;
  const start: StartExportDeps = { jobs, clock, queue: { enqueue: async (id) => void enqueued.push(id) }, ids: { next: (p) => `${p}-${++n}` } };
  const source = new ArrayExportRowSource();
  source.paymentRows = Array.from({ length: rows }, (_, i) => payment(i));
  const sink = new MemoryExportSink();
  const run: RunExportDeps = { jobs, sink, source, clock, pageSize: 1000, progressEveryMs: 0 };
  return { clock, jobs, enqueued, start, source, sink, run };
}

const march = { kind: "payments", from: "2025-03-01", to: "2025-03-31" };
const lines = (text: string) => text.split("\r\n").filter((l) => l !== "");

async function refused(p: Promise<unknown>, kind: string, field: string | undefined): Promise<DomainError> {
  const e = await p.then(() => assert.fail("expected a refusal"), (err: unknown) => err);
  assert.ok(e instanceof DomainError, String(e));
  assert.equal(e.kind, kind);
  assert.equal(e.field, field);
  return e;
}

describe("exports: startExport refuses bad requests before anything starts", () => {
  it("a period over the maximum names the end date and says how long it was", async () => {
    const w = world();
    const e = await refused(startExport(w.start, admin, { kind: "payments", from: "2024-01-01", to: "2025-01-01" }), "invalid_input", "to");
    assert.match(e.message, new RegExp(`367 days.*at most ${MAX_EXPORT_DAYS} days`));
    assert.equal(w.jobs.jobs.size, 0);
    assert.deepEqual(w.enqueued, []);
  });

  it("exactly the maximum (a leap year) is accepted", async () => {
    const w = world();
    await startExport(w.start, admin, { kind: "payments", from: "2024-01-01", to: "2024-12-31" });
    assert.equal(w.jobs.jobs.size, 1);
  });

  it("an end before the start is refused, naming the end date", async () => {
    const w = world();
    const e = await refused(startExport(w.start, admin, { kind: "payments", from: "2025-03-10", to: "2025-03-09" }), "invalid_input", "to");
    assert.match(e.message, /before the start date 2025-03-10/);
    assert.equal(w.jobs.jobs.size, 0);
    assert.deepEqual(w.enqueued, []);
  });

  it("a date that is not a day names its field", async () => {
    const w = world();
    await refused(startExport(w.start, admin, { kind: "payments", from: "2025-02-30", to: "2025-03-09" }), "invalid_input", "from");
    assert.equal(w.jobs.jobs.size, 0);
  });

  it("a coach asking for another coach's data is refused, naming coachId, and nothing is started", async () => {
    const w = world();
    const e = await refused(startExport(w.start, coach, { ...march, coachId: "c2" }), "permission", "coachId");
    assert.match(e.message, /only their own/);
    assert.equal(w.jobs.jobs.size, 0);
    assert.deepEqual(w.enqueued, []);
  });

  it("a coach cannot export the platform's ledger; a customer cannot export at all", async () => {
    const w = world();
    await refused(startExport(w.start, coach, { kind: "ledger", from: "2025-03-01", to: "2025-03-02" }), "permission", "kind");
    await refused(startExport(w.start, customer, march), "permission", undefined);
    assert.equal(w.jobs.jobs.size, 0);
    assert.deepEqual(w.enqueued, []);
  });

  it("an admin's request is recorded as queued with who asked, and enqueued once under the job's id", async () => {
    const w = world();
    const { jobId } = await startExport(w.start, admin, march);
    const job = w.jobs.jobs.get(jobId)!;
    assert.equal(job.status, "queued");
    assert.equal(job.requestedBy, "admin-1");
    assert.equal(job.requestedRole, "admin");
    assert.deepEqual(job.params, { from: "2025-03-01", to: "2025-03-31", coachId: null, format: "standard" });
    assert.equal(job.createdAt, w.clock.ms);
    assert.deepEqual(w.enqueued, [jobId]);
  });

  it("a coach's export is limited to the coach, even when coachId is left out", async () => {
    const w = world(10);
    const { jobId } = await startExport(w.start, coach, march);
    assert.equal(w.jobs.jobs.get(jobId)!.params["coachId"], "c1");
    // The book knows every customer's name; the coach's file still names none of them.
    const asked: string[] = [];
    const book = {
      names: async (ask: { uids: readonly string[]; programIds: readonly string[] }) => {
        asked.push(...ask.uids);
        return { people: new Map(ask.uids.map((u) => [u, u === "c1" ? "Lina Berg" : `Kund ${u}`] as const)), programs: new Map(ask.programIds.map((p) => [p, "Andas lugnt"] as const)) };
      },
    };
    await runExport({ ...w.run, names: book }, jobId, "a1");
    const file = w.sink.objects.get(`exports/${jobId}/${w.jobs.jobs.get(jobId)!.filename}`)!.text;
    const body = lines(file).slice(1).map((l) => l.split(","));
    assert.equal(body.length, 5);
    assert.ok(body.every((r) => r[13] === "c1" && r[14] === "Lina Berg" && r[16] === "Andas lugnt"), "their own name and their programs' titles");
    assert.ok(body.every((r) => r[12] === ""), "no customer's name in a coach's file");
    assert.deepEqual(asked, ["c1"], "customers are not even looked up");
  });

  it("an Excel (Sweden) export is written with semicolons and decimal commas; a job from before formats gets the standard file", async () => {
    const w = world(10);
    const { jobId } = await startExport(w.start, admin, { ...march, format: "excel-sv" });
    assert.equal(w.jobs.jobs.get(jobId)!.params["format"], "excel-sv");
    await runExport(w.run, jobId, "a1");
    const file = w.sink.objects.get(`exports/${jobId}/${w.jobs.jobs.get(jobId)!.filename}`)!.text;
    const [header, first] = file.replace(/^\ufeff/, "").split("\r\n");
    assert.match(header!, /^payment_id;created_stockholm;day;/);
    assert.match(first!, /;SEK;\d+,\d{2};/);

    const old = await startExport(w.start, admin, march);
    const { format: _dropped, ...before } = w.jobs.jobs.get(old.jobId)!.params;
    w.jobs.jobs.set(old.jobId, { ...w.jobs.jobs.get(old.jobId)!, params: before });
    await runExport(w.run, old.jobId, "a2");
    const oldFile = w.sink.objects.get(`exports/${old.jobId}/${w.jobs.jobs.get(old.jobId)!.filename}`)!.text;
    assert.match(oldFile.replace(/^\ufeff/, "").split("\r\n")[0]!, /^payment_id,created_utc,day,/);
  });

  it("a queue that cannot take the task marks the job failed and says so", async () => {
    const w = world();
    w.start.queue = { enqueue: async () => { throw new Error("tasks down"); } };
    await refused(startExport(w.start, admin, march), "provider_unavailable", undefined);
    const [job] = [...w.jobs.jobs.values()];
    assert.equal(job!.status, "failed");
  });
});

describe("exports: runExport streams pages into one file", () => {
  it("2,500 payments: three page reads continued by cursor, one file equal to the one-shot CSV", async () => {
    const w = world(2500);
    const { jobId } = await startExport(w.start, admin, march);
    const r = await runExport(w.run, jobId, "a1");
    assert.deepEqual(r.result, "done");
    assert.equal(w.source.reads.length, 3);
    assert.equal(w.source.reads[0]!.after, null);
    assert.notEqual(w.source.reads[1]!.after, null);
    assert.ok(w.source.reads.every((x) => x.limit === 1000));
    const job = w.jobs.jobs.get(jobId)!;
    const obj = w.sink.objects.get(`exports/${jobId}/kassa-payments-2025-03-01-to-2025-03-31.csv`)!;
    assert.equal(obj.text, BOM + paymentsCsv(w.source.paymentRows));
    assert.equal(obj.contentType, "text/csv; charset=utf-8");
    assert.equal(lines(obj.text).length, 2501);
    assert.equal(job.status, "done");
    assert.equal(job.rowsWritten, 2500);
    assert.equal(job.recordsTotal, 2500);
    assert.equal(job.progress, 100);
    assert.equal(job.bytes, Buffer.byteLength(obj.text));
    assert.equal(job.downloadUrl, `memory://${job.objectPath}?expires=${job.downloadExpiresAt}`);
    // A page at a time reaches the sink, never the whole file.
    assert.ok(w.sink.largestWrite < obj.text.length / 2, `largest write ${w.sink.largestWrite} of ${obj.text.length}`);
  });

  it("names beside ids across pages, each id looked up once for the whole file; ids without a name leave the cell empty", async () => {
    const w = world(2500); // three pages of 1,000; 2,500 customers, coaches c1 and c2, one program
    const asked: string[] = [];
    const book = {
      names: async (ask: { uids: readonly string[]; programIds: readonly string[] }) => {
        asked.push(...ask.uids, ...ask.programIds.map((id) => `program:${id}`));
        const people = new Map<string, string>([["c1", "Lina Berg"], ["c2", "Oskar Lind"], ["cust-7", "Elin Köpare"]].filter(([u]) => ask.uids.includes(u!)) as [string, string][]);
        return { people, programs: new Map(ask.programIds.includes("prog-1") ? [["prog-1", "Andas lugnt"]] : []) };
      },
    };
    const { jobId } = await startExport(w.start, admin, march);
    await runExport({ ...w.run, names: book }, jobId, "a1");
    const text = [...w.sink.objects.values()][0]!.text;
    const [header, ...rows] = lines(text.replace(BOM, "")).map((l) => l.split(","));
    const cell = (r: string[], name: string) => r[header!.indexOf(name)];
    assert.deepEqual(header!.slice(11), ["customer_uid", "customer_name", "coach_uid", "coach_name", "program_id", "program_title"]);
    const seventh = rows.find((r) => r[0] === "pi_000007")!;
    assert.deepEqual([cell(seventh, "customer_name"), cell(seventh, "coach_name"), cell(seventh, "program_title")], ["Elin Köpare", "Oskar Lind", "Andas lugnt"]);
    assert.equal(cell(rows.find((r) => r[0] === "pi_000008")!, "customer_name"), "", "no profile: an empty cell");
    assert.ok(rows.every((r) => cell(r, "coach_name") === (cell(r, "coach_uid") === "c1" ? "Lina Berg" : "Oskar Lind")));
    assert.equal(asked.length, new Set(asked).size, "no id asked twice, pages or not");
    assert.equal(asked.length, 2500 + 2 + 1);
  });

  it("cells that spreadsheets would run as formulas are neutralised as in the one-shot export, names included", async () => {
    const w = world();
    w.source.paymentRows = [
      payment(1, { userId: "=HYPERLINK(\"http://x\")" }),
      payment(2, { userId: "+1+1", programId: "@SUM(A1)" }),
      payment(3, { userId: "-2+3", programId: "\tcmd" }),
      payment(4, { userId: "\r=1" }),
    ];
    // A name is typed by its owner: one that starts like a formula is defused like any cell.
    const book = {
      names: async (ask: { uids: readonly string[]; programIds: readonly string[] }) => ({
        people: new Map(ask.uids.filter((u) => u === "c1").map((u) => [u, "=Lina Berg"] as const)),
        programs: new Map(ask.programIds.filter((id) => id === "@SUM(A1)").map((id) => [id, "+Andas"] as const)),
      }),
    };
    const { jobId } = await startExport(w.start, admin, march);
    await runExport({ ...w.run, names: book }, jobId, "a1");
    const text = [...w.sink.objects.values()][0]!.text;
    assert.match(text, /,"'=HYPERLINK\(""http:\/\/x""\)",/);
    assert.match(text, /,'\+1\+1,,c1,'=Lina Berg,'@SUM\(A1\),'\+Andas\r\n/);
    assert.match(text, /,'-2\+3,,c2,,'\tcmd,\r\n/);
    assert.match(text, /,"'\r=1",/);
    assert.doesNotMatch(text, /,=|,\+|,@/);
  });

  it("progress is written after every page, rising to 100 with the rows written so far", async () => {
    const w = world(2500);
    const { jobId } = await startExport(w.start, admin, march);
    await runExport(w.run, jobId, "a1");
    const seen = w.jobs.patches.filter((p) => p.patch.progress !== undefined).map((p) => [p.patch.progress, p.patch.rowsWritten]);
    assert.deepEqual(seen, [[40, 1000], [80, 2000], [99, 2500], [100, 2500]]);
  });

  it("progress writes are spaced by progressEveryMs on a fast export", async () => {
    const w = world(2500);
    w.run.progressEveryMs = 1000;
    const { jobId } = await startExport(w.start, admin, march);
    await runExport(w.run, jobId, "a1"); // the clock does not move: only the first page and the end write
    const seen = w.jobs.patches.filter((p) => p.patch.progress !== undefined).map((p) => p.patch.progress);
    assert.deepEqual(seen, [40, 100]);
  });

  it("an empty period makes a file holding the header only", async () => {
    const w = world(0);
    const { jobId } = await startExport(w.start, admin, march);
    await runExport(w.run, jobId, "a1");
    const text = [...w.sink.objects.values()][0]!.text;
    assert.equal(text, BOM + paymentsCsv([]));
    assert.equal(w.jobs.jobs.get(jobId)!.rowsWritten, 0);
    assert.equal(w.jobs.jobs.get(jobId)!.progress, 100);
  });

  it("a ledger export writes a line per posting and counts entries as records", async () => {
    const w = world();
    w.source.entries = Array.from({ length: 3 }, (_, i) => ({
      ...programSaleEntry({ paymentId: `pi_${i}`, coachId: "c1", gross: { amount: 49900, currency: "sek" }, fee: { amount: 9980, currency: "sek" }, occurredAt: T0 })!,
      day: "2025-03-01",
    }));
    const postings = w.source.entries.reduce((n, e) => n + e.postings.length, 0);
    const { jobId } = await startExport(w.start, admin, { kind: "ledger", from: "2025-03-01", to: "2025-03-01" });
    await runExport(w.run, jobId, "a1");
    const job = w.jobs.jobs.get(jobId)!;
    assert.equal(job.rowsWritten, postings);
    assert.equal(job.recordsRead, 3);
    assert.equal(lines([...w.sink.objects.values()][0]!.text).length, postings + 1);
  });
});

describe("exports: retries make one file and never re-run a finished job", () => {
  it("a page read failing mid-file: the attempt aborts its object, the job goes back to queued, the retry writes the whole file once", async () => {
    const w = world(2500);
    const { jobId } = await startExport(w.start, admin, march);
    w.source.failOnRead = { index: 1, error: new Error("deadline exceeded") };
    await assert.rejects(runExport(w.run, jobId, "a1"), /deadline exceeded/);
    assert.equal(w.sink.aborted, 1);
    assert.equal(w.sink.objects.size, 0);
    const between = w.jobs.jobs.get(jobId)!;
    assert.equal(between.status, "queued");
    assert.match(between.error ?? "", /Attempt 1 failed; retrying/);

    const r = await runExport(w.run, jobId, "a2");
    assert.equal(r.result, "done");
    assert.equal(w.sink.objects.size, 1);
    const job = w.jobs.jobs.get(jobId)!;
    assert.equal(job.attempt, 2);
    assert.equal(job.rowsWritten, 2500);
    assert.equal(job.error, null);
    assert.equal([...w.sink.objects.values()][0]!.text, BOM + paymentsCsv(w.source.paymentRows));
  });

  it("a redelivered task for a done job builds nothing", async () => {
    const w = world(10);
    const { jobId } = await startExport(w.start, admin, march);
    await runExport(w.run, jobId, "a1");
    const readsBefore = w.source.reads.length;
    const again = await runExport(w.run, jobId, "a2");
    assert.deepEqual(again, { result: "already_finished", status: "done" });
    assert.equal(w.sink.opened, 1);
    assert.equal(w.source.reads.length, readsBefore);
    assert.equal(w.jobs.jobs.get(jobId)!.attemptId, "a1");
  });

  it("a second delivery while the first is alive is told to retry later; after the lease it takes over and the first stops", async () => {
    const w = world(2500);
    const { jobId } = await startExport(w.start, admin, march);
    // The first attempt claims and then stalls (its instance died) before writing progress.
    await w.jobs.claim(jobId, "a1", w.clock.ms, EXPORT_LEASE_MS);
    await refused(runExport(w.run, jobId, "a2"), "conflict", undefined);
    w.clock.advance(EXPORT_LEASE_MS + 1);
    assert.equal((await runExport(w.run, jobId, "a2")).result, "done");
    // The stalled attempt waking up can no longer write to the job.
    assert.equal(await w.jobs.update(jobId, "a1", { progress: 5 }), false);
    assert.equal(w.jobs.jobs.get(jobId)!.progress, 100);
    assert.equal(w.sink.objects.size, 1);
  });

  it("after the last attempt the job is marked failed instead of retried", async () => {
    const w = world(10);
    w.run.maxAttempts = 2;
    const { jobId } = await startExport(w.start, admin, march);
    w.source.failOnRead = { index: 0, error: new Error("unavailable") };
    await assert.rejects(runExport(w.run, jobId, "a1"));
    w.source.failOnRead = { index: 1, error: new Error("unavailable") };
    const r = await runExport(w.run, jobId, "a2");
    assert.equal(r.result, "failed");
    const job = w.jobs.jobs.get(jobId)!;
    assert.equal(job.status, "failed");
    assert.match(job.error ?? "", /failed/);
    assert.equal(w.sink.objects.size, 0);
  });

  it("a job document whose parameters were widened is refused on the task side too", async () => {
    const w = world(10);
    const { jobId } = await startExport(w.start, coach, march);
    const job = w.jobs.jobs.get(jobId)!;
    w.jobs.jobs.set(jobId, { ...job, params: { ...job.params, coachId: "c2" } });
    const r = await runExport(w.run, jobId, "a1");
    assert.equal(r.result, "failed");
    assert.equal(w.sink.objects.size, 0);
    assert.equal(w.jobs.jobs.get(jobId)!.status, "failed");
  });
});
