import assert from "node:assert/strict";
import { getFunctions } from "firebase-admin/functions";
import { getStorage } from "firebase-admin/storage";
import { getApps } from "firebase-admin/app";
import { admin, call, idToken, PROJECT_ID } from "./stack";

/**
 * A real export end to end: startExport (callable) → exports/{jobId} → the runExport task on
 * the Cloud Tasks emulator → pages from Firestore → one object in the Storage emulator → the
 * link the job carries downloads the file. The rows are seeded in a month nothing else uses
 * (May 2019), so other suites' payments never land in the file.
 */
const ROWS = 2500;
const COACH = "demo-coach";
const T0 = Date.parse("2019-05-02T08:00:00Z");
const BUCKET = `${PROJECT_ID}.appspot.com`;

interface Job {
  status: string;
  rowsWritten: number;
  recordsTotal: number | null;
  progress: number;
  bytes: number;
  objectPath: string | null;
  downloadUrl: string | null;
  attempt: number;
  updatedAt: number;
  requestedBy: string;
}

async function waitForJob(jobId: string, until: (j: Job) => boolean, ms = 120_000): Promise<{ job: Job; seen: number[] }> {
  const { db } = admin();
  const seen: number[] = [];
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const job = (await db.doc(`exports/${jobId}`).get()).data() as Job | undefined;
    if (job) {
      if (seen[seen.length - 1] !== job.progress) seen.push(job.progress);
      if (until(job)) return { job, seen };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`export ${jobId} did not finish in ${ms / 1000} s`);
}

describe("exports: a streamed CSV through the task queue into the Storage emulator", function () {
  this.timeout(300_000);
  let adminToken: string;

  before(async () => {
    const { db } = admin();
    adminToken = await idToken("admin@kassa.test");
    const writer = db.bulkWriter();
    for (let i = 0; i < ROWS; i++) {
      writer.set(db.doc(`payments/exp_test_${String(i).padStart(5, "0")}`), {
        kind: "program",
        status: "succeeded",
        userId: i === 7 ? "=HYPERLINK(\"http://evil\")" : `cust-${i}`,
        coachId: i % 5 === 0 ? COACH : "exp-other-coach",
        programId: "prog-export",
        currency: "sek",
        amount: 49900,
        feeAmount: 9980,
        coachAmount: 39920,
        stripeFee: 1010,
        refundedAmount: 0,
        // Ten payments share each minute: the cursor must carry the id to page through ties.
        date: T0 + Math.floor(i / 10) * 60_000,
      });
    }
    await writer.close();
  });

  it("an admin's export of 2,500 payments: done with every row once, progress on the way, one object, downloadable by its link only", async () => {
    const started = await call<{ jobId: string }>("startExport", { kind: "payments", from: "2019-05-01", to: "2019-05-31" }, adminToken);
    assert.equal(started.status, 200, JSON.stringify(started.error));
    const jobId = started.result!.jobId;
    const { job, seen } = await waitForJob(jobId, (j) => j.status === "done" || j.status === "failed");
    assert.equal(job.status, "done", JSON.stringify(job));
    assert.equal(job.rowsWritten, ROWS);
    assert.equal(job.recordsTotal, ROWS);
    assert.equal(job.progress, 100);
    assert.ok(job.requestedBy.length > 0);
    assert.ok(seen.length >= 2, `progress seen: ${seen.join(", ")}`);

    const res = await fetch(job.downloadUrl!);
    assert.equal(res.status, 200);
    // Bytes, not res.text(): a text decoder would drop the BOM the file starts with.
    const text = Buffer.from(await res.arrayBuffer()).toString("utf8");
    const lines = text.split("\r\n").filter((l) => l !== "");
    assert.equal(lines.length, ROWS + 1);
    assert.match(lines[0]!, /^\ufeffpayment_id,created_utc,day,/);
    const ids = lines.slice(1).map((l) => l.split(",")[0]);
    assert.equal(new Set(ids).size, ROWS, "every payment exactly once");
    assert.equal(Buffer.byteLength(text), job.bytes);
    assert.match(text, /"'=HYPERLINK\(""http:\/\/evil""\)"/);

    const bucket = getStorage(getApps()[0]!).bucket(BUCKET);
    const [files] = await bucket.getFiles({ prefix: `exports/${jobId}/` });
    assert.deepEqual(files.map((f) => f.name), [job.objectPath]);
    // Without the link's token the rules (deny all) refuse the object.
    const bare = job.downloadUrl!.replace(/&token=[^&]*/, "");
    assert.equal((await fetch(bare)).status, 403);

    // The same task delivered again (a Cloud Tasks redelivery): the done job is not rebuilt.
    await getFunctions(getApps()[0]!).taskQueue(`locations/europe-west1/functions/runExport`).enqueue({ jobId }, { id: `${jobId}-again` });
    await new Promise((r) => setTimeout(r, 6000));
    const after = (await admin().db.doc(`exports/${jobId}`).get()).data() as Job;
    assert.equal(after.updatedAt, job.updatedAt);
    assert.equal(after.attempt, job.attempt);
    const [filesAfter] = await bucket.getFiles({ prefix: `exports/${jobId}/` });
    assert.equal(filesAfter.length, 1);
  });

  it("a coach exports their own payments; asking for another coach's is refused naming coachId, with no job made", async () => {
    const coachToken = await idToken("coach@kassa.test");
    const { db } = admin();
    const before = (await db.collection("exports").count().get()).data().count;
    const refused = await call("startExport", { kind: "payments", from: "2019-05-01", to: "2019-05-31", coachId: "exp-other-coach" }, coachToken);
    assert.equal(refused.error?.status, "PERMISSION_DENIED");
    assert.equal(refused.error?.details?.["field"], "coachId");
    const tooLong = await call("startExport", { kind: "payments", from: "2019-01-01", to: "2020-01-31" }, coachToken);
    assert.equal(tooLong.error?.status, "INVALID_ARGUMENT");
    assert.equal(tooLong.error?.details?.["field"], "to");
    assert.equal((await db.collection("exports").count().get()).data().count, before);

    const own = await call<{ jobId: string }>("startExport", { kind: "payments", from: "2019-05-01", to: "2019-05-31" }, coachToken);
    assert.equal(own.status, 200, JSON.stringify(own.error));
    const { job } = await waitForJob(own.result!.jobId, (j) => j.status === "done" || j.status === "failed");
    assert.equal(job.status, "done");
    assert.equal(job.rowsWritten, ROWS / 5);
    const text = await (await fetch(job.downloadUrl!)).text();
    const body = text.split("\r\n").filter((l) => l !== "").slice(1);
    assert.equal(body.length, ROWS / 5);
    assert.ok(body.every((l) => l.split(",")[13] === COACH), "coach_uid, after customer_uid and customer_name");
  });
});
