/**
 * Child processes of the stack. Each runs in its own process group so stopping it also stops
 * what it started (firebase-tools starts Java; tsx starts node), and nothing is left
 * listening after Ctrl-C.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { prefixer } from "./log.js";

export interface Child {
  name: string;
  proc: ChildProcess;
  exited: Promise<number | null>;
}

const children: Child[] = [];

export const childPids = (): number[] => children.flatMap((c) => (c.proc.pid ? [c.proc.pid] : []));

export function startChild(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string | undefined>; quiet?: boolean },
): Child {
  const proc = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = prefixer(name);
  const logs: string[] = [];
  const capture = (chunk: Buffer) => {
    logs.push(chunk.toString());
    if (logs.length > 200) logs.shift();
    if (!options.quiet) out(chunk);
  };
  proc.stdout?.on("data", capture);
  proc.stderr?.on("data", capture);
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  const child = { name, proc, exited, logs };
  children.push(child);
  return child;
}

/** Last lines a child printed: shown when it dies early, so the failure says why. */
export const recentOutput = (child: Child): string =>
  ((child as Child & { logs: string[] }).logs ?? []).join("").split("\n").slice(-25).join("\n");

function signalGroup(child: Child, signal: NodeJS.Signals, evenIfLeaderExited = false): void {
  if (child.proc.pid === undefined) return;
  if (!evenIfLeaderExited && (child.proc.exitCode !== null || child.proc.signalCode !== null)) return;
  try {
    process.kill(-child.proc.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Stops children in reverse start order. SIGINT first (firebase-tools exports data on it),
 * then SIGKILL for whatever is still alive after the grace period.
 */
export async function stopAll(graceMs = 15000): Promise<void> {
  for (const child of [...children].reverse()) {
    signalGroup(child, "SIGINT");
    const done = await Promise.race([
      child.exited.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), graceMs)),
    ]);
    if (!done) signalGroup(child, "SIGKILL");
    // The group outlives its leader: firebase-tools' function workers stay in it if firebase-tools
    // itself died, so the group is always ended.
    signalGroup(child, "SIGKILL", true);
  }
}
