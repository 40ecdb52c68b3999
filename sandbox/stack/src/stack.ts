/**
 * Brings up the whole product locally: sandboxes, emulators (auth, firestore, functions,
 * tasks), demo data and the web dev server, in the order each needs the previous.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CLOCK_URL, DATA_DIR, emulatorEnv, FUNCTIONS_ORIGIN, FUNCTIONS_URL, HOST, PORTS, PROJECT_ID, ROOT, WEB_URL } from "./config.js";
import { prepareEmulators } from "./java.js";
import { storageRulesRuntimeEnv } from "./storage-rules.js";
import { type LocalSecrets, SANDBOX_STRIPE_KEY, writeFunctionsConfig } from "./local-config.js";
import { say } from "./log.js";
import { assertPortsFree, httpOk, waitFor } from "./ports.js";
import { descendantsOf, killListeners } from "./listeners.js";
import { type Child, childPids, recentOutput, startChild, stopAll } from "./processes.js";
import { discoverSandboxes, sandboxEnv, sandboxUrl } from "./sandboxes.js";
import { seedDemo } from "./seed.js";
import { seedCoachAccounts } from "./seed-coaches.js";
import { ensureStripeWebhooks } from "./stripe-webhooks.js";
import { startScheduler, type Scheduler, schedulerSay } from "./scheduler/start.js";
import { StackTime } from "./scheduler/stack-time.js";
import { firstStart, markHistoryMade } from "./history/first-start.js";
import { makeHistory } from "./history/make-history.js";

let scheduler: Scheduler | null = null;

export interface StackOptions {
  /** Keep emulator and sandbox data in DATA_DIR across restarts (npm start); off for tests. */
  persist: boolean;
  web: boolean;
}

const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

function dieIfExited(child: Child): Promise<never> {
  return child.exited.then((code) => {
    throw new Error(`${child.name} exited (code ${code}) before it was ready:\n${recentOutput(child)}`);
  });
}

async function ready(child: Child, what: string, probe: () => Promise<boolean>, timeoutMs: number) {
  await Promise.race([waitFor(what, probe, timeoutMs), dieIfExited(child)]);
}

