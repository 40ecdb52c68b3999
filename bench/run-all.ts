/**
 * `npm run bench`: every in-process benchmark in turn (each starts the sandboxes it needs
 * in-process, so no stack is required). Benchmarks that need the running stack (load, web)
 * have their own scripts. Exits non-zero if any benchmark fails.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const IN_PROCESS = ["stripe-sandbox/run", "checkout/run", "payout-run/run", "fortnox-sync/run", "fortnox-sync/faults", "books/year", "scale/analytics", "scale/export"];
let failed = 0;

for (const name of IN_PROCESS) {
  const script = path.join(ROOT, "bench", `${name}.ts`);
  if (!fs.existsSync(script)) {
    console.error(`bench/${name}.ts is missing`);
    failed++;
    continue;
  }
  process.stdout.write(`\n== bench/${name}\n`);
  const result = spawnSync(path.join(ROOT, "node_modules", ".bin", "tsx"), [script], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
