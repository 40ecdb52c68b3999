import { startFortnoxSandbox } from "./server.js";

/** Entry point for `npm start` and the stack: configuration comes from the environment only here. */
const env = process.env;
const port = Number(env.FORTNOX_SANDBOX_PORT || 12112);
const host = env.FORTNOX_SANDBOX_HOST || "127.0.0.1";
const rateLimit = env.FORTNOX_SANDBOX_RATE_LIMIT ? Number(env.FORTNOX_SANDBOX_RATE_LIMIT) : undefined;
// Fail loudly: a NaN limit would silently turn rate limiting off.
for (const [name, value] of [["FORTNOX_SANDBOX_PORT", port], ["FORTNOX_SANDBOX_RATE_LIMIT", rateLimit ?? 0]] as const) {
  if (!Number.isInteger(value) || value < 0) {
    console.error(`fortnox sandbox: ${name} must be a non-negative integer`);
    process.exit(1);
  }
}

/** FORTNOX_SANDBOX_START_AT: unix seconds (as the Stripe sandbox's) where a new sandbox's clock starts. */
function startAtMs(raw: string): number {
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds <= 0) {
    console.error("fortnox sandbox: FORTNOX_SANDBOX_START_AT must be unix seconds");
    process.exit(1);
  }
  return seconds * 1000;
}

const sandbox = await startFortnoxSandbox({
  port,
  host,
  publicUrl: env.FORTNOX_SANDBOX_PUBLIC_URL || undefined,
  stateFile: env.FORTNOX_SANDBOX_STATE_FILE || undefined,
  clientId: env.FORTNOX_SANDBOX_CLIENT_ID || undefined,
  clientSecret: env.FORTNOX_SANDBOX_CLIENT_SECRET || undefined,
  tenantId: env.FORTNOX_SANDBOX_TENANT_ID || undefined,
  rateLimit,
  requireServiceConsent: env.FORTNOX_SANDBOX_REQUIRE_SERVICE_CONSENT === "1",
  ...(env.FORTNOX_SANDBOX_START_AT ? { startAtMs: startAtMs(env.FORTNOX_SANDBOX_START_AT) } : {}),
});
console.log(`fortnox sandbox listening on ${sandbox.url}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // close() writes the state file before the process goes.
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error("fortnox sandbox: shutdown failed", err);
        process.exit(1);
      },
    );
  });
}
