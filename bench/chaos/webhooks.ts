/**
 * `npm run chaos:webhooks [purchases=300]`: a day of traffic delivered duplicated, shuffled
 * and with injected failures, against a fresh local stack; exits non-zero on any mismatch.
 * Runs itself inside `npm run stack:exec` when no stack is around.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { formatFigures, runWebhookChaos } from "./webhooks-core.js";

const purchases = Number(process.argv[2] ?? 300);

if (!process.env["FIRESTORE_EMULATOR_HOST"]) {
  const root = path.resolve(import.meta.dirname, "..", "..");
  const r = spawnSync("npm", ["run", "stack:exec", "--", "--no-web", "npx", "tsx", "bench/chaos/webhooks.ts", String(purchases)], { cwd: root, stdio: "inherit" });
  process.exit(r.status ?? 1);
}

const f = await runWebhookChaos({ purchases, log: (l) => console.log(l) });
console.log(`chaos:webhooks\n${formatFigures(f)}`);
process.exit(f.unbalancedEntries + f.balanceMismatches + f.documentMismatches === 0 ? 0 : 1);
