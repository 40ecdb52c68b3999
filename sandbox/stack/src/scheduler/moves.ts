/**
 * What `npm run clock -- <move>` and the web app's clock bar accept. Time only goes forward:
 * a move to the past, or anything not in this grammar, is refused before anything changes.
 */
import { Cron } from "croner";

export type Move = { kind: "to"; at: number; label: string } | { kind: "now" } | { kind: "reset" };

const UNIT_MS: Record<string, number> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 };
const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

export const MOVE_HELP =
  "use +8d, +3h, +30m, +1w2d (forward by that much), next-monday-08:00 or next 02:00 (the next such local time), now (show the time), reset (back to real time)";

/** A move refused before anything changed; `status` is the HTTP answer (400 bad input, 409 not now). */
export class MoveError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export function parseMove(input: string, nowMs: number, timeZone: string): Move {
  const text = input.trim().toLowerCase().replace(/\s+/g, " ");
  if (text === "now" || text === "") return { kind: "now" };
  if (text === "reset") return { kind: "reset" };
  if (text.startsWith("-")) throw new MoveError(`"${input}": time never goes backwards on the local stack (payouts, holds and vouchers already happened); ${MOVE_HELP}`);
  const duration = /^\+((?:\d+[wdhm])+)$/.exec(text);
  if (duration) {
    let ms = 0;
    for (const part of duration[1]!.matchAll(/(\d+)([wdhm])/g)) ms += Number(part[1]) * UNIT_MS[part[2]!]!;
    if (ms <= 0) throw new MoveError(`"${input}" does not move the clock; ${MOVE_HELP}`);
    if (ms > 366 * 86_400_000) throw new MoveError(`"${input}" is more than a year: move at most a year at a time`);
    return { kind: "to", at: nowMs + ms, label: text };
  }
  const next = /^next[- ](?:([a-z]+)[- ])?(\d{1,2}):(\d{2})$/.exec(text);
  if (next) {
    const [, day, hh, mm] = next;
    const hour = Number(hh);
    const minute = Number(mm);
    if (hour > 23 || minute > 59) throw new MoveError(`"${input}": ${hh}:${mm} is not a time of day`);
    const dow = day === undefined ? "*" : String(DAYS.indexOf(day));
    if (dow === "-1") throw new MoveError(`"${input}": "${day}" is not a day of the week (monday … sunday)`);
    const at = new Cron(`${minute} ${hour} * * ${dow}`, { timezone: timeZone, paused: true }).nextRun(new Date(nowMs));
    if (!at) throw new MoveError(`"${input}" never comes`);
    return { kind: "to", at: at.getTime(), label: text };
  }
  throw new MoveError(`"${input}" is not a clock move; ${MOVE_HELP}`);
}
