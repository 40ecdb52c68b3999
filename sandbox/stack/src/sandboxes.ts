/**
 * Local stand-ins for Stripe and Fortnox. Any workspace under sandbox/ whose package.json has
 * a `kassa.start` entry is started by the stack, so a new sandbox needs no launcher change.
 */
import fs from "node:fs";
import path from "node:path";
import { DATA_DIR, ROOT } from "./config.js";

export interface SandboxPackage {
  name: string;
  dir: string;
  start: string;
  port: number;
  health: string;
  /** Prefix of the env variables the sandbox reads (STRIPE_SANDBOX_, FORTNOX_SANDBOX_). */
  envPrefix: string;
}

export function discoverSandboxes(): SandboxPackage[] {
  const base = path.join(ROOT, "sandbox");
  return fs
    .readdirSync(base)
    .map((dir) => path.join(base, dir))
    .filter((dir) => fs.existsSync(path.join(dir, "package.json")))
    .flatMap((dir) => {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as {
        kassa?: { start?: string; port?: number; health?: string };
      };
      const k = pkg.kassa;
      if (!k?.start || !k.port || !fs.existsSync(path.join(dir, k.start))) return [];
      const name = path.basename(dir);
      return [
        {
          name,
          dir,
          start: k.start,
          port: k.port,
          health: k.health ?? "/",
          envPrefix: `${name.toUpperCase()}_SANDBOX_`,
        },
      ];
    });
}

export const sandboxUrl = (s: SandboxPackage): string => `http://127.0.0.1:${s.port}`;

export const sandboxEnv = (s: SandboxPackage, dataDir = DATA_DIR): Record<string, string> => ({
  [`${s.envPrefix}PORT`]: String(s.port),
  [`${s.envPrefix}STATE_FILE`]: path.join(dataDir, `${s.name}-sandbox.json`),
});
