import { configFromEnv } from "./config.js";
import { startStripeSandbox } from "./server.js";

const port = Number(process.env.STRIPE_SANDBOX_PORT || 12111);
const host = process.env.STRIPE_SANDBOX_HOST || "127.0.0.1";
const running = await startStripeSandbox({ port, host, stateFile: process.env.STRIPE_SANDBOX_STATE_FILE || undefined, config: configFromEnv(port) });
console.log(`stripe sandbox listening on ${running.url}`);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`stripe sandbox: ${signal}, flushing state and stopping`);
  running.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error("stripe sandbox: shutdown failed", err);
      process.exit(1);
    },
  );
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
