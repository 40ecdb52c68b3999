/**
 * The service-account table (config/service-accounts.json) against what is really deployed:
 * every exported function's manifest (`__endpoint`, what firebase-tools deploys from) and the
 * gcloud commands scripts/deploy/iam.sh runs, recorded by a fake gcloud on PATH.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import table from "../../../src/config/service-accounts.json";
import { REGION } from "../../../src/config/params";
import * as kassa from "../../../src/index";
import { FORTNOX_REFRESH_TOKEN_SECRET } from "../../../src/ports/secret-store";
import { RESET_VALUE } from "firebase-functions/v2/options";
import { runAs, taskInvoker } from "../../../src/triggers/run-as";

interface Endpoint {
  serviceAccountEmail?: unknown;
  secretEnvironmentVariables?: { key: string }[];
  callableTrigger?: unknown;
  eventTrigger?: unknown;
  taskQueueTrigger?: { invoker?: string[] };
}
interface Group {
  accountId: string;
  projectRoles: string[];
  secretsRead: string[];
  secretsRotated: string[];
  selfRoles: string[];
  bucketRoles: string[];
  eventTriggered: string[];
  functions: string[];
}
const groupTable: Record<string, Group> = table.groups;

const endpoints = Object.entries(kassa as Record<string, { __endpoint?: Endpoint }>)
  .filter(([, v]) => Boolean(v?.__endpoint))
  .map(([name, v]) => [name, v.__endpoint!] as const);
const endpoint = new Map(endpoints);
const groups = Object.entries(groupTable);
const groupFor = (name: string): [string, Group] => {
  const found = groups.filter(([, g]) => g.functions.includes(name));
  assert.equal(found.length, 1, `${name} is in ${found.length} groups`);
  return found[0]!;
};
const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();
/**
 * In this process the functions were loaded with whatever GCLOUD_PROJECT another test file had
 * set by then: the full address in some project, or the shorthand without one (run-as.ts). The
 * exact address of a deploy is checked in a fresh process below.
 */
const isAccount = (value: unknown, accountId: string): boolean => typeof value === "string" && new RegExp(`^${accountId}@([a-z0-9-]+\\.iam\\.gserviceaccount\\.com)?$`).test(value);

/**
 * The manifest as firebase-tools reads it for a deploy: the functions loaded in a fresh process
 * with GCLOUD_PROJECT set and not in the emulator, printed as name → account and task invoker.
 */
function deployManifest(projectId: string): Record<string, { serviceAccountEmail: unknown; invoker?: string[] }> {
  const index = resolve(__dirname, "../../../src/index.ts");
  // The functions are CommonJS: an ES import sees them on `default`.
  const code = `import k from ${JSON.stringify(index)};
    const out = {};
    for (const [n, f] of Object.entries(k)) if (f && f.__endpoint) out[n] = { serviceAccountEmail: f.__endpoint.serviceAccountEmail, invoker: f.__endpoint.taskQueueTrigger?.invoker };
    console.log(JSON.stringify(out));`;
  const env: NodeJS.ProcessEnv = { ...process.env, GCLOUD_PROJECT: projectId };
  delete env["FUNCTIONS_EMULATOR"];
  const stdout = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { env, encoding: "utf8", cwd: resolve(__dirname, "../../..") });
  return JSON.parse(stdout.trim().split("\n").pop()!) as Record<string, { serviceAccountEmail: unknown; invoker?: string[] }>;
}

