/**
 * `npm run clock -- <move>`: moves the local stack's one clock (Kassa, the Stripe sandbox and
 * the Fortnox sandbox together), firing every scheduled function that falls due on the way.
 *   npm run clock -- +8d | +3h | next-monday-08:00 | next 02:00 | now | reset
 * Only ever against the local emulator stack (a demo- project): a deployed project's time is
 * Google's, and this command refuses it before anything is sent.
 */
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./config.js";
import { RUNTIME_FILE, runtimeInfo, type RuntimeInfo } from "./scheduler/clock-server.js";
import { MOVE_HELP, MoveError, parseMove } from "./scheduler/moves.js";

const out = (line: string) => process.stdout.write(`clock    | ${line}\n`);

class Refused extends Error {}

/** The project the command would act on: --project, the environment, else .firebaserc's default. */
function targetProject(args: string[]): string {
  const i = args.indexOf("--project");
  if (i >= 0) return args[i + 1] ?? "";
  const fromEnv = process.env["GCLOUD_PROJECT"] ?? process.env["FIREBASE_PROJECT"] ?? process.env["GOOGLE_CLOUD_PROJECT"];
  if (fromEnv) return fromEnv;
  try {
    const rc = JSON.parse(fs.readFileSync(path.join(ROOT, ".firebaserc"), "utf8")) as { projects?: { default?: string } };
    return rc.projects?.default ?? "demo-kassa";
  } catch {
    return "demo-kassa";
  }
}

function runningStack(): RuntimeInfo {
  const none = new Refused("no local Kassa stack is running: start it with `npm start` (tests: inside `npm run stack:exec`), then move its clock");
  if (!fs.existsSync(RUNTIME_FILE)) throw none;
  const info = runtimeInfo.safeParse(JSON.parse(fs.readFileSync(RUNTIME_FILE, "utf8")));
  if (!info.success) throw none;
  try {
    process.kill(info.data.pid, 0);
  } catch {
    throw none;
  }
  return info.data;
}

interface ClockAnswer {
  now: string;
  timeZone: string;
  error?: string;
  note?: string;
  from?: string;
  jobs: { name: string; nextLocal: string; timeZone: string }[];
  fired: { name: string; local: string; ok: boolean; attempts: number }[];
}

const local = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short", timeStyle: "short", hourCycle: "h23" }).format(new Date(iso));

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  const project = targetProject(args);
  if (!project.startsWith("demo-")) {
    throw new Refused(`"${project}" is a deployed Firebase project: its time is Google's and Cloud Scheduler runs its schedules. The clock only moves the local emulator stack (a demo- project). Nothing was changed.`);
  }
  const words = args.filter((a, i) => a !== "--project" && args[i - 1] !== "--project");
  const moveText = words.join(" ");
  // Syntax first, so a typo is refused even with no stack running.
  parseMove(moveText, Date.now(), "Europe/Stockholm");
  const stack = runningStack();
  if (!stack.project.startsWith("demo-")) throw new Refused(`the running stack is for "${stack.project}", not a demo- project; nothing was changed`);
  const res = await fetch(`${stack.url}/clock`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Kassa-Clock-Key": stack.key },
    body: JSON.stringify({ move: moveText || "now" }),
  });
  const answer = (await res.json()) as ClockAnswer;
  if (!res.ok) throw new Refused(`${answer.error ?? `the stack answered ${res.status}`}. Nothing was changed.`);
  for (const f of answer.fired) out(`${f.name} fired for ${f.local}${f.ok ? "" : ` FAILED after ${f.attempts} attempt(s)`}`);
  if (answer.from) out(`moved from ${local(answer.from, answer.timeZone)} to ${local(answer.now, answer.timeZone)} ${answer.timeZone} (${answer.fired.length} scheduled run(s) fired)`);
  else out(`stack time: ${local(answer.now, answer.timeZone)} ${answer.timeZone}`);
  if (answer.note) out(answer.note);
  out("next runs:");
  for (const j of answer.jobs) out(`  ${j.name.padEnd(24)} ${j.nextLocal} ${j.timeZone}`);
  return answer.fired.every((f) => f.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof Refused || error instanceof MoveError;
    process.stderr.write(`clock: ${error instanceof Error ? error.message : String(error)}${known ? "" : `\n${MOVE_HELP}`}\n`);
    process.exit(2);
  },
);
