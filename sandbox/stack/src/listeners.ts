/**
 * Last line of defence at shutdown: firebase-tools starts the Firestore emulator's Java in a
 * process group of its own, so if firebase-tools dies mid-shutdown, Java would keep the port.
 * We find whatever still listens on the stack's ports through /proc (Linux; no lsof needed)
 * and end it, so Ctrl-C leaves nothing behind.
 */
import fs from "node:fs";

function listeningInodes(ports: Set<number>): Set<string> {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1];
      const state = cols[3];
      const inode = cols[9];
      if (!local || state !== "0A" || !inode) continue; // 0A = LISTEN
      const port = parseInt(local.split(":")[1] ?? "", 16);
      if (ports.has(port)) inodes.add(inode);
    }
  }
  return inodes;
}

export function pidsListeningOn(ports: number[]): number[] {
  const inodes = listeningInodes(new Set(ports));
  if (inodes.size === 0 || !fs.existsSync("/proc")) return [];
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      for (const fd of fs.readdirSync(`/proc/${entry}/fd`)) {
        const target = fs.readlinkSync(`/proc/${entry}/fd/${fd}`);
        const m = /^socket:\[(\d+)\]$/.exec(target);
        if (m?.[1] && inodes.has(m[1])) {
          pids.push(Number(entry));
          break;
        }
      }
    } catch {
      // process gone or not ours to inspect
    }
  }
  return pids;
}

export function killListeners(ports: number[]): number[] {
  const pids = pidsListeningOn(ports);
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  return pids;
}
