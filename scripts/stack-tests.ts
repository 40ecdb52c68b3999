/**
 * Runs inside `npm run stack:exec`: every workspace's tests that need the running stack
 * (`test:emulator`, then `test:e2e`), all of them even when one fails, exiting non-zero if any did.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const workspaces = ["functions", "sandbox/stripe", "sandbox/fortnox", "web"];
let failed = false;

for (const script of ["test:emulator", "test:e2e"]) {
  for (const ws of workspaces) {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, ws, "package.json"), "utf8")) as { scripts?: Record<string, string> };
    if (!pkg.scripts?.[script]) continue;
    process.stdout.write(`\n── ${ws}: ${script}\n`);
    const result = spawnSync("npm", ["run", "-s", script], { cwd: path.join(ROOT, ws), stdio: "inherit" });
    if (result.status !== 0) failed = true;
  }
}
process.exit(failed ? 1 : 0);
