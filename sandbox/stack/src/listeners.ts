/**
 * Last line of defence at shutdown: firebase-tools starts the Firestore emulator's Java in a
 * process group of its own, so if firebase-tools dies mid-shutdown, Java would keep the port.
 * Before stopping we note every descendant of the stack's children (through /proc; Linux, no
 * lsof needed); afterwards whichever of those still listens on a stack port is ended. Only
 * our own processes: another stack on the same machine is never touched.
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

function parentOf(pid: number): number | null {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so split after ")".
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

/** Every live process whose ancestry reaches one of `roots`. */
export function descendantsOf(roots: number[]): Set<number> {
  const found = new Set<number>(roots);
  if (!fs.existsSync("/proc")) return found;
  const all = fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e)).map(Number);
  let grew = true;
  while (grew) {
    grew = false;
    for (const pid of all) {
      if (found.has(pid)) continue;
      const parent = parentOf(pid);
      if (parent !== null && found.has(parent)) {
        found.add(pid);
        grew = true;
      }
    }
  }
  return found;
}

export function killListeners(ports: number[], ours: Set<number>): number[] {
  const pids = pidsListeningOn(ports).filter((pid) => ours.has(pid));
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  return pids;
}