export async function startStack(options: StackOptions): Promise<Record<string, string>> {
  const started = Date.now();
  const sandboxes = discoverSandboxes();
  await assertPortsFree({
    ...Object.fromEntries(Object.entries(PORTS).filter(([k]) => options.web || k !== "web")),
    ...Object.fromEntries(sandboxes.map((s) => [`${s.name} sandbox`, s.port])),
  });
  fs.mkdirSync(DATA_DIR, { recursive: true });

  const prep = prepareEmulators();
  Object.assign(prep.env, storageRulesRuntimeEnv(prep.notes));
  prep.notes.forEach((n) => say(n));
  const first = options.persist ? firstStart(DATA_DIR) : { makeHistory: false as const, note: null };
  if (!first.makeHistory && first.note) say(first.note);

  // The functions build and the sandboxes' start are independent: both at once. tsc takes 7-12 s
  // here even incrementally (it reads every declaration file), so a tree unchanged since the last
  // build (same files, none newer than the build) is not built again: a later start skips it.
  const sources = functionsSources();
  const buildStartedMs = Date.now(); // a file saved while tsc runs is newer than the stamp: built again next time
  const build = builtFrom(sources)
    ? Promise.resolve()
    : (say("building functions"), run(bin("tsc"), ["-p", "functions/tsconfig.build.json", "--incremental", "--tsBuildInfoFile", "functions/lib/.tsbuildinfo"]).then(() => stampBuild(sources, buildStartedMs)));
  build.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled

  const env: Record<string, string> = { ...emulatorEnv() };
  await Promise.all(
    sandboxes.map(async (s) => {
      // node --import tsx, not the tsx wrapper, which SIGKILLs children slow to acknowledge a signal.
      const child = startChild(s.name, process.execPath, ["--import", "tsx", s.start], {
        cwd: s.dir,
        env: options.persist
          ? { ...sandboxEnv(s), ...localProductBehaviour(s.name), ...(first.makeHistory ? first.sandboxEnv[s.name] : {}) }
          : { [`${s.envPrefix}PORT`]: String(s.port), ...testStackLimits(s.name) },
      });
      await ready(child, `${s.name} sandbox`, () => httpOk(`${sandboxUrl(s)}${s.health}`), 30000);
      env[`${s.name.toUpperCase()}_SANDBOX_URL`] = sandboxUrl(s);
    }),
  );

  const stripe = sandboxes.find((s) => s.name === "stripe");
  const fortnox = sandboxes.find((s) => s.name === "fortnox");
  const hooks = stripe
    ? await ensureStripeWebhooks(sandboxUrl(stripe), options.persist ? path.join(DATA_DIR, "stripe-webhooks.json") : null)
    : { platformSecret: "whsec_unset", connectSecret: "whsec_unset" };
  const secrets: LocalSecrets = {
    STRIPE_SECRET_KEY: SANDBOX_STRIPE_KEY,
    STRIPE_WEBHOOK_SECRET: hooks.platformSecret,
    STRIPE_CONNECT_WEBHOOK_SECRET: hooks.connectSecret,
    FORTNOX_CLIENT_ID: "kassa-local",
    FORTNOX_CLIENT_SECRET: "kassa-local-secret",
  };
  // The one clock's offset file: kept with the data for npm start, fresh for each test run.
  const clockFile = options.persist ? path.join(DATA_DIR, "clock.json") : path.join(os.tmpdir(), `kassa-exec-clock-${process.pid}.json`);
  if (!options.persist) fs.rmSync(clockFile, { force: true });
  if (first.makeHistory) StackTime.startAt(clockFile, first.startAt);
  writeFunctionsConfig(secrets, {
    KASSA_CLOCK_FILE: clockFile,
    // Test stacks: the suites buy as the demo customer far more than ten times an hour of
    // stack time. The quota itself is tested in unit attacks and on the Firestore emulator.
    ...(options.persist ? {} : { CHECKOUT_ATTEMPTS_PER_HOUR: "100000", CHECKOUT_ATTEMPTS_PER_IP_PER_HOUR: "100000" }),
    STRIPE_API_BASE: stripe ? sandboxUrl(stripe) : "",
    ...(fortnox ? { FORTNOX_API_BASE: sandboxUrl(fortnox), FORTNOX_AUTH_BASE: sandboxUrl(fortnox) } : {}),
  });
  env["STRIPE_SECRET_KEY"] = secrets.STRIPE_SECRET_KEY;
  await build;

  const exportDir = path.join(DATA_DIR, "emulators");
  // --only: hosting would take port 5000 and serves nothing the dev server does not.
  const args = ["emulators:start", "--project", PROJECT_ID, "--only", "auth,firestore,functions,tasks,storage"];
  if (options.persist) {
    if (fs.existsSync(path.join(exportDir, "firebase-export-metadata.json"))) args.push("--import", exportDir);
    args.push("--export-on-exit", exportDir);
  }
  const firebase = startChild("firebase", bin("firebase"), args, {
    cwd: ROOT,
    env: {
      ...prep.env,
      FIREBASE_CLI_DISABLE_UPDATE_CHECK: "true",
      // Offline, Google's auth library probes for a GCE metadata server before the functions
      // emulator starts (a warning and about 15 s on this machine); there is none locally.
      METADATA_SERVER_DETECTION: "none",
      FORCE_COLOR: "0",
      // The functions emulator starts a whole Node process for each concurrent request and by
      // default runs 50 at once: a burst of webhooks then spawns dozens of workers that each
      // need seconds of CPU to load, none becomes ready within its 30 s limit, and every
      // request fails. Queueing beyond two per core keeps a laptop's stack answering under
      // load (bench/load on 2 cores: 4 at once took 175 webhooks/s, 8 took 131/s, 16 took 120/s).
      FUNCTIONS_EMULATOR_PARALLEL: process.env["FUNCTIONS_EMULATOR_PARALLEL"] ?? String(2 * os.availableParallelism()),
    },
  });
  // The web dev server needs nothing from the emulators to start: it comes up meanwhile.
  const webReady = options.web ? startWeb(stripe, fortnox) : Promise.resolve();
  webReady.catch(() => undefined); // awaited below, as the build is
  // Ready when the functions emulator has loaded our code: a callable without auth then
  // answers 401 instead of "function does not exist".
  await ready(
    firebase,
    "Firebase emulators",
    async () => {
      const res = await fetch(`${FUNCTIONS_URL}/ensureUserProfile`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ data: {} }),
      });
      return res.status === 401;
    },
    120000,
  );

  const seeded = await seedDemo();
  say(seeded.created > 0 ? `seeded demo data (${seeded.created} users)` : "demo data present");
  if (stripe) {
    const coaches = await seedCoachAccounts(sandboxUrl(stripe));
    if (coaches.seeded.length > 0) say(`gave ${coaches.seeded.join(", ")} verified Stripe accounts`);
  }

  scheduler = await startScheduler({
    clockFile,
    functionsOrigin: FUNCTIONS_ORIGIN,
    ...(stripe ? { stripeUrl: sandboxUrl(stripe) } : {}),
    ...(fortnox ? { fortnoxUrl: sandboxUrl(fortnox) } : {}),
    // Tests fire schedules by moving the clock; npm start also runs them as real time passes.
    realTime: (process.env["KASSA_SCHEDULER"] ?? (options.persist ? "realtime" : "moves")) === "realtime",
    followSandbox: options.persist,
  });
  env["KASSA_CLOCK_FILE"] = clockFile;
  if (first.makeHistory && stripe && fortnox) {
    say("making the demo's history: five weeks of sales, payouts and nights booked, through the real paths (first start only)");
    const summary = await makeHistory({ time: scheduler.time, stripeUrl: sandboxUrl(stripe), fortnoxUrl: sandboxUrl(fortnox), log: schedulerSay });
    markHistoryMade(DATA_DIR, summary);
  }
  scheduler.startTicking();

  await webReady;
  env["KASSA_STACK_READY_MS"] = String(Date.now() - started);
  return env;
}

