/**
 * The real Stripe sandbox (sandbox/stripe), started in-process for adapter tests. Loaded by
 * path at run time so functions' tsc program does not pull in another package's sources.
 */
import path from "node:path";

export interface RunningStripeSandbox {
  url: string;
  close(): Promise<void>;
}

export async function startStripeSandbox(): Promise<RunningStripeSandbox> {
  const file = path.join(__dirname, "../../../sandbox/stripe/src/server.ts");
  const mod = (await import(file)) as {
    startStripeSandbox(o: { config?: { rateLimitPerSecond?: number } }): Promise<RunningStripeSandbox>;
  };
  return mod.startStripeSandbox({ config: { rateLimitPerSecond: 0 } });
}
