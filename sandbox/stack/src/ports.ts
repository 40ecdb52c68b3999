import net from "node:net";
import { HOST } from "./config.js";

/** True when something already listens on the port (we try to bind it ourselves). */
export function portTaken(port: number, host = HOST): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(true));
    server.once("listening", () => server.close(() => resolve(false)));
    server.listen(port, host);
  });
}

export async function assertPortsFree(ports: Record<string, number>): Promise<void> {
  const taken: string[] = [];
  for (const [name, port] of Object.entries(ports)) {
    if (await portTaken(port)) taken.push(`${port} (${name})`);
  }
  if (taken.length > 0) {
    throw new Error(
      `port ${taken.join(", ")} already in use. Is another Kassa stack running? ` +
        `Stop it (Ctrl-C in its terminal) or find the process with: lsof -i :${taken[0]?.split(" ")[0]}`,
    );
  }
}

export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 250,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${what} was not ready after ${Math.round(timeoutMs / 1000)} s`);
}

export const httpOk = async (url: string, init?: RequestInit): Promise<boolean> => {
  const res = await fetch(url, init);
  return res.status < 500;
};