describe("service accounts per function group", () => {
  it("reads the whole deployed surface", () => {
    assert.ok(endpoints.length >= 60, `only ${endpoints.length} functions found`);
  });

  it("every exported function is in exactly one group and every listed name is exported", () => {
    for (const [name] of endpoints) groupFor(name);
    for (const [group, g] of groups) for (const f of g.functions) assert.ok(endpoint.has(f), `${group} lists ${f}, which index.ts does not export`);
  });

  it("every function runs as its group's account, never the default one", () => {
    for (const [name, e] of endpoints) {
      const [, g] = groupFor(name);
      assert.ok(isAccount(e.serviceAccountEmail, g.accountId), `${name}: ${String(e.serviceAccountEmail)}`);
    }
  });

  it("in a deploy names each account in full (the scheduler's OIDC identity and secret grants take no shorthand)", function () {
    this.timeout(60000);
    const manifest = deployManifest("proj-eu");
    assert.deepEqual(sorted(Object.keys(manifest)), sorted(endpoints.map(([n]) => n)));
    for (const [name, m] of Object.entries(manifest)) {
      assert.equal(m.serviceAccountEmail, `${groupFor(name)[1].accountId}@proj-eu.iam.gserviceaccount.com`, name);
    }
    assert.deepEqual(manifest["payoutCoach"]?.invoker, ["kassa-payouts@proj-eu.iam.gserviceaccount.com"]);
    assert.deepEqual(manifest["runExport"]?.invoker, ["kassa-callables@proj-eu.iam.gserviceaccount.com"]);
  });

  it("in the emulator leaves the default account and the private task queues", () => {
    const emulator = { FUNCTIONS_EMULATOR: "true", GCLOUD_PROJECT: "demo-kassa" };
    assert.equal(runAs("payoutCoach", emulator).serviceAccount, RESET_VALUE);
    assert.equal(taskInvoker("payouts", emulator), "private");
    assert.throws(() => runAs("notAFunction", {}), /no service-account group/);
  });

  it("a group reads exactly the secrets its functions declare, plus the token it rotates", () => {
    for (const [group, g] of groups) {
      const declared = g.functions.flatMap((f) => (endpoint.get(f)?.secretEnvironmentVariables ?? []).map((s) => s.key));
      assert.deepEqual(sorted(g.secretsRead), sorted([...declared, ...g.secretsRotated]), group);
    }
  });

  it("only the accounting account may write a secret, and only the Fortnox token", () => {
    for (const [group, g] of groups) assert.deepEqual(g.secretsRotated, group === "accounting" ? [FORTNOX_REFRESH_TOKEN_SECRET] : [], group);
  });

  it("lists every Firestore-triggered function for its Eventarc invoker grant, and only those", () => {
    for (const [group, g] of groups) {
      assert.deepEqual(sorted(g.eventTriggered), sorted(g.functions.filter((f) => endpoint.get(f)?.eventTrigger)), group);
      assert.equal(g.projectRoles.includes("roles/eventarc.eventReceiver"), g.eventTriggered.length > 0, group);
    }
  });

  it("a task queue is invoked only by the account that enqueues it, which may enqueue and act as itself", () => {
    const expected: Record<string, string> = { payoutCoach: "payouts", runExport: "callables" };
    const queues = endpoints.filter(([, e]) => e.taskQueueTrigger).map(([n]) => n);
    assert.deepEqual(sorted(queues), sorted(Object.keys(expected)));
    for (const name of queues) {
      const enqueuer = groupTable[expected[name]!]!;
      const invoker = endpoint.get(name)?.taskQueueTrigger?.invoker ?? [];
      assert.equal(invoker.length, 1, name);
      assert.ok(isAccount(invoker[0], enqueuer.accountId), `${name}: ${invoker.join(",")}`);
      assert.ok(enqueuer.projectRoles.includes("roles/cloudtasks.enqueuer"), name);
      assert.ok(enqueuer.selfRoles.includes("roles/iam.serviceAccountUser"), name);
    }
    for (const [group, g] of groups) {
      if (!Object.values(expected).includes(group)) assert.ok(!g.projectRoles.includes("roles/cloudtasks.enqueuer"), `${group} enqueues nothing`);
    }
  });

  it("Auth rights: read for groups with callables (revocation check), write only where roles change", () => {
    for (const [group, g] of groups) {
      const hasCallable = g.functions.some((f) => endpoint.get(f)?.callableTrigger);
      const auth = g.projectRoles.filter((r) => r.startsWith("roles/firebaseauth."));
      assert.deepEqual(auth, !hasCallable ? [] : group === "callables" ? ["roles/firebaseauth.admin"] : ["roles/firebaseauth.viewer"], group);
    }
    assert.equal(groupFor("setUserRole")[0], "callables");
  });

  it("no broad role anywhere: no basic roles, and secrets, accounts and storage only on the one resource", () => {
    const allowedProject = new Set(["roles/datastore.user", "roles/logging.logWriter", "roles/cloudtasks.enqueuer", "roles/eventarc.eventReceiver", "roles/firebaseauth.viewer", "roles/firebaseauth.admin"]);
    for (const [group, g] of groups) {
      for (const r of g.projectRoles) assert.ok(allowedProject.has(r), `${group}: ${r} at project level`);
      for (const r of g.selfRoles) assert.ok(["roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator"].includes(r), `${group}: ${r}`);
    }
    assert.deepEqual(sorted(groups.filter(([, g]) => g.selfRoles.includes("roles/iam.serviceAccountTokenCreator")).map(([n]) => n)), [groupFor("runExport")[0]]);
    assert.deepEqual(sorted(groups.filter(([, g]) => g.bucketRoles.length > 0).map(([n]) => n)), [groupFor("runExport")[0]]);
  });
});

