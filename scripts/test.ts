/**
 * `npm test`: every check and every test in one command, ending with one summary line
 * (`tests: N passed, N failed, N skipped`) and a non-zero exit on any failure.
 *
 *   lint       ESLint over the repo (includes the layering rule)
 *   typecheck  tsc --noEmit for every workspace and the root scripts
 *   unit       fast tests with in-memory fakes / in-process sandboxes (no emulators)
 *   stack      emulator, rules and browser tests against a fresh local stack
 *
 * `npm test -- --only unit,lint` runs a subset.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { provisionChromium } from "./provision.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
interface Step {
  stage: string;
  name: string;
  cmd: string;
  args: string[];
  cwd?: string;
  /** Lint and type checks count as one check each; test runners report their own counts. */
  check?: boolean;
}

const workspaces = ["functions", "web", "sandbox/stack", "sandbox/stripe", "sandbox/fortnox"];
const scriptsOf = (ws: string): Record<string, string> =>
  (JSON.parse(fs.readFileSync(path.join(ROOT, ws, "package.json"), "utf8")) as { scripts?: Record<string, string> }).scripts ?? {};

function plan(): Step[] {
  const steps: Step[] = [{ stage: "lint", name: "eslint", cmd: bin("eslint"), args: [".", "--max-warnings", "0"], check: true }];
  for (const ws of workspaces) {
    if (scriptsOf(ws)["typecheck"]) steps.push({ stage: "typecheck", name: `tsc ${ws}`, cmd: "npm", args: ["run", "-s", "typecheck"], cwd: ws, check: true });
  }
  steps.push({ stage: "typecheck", name: "tsc scripts+bench", cmd: bin("tsc"), args: ["-p", "tsconfig.scripts.json"], check: true });
  for (const ws of workspaces) {
    if (scriptsOf(ws)["test:unit"]) steps.push({ stage: "unit", name: `unit ${ws}`, cmd: "npm", args: ["run", "-s", "test:unit"], cwd: ws });
  }
  // node --import tsx rather than the tsx wrapper: the wrapper SIGKILLs a child that is slow to
  // acknowledge a relayed signal, which would cut the stack's shutdown short.
  steps.push({ stage: "stack", name: "emulator + browser tests", cmd: process.execPath, args: ["--import", "tsx", "sandbox/stack/src/cli.ts", "exec", "--", process.execPath, "--import", "tsx", "scripts/stack-tests.ts"] });
  // After the shared stack has stopped: npm start itself, first start (the demo history) and a later one.
  steps.push({ stage: "stack", name: "first npm start (demo history)", cmd: "npm", args: ["run", "-s", "test:first-start"], cwd: "sandbox/stack" });
  return steps;
}

// eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC
const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "");

/** Sums what mocha ("N passing/failing/pending") and vitest ("Tests  N passed | M failed") print. */
export function countsFrom(output: string): Counts | null {
  const text = stripAnsi(output);
  const c: Counts = { passed: 0, failed: 0, skipped: 0 };
  let found = false;
  for (const m of text.matchAll(/^\s*(\d+) (passing|failing|pending)\b/gm)) {
    found = true;
    const n = Number(m[1]);
    if (m[2] === "passing") c.passed += n;
    else if (m[2] === "failing") c.failed += n;
    else c.skipped += n;
  }
  for (const m of text.matchAll(/^\s*Tests\s+(.*)$/gm)) {
    const line = m[1] ?? "";
    const get = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(line)?.[1] ?? 0);
    if (/\d+ (passed|failed)/.test(line)) {
      found = true;
      c.passed += get("passed");
      c.failed += get("failed");
      c.skipped += get("skipped") + get("todo");
    }
  }
  return found ? c : null;
}

function run(step: Step): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(step.cmd, step.args, {
      cwd: path.join(ROOT, step.cwd ?? "."),
      env: { ...process.env, FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const tee = (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    };
    child.stdout.on("data", tee);
    child.stderr.on("data", tee);
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}

async function main(): Promise<void> {
  const onlyArg = process.argv.find((a) => a.startsWith("--only"));
  const only = onlyArg ? (onlyArg.split("=")[1] ?? process.argv[process.argv.indexOf(onlyArg) + 1] ?? "").split(",") : null;
  const steps = plan().filter((s) => !only || only.includes(s.stage));
  // Before anything runs: a missing browser found after ten minutes of other tests helps no one.
  if (steps.some((s) => s.stage === "stack")) {
    const problem = provisionChromium((line) => process.stdout.write(`npm test: ${line}\n`));
    if (problem) {
      process.stderr.write(`\nnpm test: ${problem}\n`);
      process.exit(1);
    }
  }
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  const problems: string[] = [];
  const started = Date.now();

  for (const step of steps) {
    process.stdout.write(`\n━━ ${step.stage}: ${step.name}\n`);
    const t0 = Date.now();
    const { code, output } = await run(step);
    const counts = step.check ? null : countsFrom(output);
    if (step.check) {
      if (code === 0) total.passed += 1;
      else total.failed += 1;
    } else if (counts) {
      total.passed += counts.passed;
      total.failed += counts.failed;
      total.skipped += counts.skipped;
      if (code !== 0 && counts.failed === 0) total.failed += 1; // crashed after its tests
    } else if (code !== 0) {
      total.failed += 1;
    }
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    if (code !== 0) problems.push(`${step.stage}: ${step.name} (exit ${code})`);
    process.stdout.write(`━━ ${step.name}: ${code === 0 ? "ok" : `FAILED (exit ${code})`} in ${secs} s\n`);
  }

  process.stdout.write(`\nnpm test finished in ${((Date.now() - started) / 1000).toFixed(0)} s (lint and each type-check count as one test)\n`);
  if (problems.length > 0) process.stdout.write(`failed steps:\n${problems.map((p) => `  - ${p}`).join("\n")}\n`);
  process.stdout.write(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
  process.exit(problems.length > 0 || total.failed > 0 ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) void main();
