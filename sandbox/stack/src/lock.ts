/**
 * One stack per machine: the ports are fixed. `stack:exec` (tests) waits its turn behind a
 * running stack instead of failing on a taken port; the lock file names the holder's pid and
 * is taken over when that process is gone.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { say } from "./log.js";

// Not kassa-stack.lock: engineers serialise whole runs with `flock /tmp/kassa-stack.lock`, and
// removing and re-creating that file here would give a second flock a fresh, unlocked inode.
const LOCK = path.join(os.tmpdir(), "kassa-stack.pid");

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function tryLock(): number | null {
  try {
    fs.writeFileSync(LOCK, String(process.pid), { flag: "wx" });
    return null;
  } catch {
    const holder = Number(fs.readFileSync(LOCK, "utf8"));
    if (!holder || !alive(holder)) {
      fs.rmSync(LOCK, { force: true });
      return tryLock();
    }
    return holder;
  }
}

export async function acquireStackLock(waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    const holder = tryLock();
    if (holder === null) break;
    if (Date.now() > deadline) throw new Error(`another Kassa stack (pid ${holder}) is running; stop it first`);
    if (!told) say(`waiting for another Kassa stack (pid ${holder}) to finish…`);
    told = true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  process.on("exit", () => {
    if (fs.existsSync(LOCK) && fs.readFileSync(LOCK, "utf8") === String(process.pid)) fs.rmSync(LOCK, { force: true });
  });
}
