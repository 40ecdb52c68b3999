/**
 * The demo's past, as a story: what the marketplace's people did over the five or six weeks
 * before the first `npm start`. The stack plays it through the real paths (hosted checkout on
 * the Stripe sandbox, webhooks, callables, the Fortnox OAuth consent) with its clock set to each
 * step's time, and the schedules fire on the way, so holds free, Monday payouts are paid and
 * nights are booked as they would have been.
 *
 * Day 0 is a Monday, so the weekly run's Mondays fall on days 7, 14, 21 … and the story can say
 * which sales a run pays (the hold is seven days). The last steps are counted back from today,
 * so the newest sales are still held when the newcomer looks.
 */
export type Act =
  | { kind: "connectFortnox" }
  | { kind: "buy"; customer: string; programId: string; card?: string }
  | { kind: "subscribe"; customer: string }
  | { kind: "refund"; customer: string; programId: string }
  | { kind: "dispute"; customer: string; programId: string }
  | { kind: "closeDispute"; customer: string; programId: string; outcome: "won" | "lost" }
  | { kind: "requestPayout"; coach: string }
  | { kind: "approvePayout"; coach: string };

export interface Step {
  /** Days after day 0 (a Monday), or days before today. */
  day: number | { beforeToday: number };
  /** Local time in Stockholm, HH:MM. */
  time: string;
  act: Act;
}

/** Customers who exist only in the history (the demo's own customer is Klara Kund). */
export const HISTORY_CUSTOMERS = [
  { uid: "demo-customer-elin", email: "elin@kassa.test", displayName: "Elin Ek" },
  { uid: "demo-customer-johan", email: "johan@kassa.test", displayName: "Johan Berg" },
  { uid: "demo-customer-maja", email: "maja@kassa.test", displayName: "Maja Holm" },
] as const;

export const MIN_HISTORY_DAYS = 35;

export const STORY: Step[] = [
  { day: 0, time: "09:00", act: { kind: "connectFortnox" } },
  { day: 0, time: "10:05", act: { kind: "buy", customer: "demo-customer", programId: "mindful-mornings" } },
  { day: 0, time: "11:40", act: { kind: "buy", customer: "demo-customer-johan", programId: "sleep-reset" } },
  { day: 0, time: "12:10", act: { kind: "subscribe", customer: "demo-customer" } },
  { day: 2, time: "14:20", act: { kind: "buy", customer: "demo-customer-elin", programId: "calm-under-pressure" } },
  { day: 4, time: "09:15", act: { kind: "buy", customer: "demo-customer-maja", programId: "mindful-mornings" } },
  // Johan changed his mind: the admin refunds him (within the hold, so the coach's share is reversed).
  { day: 5, time: "16:30", act: { kind: "refund", customer: "demo-customer-johan", programId: "sleep-reset" } },
  { day: 8, time: "09:50", act: { kind: "buy", customer: "demo-customer-elin", programId: "sleep-reset", card: "4000000000000002" } },
  { day: 8, time: "09:52", act: { kind: "buy", customer: "demo-customer-elin", programId: "sleep-reset" } },
  // Elin's bank disputes the charge; the evidence does not win it.
  { day: 9, time: "13:00", act: { kind: "dispute", customer: "demo-customer-elin", programId: "sleep-reset" } },
  { day: 11, time: "10:30", act: { kind: "buy", customer: "demo-customer-johan", programId: "mindful-mornings" } },
  { day: 12, time: "19:45", act: { kind: "subscribe", customer: "demo-customer-maja" } },
  { day: 15, time: "08:20", act: { kind: "buy", customer: "demo-customer", programId: "calm-under-pressure" } },
  { day: 17, time: "15:00", act: { kind: "closeDispute", customer: "demo-customer-elin", programId: "sleep-reset", outcome: "lost" } },
  // Johan's day-11 sale frees on day 18, after Monday's run: Corinna asks for it rather than wait.
  { day: 18, time: "14:00", act: { kind: "requestPayout", coach: "demo-coach" } },
  { day: 18, time: "16:10", act: { kind: "approvePayout", coach: "demo-coach" } },
  { day: 23, time: "11:00", act: { kind: "buy", customer: "demo-customer-johan", programId: "calm-under-pressure" } },
  { day: 25, time: "10:00", act: { kind: "buy", customer: "demo-customer-maja", programId: "sleep-reset" } },
  { day: 29, time: "20:30", act: { kind: "buy", customer: "demo-customer-elin", programId: "mindful-mornings" } },
  // Still held when the newcomer looks.
  { day: { beforeToday: 2 }, time: "12:15", act: { kind: "buy", customer: "demo-customer", programId: "sleep-reset" } },
  { day: { beforeToday: 1 }, time: "18:40", act: { kind: "buy", customer: "demo-customer-maja", programId: "calm-under-pressure" } },
];

const TZ = "Europe/Stockholm";

/** YYYY-MM-DD of an instant in Stockholm. */
export function stockholmDay(ms: number): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
}

/** The instant that is `time` (HH:MM) on `day` (YYYY-MM-DD) in Stockholm, summer or winter. */
export function stockholmInstant(day: string, time: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const asUtc = Date.UTC(y, m - 1, d, hh, mm);
  // Stockholm is UTC+1 or +2: read the local time the guess shows there and correct by the gap.
  const offsetAt = (ms: number) => {
    const parts = new Intl.DateTimeFormat("en-US", { timeZone: TZ, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" }).formatToParts(ms);
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute")) - ms;
  };
  const first = asUtc - offsetAt(asUtc);
  return asUtc - offsetAt(first);
}

const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Day 0: the Monday at least MIN_HISTORY_DAYS before today (Stockholm dates). */
export function historyStart(nowMs: number): string {
  const earliest = addDays(stockholmDay(nowMs), -MIN_HISTORY_DAYS);
  const weekday = new Date(`${earliest}T12:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
  return addDays(earliest, -((weekday + 6) % 7));
}

export interface TimedStep {
  at: number;
  act: Act;
}

/** The story's steps at their instants, in order, every one before `nowMs`. */
export function timeline(nowMs: number, story: Step[] = STORY): TimedStep[] {
  const start = historyStart(nowMs);
  const today = stockholmDay(nowMs);
  const steps = story.map((s) => ({
    at: stockholmInstant(typeof s.day === "number" ? addDays(start, s.day) : addDays(today, -s.day.beforeToday), s.time),
    act: s.act,
  }));
  return steps.filter((s) => s.at < nowMs).sort((a, b) => a.at - b.at);
}