type Sandbox = ReturnType<typeof discoverSandboxes>[number];

/** The local product (npm start): Stripe pays payouts out on their arrival date, as it does. */
function localProductBehaviour(sandbox: string): Record<string, string> {
  return sandbox === "stripe" ? { STRIPE_SANDBOX_PAYOUTS_ARRIVE: "on_arrival_date" } : {};
}

/**
 * Test stacks only: the Stripe sandbox answers up to 100 requests a second instead of Stripe's
 * 25. The Cloud Tasks emulator does not pace dispatches as a queue's rateLimits do in Google
 * Cloud, so a weekly run over every coach the earlier suites made bursts past 25 at once, and a
 * suite's next request (a test's own, or a checkout) got a 429 that production's paced queue
 * would not cause. The 429 itself is tested where it is the point (the sandbox's rate-limit
 * tests, the payout run and the Fortnox sync under faults); `npm start` keeps 25.
 */
function testStackLimits(sandbox: string): Record<string, string> {
  // The per-endpoint limit (25/s, Stripe's default) is off for the same reason: the suites'
  // runs and reconciliations burst one endpoint far faster than production's paced queues.
  return sandbox === "stripe"
    ? {
        STRIPE_SANDBOX_RATE_LIMIT: process.env["STRIPE_SANDBOX_RATE_LIMIT"] ?? "100",
        STRIPE_SANDBOX_ENDPOINT_RATE_LIMIT: process.env["STRIPE_SANDBOX_ENDPOINT_RATE_LIMIT"] ?? "0",
      }
    : {};
}

async function startWeb(stripe: Sandbox | undefined, fortnox: Sandbox | undefined): Promise<void> {
  const web = startChild("web", bin("vite"), ["--host", HOST, "--port", String(PORTS.web), "--strictPort"], {
    cwd: path.join(ROOT, "web"),
    env: { VITE_USE_EMULATORS: "true", VITE_KASSA_CLOCK_URL: CLOCK_URL, ...(stripe ? { VITE_STRIPE_SANDBOX_URL: sandboxUrl(stripe) } : {}), ...(fortnox ? { VITE_FORTNOX_SANDBOX_URL: sandboxUrl(fortnox) } : {}) },
  });
  await ready(web, "web dev server", () => httpOk(WEB_URL), 60000);
}

const BUILD_STAMP = path.join(ROOT, "functions", "lib", ".kassa-build.json");

/** What the functions build reads: its sources and configs, with their modification times. */
function functionsSources(): { files: string[]; newestMs: number } {
  const files: string[] = [];
  let newestMs = 0;
  const visit = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else {
        files.push(path.relative(ROOT, p));
        newestMs = Math.max(newestMs, fs.statSync(p).mtimeMs);
      }
    }
  };
  visit(path.join(ROOT, "functions", "src"));
  for (const f of ["tsconfig.json", "tsconfig.build.json", "package.json"]) {
    const p = path.join(ROOT, "functions", f);
    if (fs.existsSync(p)) {
      files.push(path.relative(ROOT, p));
      newestMs = Math.max(newestMs, fs.statSync(p).mtimeMs);
    }
  }
  return { files: files.sort(), newestMs };
}

/** lib/ was built from exactly these files, none changed since (a removed file rebuilds too). */
function builtFrom(sources: { files: string[]; newestMs: number }): boolean {
  try {
    const stamp = JSON.parse(fs.readFileSync(BUILD_STAMP, "utf8")) as { files?: unknown; builtAtMs?: unknown };
    return typeof stamp.builtAtMs === "number" && sources.newestMs < stamp.builtAtMs && JSON.stringify(stamp.files) === JSON.stringify(sources.files) && fs.existsSync(path.join(ROOT, "functions", "lib", "index.js"));
  } catch {
    return false;
  }
}

function stampBuild(sources: { files: string[] }, startedMs: number): void {
  fs.writeFileSync(BUILD_STAMP, JSON.stringify({ builtAtMs: startedMs, files: sources.files }));
}

/** A build step whose output shows in the stack's log; rejects with its output when it fails. */
function run(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${path.basename(file)} ${args.join(" ")} failed:\n${stdout}${stderr}`));
      else resolve();
    });
  });
}

/** Every port the stack owns, for the leftover sweep at shutdown. */
export const stackPorts = (): number[] => [
  ...Object.values(PORTS),
  9150, // Firestore emulator's websocket port
  ...discoverSandboxes().map((s) => s.port),
];

export async function stopStack(): Promise<void> {
  await scheduler?.stop();
  scheduler = null;
  const ours = descendantsOf(childPids());
  await stopAll();
  const leftovers = killListeners(stackPorts(), ours);
  if (leftovers.length > 0) say(`ended ${leftovers.length} leftover process(es) still holding stack ports`);
}
