/**
 * `npm start`         the whole product locally, data kept in .kassa-data/ across restarts
 * `npm run reset`     forget that data
 * `npm run stack:exec -- <cmd>`  start a fresh stack, run <cmd> against it, stop, exit with its code
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import { DATA_DIR, PORTS, ROOT, WEB_URL } from "./config.js";
import { DEMO_PASSWORD, DEMO_USERS } from "./demo-data.js";
import { acquireStackLock } from "./lock.js";
import { say } from "./log.js";
import { startStack, stopStack } from "./stack.js";

let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say("stopping…");
    await stopStack();
    say("stopped");
  }
  process.exit(code);
}

function onSignals(): void {
  // If whoever reads our output goes away first (a parent killed mid-run), writing would throw
  // EPIPE and end us before the children are stopped: keep going silently instead.
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, () => void shutdown(130));
}

function printWelcome(readyMs: number): void {
  const lines = [
    "",
    `ready in ${(readyMs / 1000).toFixed(1)} s`,
    "",
    `  Web app          ${WEB_URL}`,
    `  Stripe sandbox   http://127.0.0.1:12111   (hosted checkout, onboarding, /__sandbox controls)`,
    `  Fortnox sandbox  http://127.0.0.1:12112   (vouchers page)`,
    `  Emulators        auth :${PORTS.auth}  firestore :${PORTS.firestore}  functions :${PORTS.functions}  tasks :${PORTS.tasks}  storage :${PORTS.storage}`,
    `  Clock            npm run clock -- +8d | next-monday-08:00 | next 02:00 | now   (the scheduler's jobs are listed above)`,
    "",
    `  Demo logins (password "${DEMO_PASSWORD}"):`,
    ...DEMO_USERS.map((u) => `    ${u.role.padEnd(11)} ${u.email}`),
    "",
    "  Ctrl-C stops everything; data is kept in .kassa-data/ (npm run reset forgets it).",
    "",
  ];
  lines.forEach((l) => say(l));
}

async function main(): Promise<void> {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === "reset") {
    fs.rmSync(DATA_DIR, { recursive: true, force: true });
    say(`removed ${DATA_DIR}; the next npm start seeds fresh demo data`);
    return;
  }
  onSignals();
  if (mode === "start") {
    await acquireStackLock(0);
    const env = await startStack({ persist: true, web: true });
    printWelcome(Number(env["KASSA_STACK_READY_MS"]));
    await new Promise(() => undefined); // run until a signal
  }
  if (mode === "exec") {
    const args = rest[0] === "--" ? rest.slice(1) : rest;
    const noWeb = args[0] === "--no-web";
    const command = noWeb ? args.slice(1) : args;
    if (command.length === 0) throw new Error("usage: npm run stack:exec -- [--no-web] <command> [args…]");
    await acquireStackLock(20 * 60_000);
    const env = await startStack({ persist: false, web: !noWeb });
    say(`ready in ${(Number(env["KASSA_STACK_READY_MS"]) / 1000).toFixed(1)} s; running: ${command.join(" ")}`);
    const child = spawn(command[0]!, command.slice(1), { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
    const code = await new Promise<number>((resolve) => child.once("exit", (c) => resolve(c ?? 1)));
    await shutdown(code);
  }
  throw new Error(`unknown mode "${mode}": use start, reset or exec`);
}

main().catch(async (error: unknown) => {
  process.stderr.write(`\nkassa: ${error instanceof Error ? error.message : String(error)}\n`);
  await shutdown(1);
});