describe("scripts/deploy/iam.sh", () => {
  const script = resolve(__dirname, "../../../../scripts/deploy/iam.sh");

  /** Runs iam.sh with a gcloud that records its arguments; `existing` decides what describe finds. */
  function run(existing: "nothing" | "everything", replicas: string) {
    const dir = mkdtempSync(join(tmpdir(), "kassa-iam-"));
    const log = join(dir, "gcloud.log");
    writeFileSync(
      join(dir, "gcloud"),
      `#!/usr/bin/env bash\necho "$*" >> "${log}"\ncase "$*" in\n  *"--format=value(replication.userManaged.replicas)"*) echo "${replicas}";;\n  *describe*) [ "${existing}" = everything ] || exit 1;;\nesac\n`,
    );
    chmodSync(join(dir, "gcloud"), 0o755);
    const r = spawnSync("bash", [script, "proj-eu"], { env: { ...process.env, PATH: `${dir}:${process.env["PATH"]}` }, encoding: "utf8" });
    const calls = (() => {
      try {
        return readFileSync(log, "utf8").trim().split("\n");
      } catch {
        return [];
      }
    })();
    return { status: r.status, stderr: r.stderr, stdout: r.stdout, calls: calls.filter((c) => !c.includes("describe")) };
  }
  const email = (id: string) => `serviceAccount:${id}@proj-eu.iam.gserviceaccount.com`;

  it("is valid bash", () => {
    execFileSync("bash", ["-n", script]);
  });

  it("defaults to the functions' region", () => {
    assert.match(readFileSync(script, "utf8"), new RegExp(`REGION="\\$\\{REGION:-${REGION}\\}"`));
  });

  it("on a new project: creates each account, EU-only secrets and exactly the table's bindings", () => {
    const { status, calls, stdout } = run("nothing", "");
    assert.equal(status, 0);
    const allSecrets = sorted(groups.flatMap(([, g]) => g.secretsRead));
    const created = calls.filter((c) => c.startsWith("secrets create "));
    assert.deepEqual(sorted(created.map((c) => c.split(" ")[2]!)), allSecrets);
    for (const c of created) assert.ok(c.includes("--replication-policy=user-managed --locations=europe-north1,europe-west1"), c);
    for (const [, g] of groups) {
      assert.equal(calls.filter((c) => c.startsWith(`iam service-accounts create ${g.accountId} `)).length, 1);
      const mine = calls.filter((c) => c.includes(`--member=${email(g.accountId)}`));
      const projectRoles = mine.filter((c) => c.startsWith("projects add-iam-policy-binding")).map((c) => /--role=(\S+)/.exec(c)![1]!);
      assert.deepEqual(sorted(projectRoles), sorted(g.projectRoles));
      const secretGrants = mine.filter((c) => c.startsWith("secrets add-iam-policy-binding")).map((c) => `${c.split(" ")[2]} ${/--role=(\S+)/.exec(c)![1]}`);
      assert.deepEqual(
        sorted(secretGrants),
        sorted([...g.secretsRead.map((s) => `${s} roles/secretmanager.secretAccessor`), ...g.secretsRotated.map((s) => `${s} roles/secretmanager.secretVersionManager`)]),
      );
      const selfGrants = mine.filter((c) => c.startsWith("iam service-accounts add-iam-policy-binding"));
      for (const c of selfGrants) assert.ok(c.startsWith(`iam service-accounts add-iam-policy-binding ${g.accountId}@proj-eu.iam.gserviceaccount.com `), c);
      assert.equal(selfGrants.length, g.selfRoles.length);
    }
    // Nothing deployed yet: the Eventarc grants are named as still to do, not skipped silently.
    assert.match(stdout, /processStripeEventOnCreate.*Run this script again after firebase deploy/);
  });

  it("on a deployed project: creates nothing again and grants each Firestore trigger's invoker on its own service", () => {
    const { status, calls } = run("everything", "europe-north1 europe-west1");
    assert.equal(status, 0);
    assert.deepEqual(calls.filter((c) => / create /.test(` ${c} `)), []);
    const invokers = calls.filter((c) => c.startsWith("run services add-iam-policy-binding"));
    assert.deepEqual(
      sorted(invokers.map((c) => `${c.split(" ")[3]} ${/--member=(\S+)/.exec(c)![1]}`)),
      sorted(groups.flatMap(([, g]) => g.eventTriggered.map((f) => `${f.toLowerCase()} ${email(g.accountId)}`))),
    );
  });

  it("refuses to pass over a secret that is replicated outside the EU", () => {
    const { status, stderr } = run("everything", "");
    assert.equal(status, 1);
    assert.match(stderr, /outside the EU\): .*FORTNOX_REFRESH_TOKEN/);
  });
});
