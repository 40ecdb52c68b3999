/**
 * Writes what the functions emulator reads at start: secrets (`functions/.secret.local`,
 * as Secret Manager would provide them) and params (`functions/.env.local`). Both files are
 * git-ignored and point the functions at the local sandboxes.
 */
import fs from "node:fs";
import path from "node:path";
import { ROOT, WEB_URL } from "./config.js";

export interface LocalSecrets {
  STRIPE_SECRET_KEY: string;
  STRIPE_WEBHOOK_SECRET: string;
  STRIPE_CONNECT_WEBHOOK_SECRET: string;
  FORTNOX_CLIENT_ID: string;
  FORTNOX_CLIENT_SECRET: string;
}

export const SANDBOX_STRIPE_KEY = "sk_test_kassa_sandbox";

const toDotenv = (values: Record<string, string>): string =>
  Object.entries(values)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n") + "\n";

/** Params with defaults the emulator would otherwise prompt for; functions/.env wins if it sets them. */
const PARAM_DEFAULTS: Record<string, string> = { PLATFORM_FEE_BPS: "2000", HOLD_DAYS: "7", CHECKOUT_ATTEMPTS_PER_HOUR: "10", CHECKOUT_ATTEMPTS_PER_IP_PER_HOUR: "30" };

function keysIn(file: string): Set<string> {
  if (!fs.existsSync(file)) return new Set();
  return new Set(
    fs
      .readFileSync(file, "utf8")
      .split("\n")
      .map((l) => l.split("=")[0]?.trim() ?? "")
      .filter(Boolean),
  );
}

export function writeFunctionsConfig(secrets: LocalSecrets, params: Record<string, string>): void {
  const dir = path.join(ROOT, "functions");
  const userSet = keysIn(path.join(dir, ".env"));
  const defaults = Object.fromEntries(Object.entries(PARAM_DEFAULTS).filter(([k]) => !userSet.has(k)));
  fs.writeFileSync(path.join(dir, ".secret.local"), toDotenv({ ...secrets }), { mode: 0o600 });
  fs.writeFileSync(path.join(dir, ".env.local"), toDotenv({ WEB_APP_URL: WEB_URL, ...defaults, ...params }));
}
