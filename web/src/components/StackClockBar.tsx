import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../auth";
import { intlLocale } from "../i18n/locale";

/**
 * The local stack's one clock, for admins, in the emulator only: the stack's time and the same
 * moves as `npm run clock` (every clock moves together and the scheduled functions that fall due
 * on the way run). Only the local stack sets VITE_KASSA_CLOCK_URL; a deployed build has no bar.
 */
const clockUrl: unknown = import.meta.env["VITE_KASSA_CLOCK_URL"];
const CLOCK_URL = import.meta.env.VITE_USE_EMULATORS === "true" && typeof clockUrl === "string" && clockUrl ? clockUrl : null;

/** The moves the stack's clock understands, each with its label (stackClock.moves.*). */
const MOVES = [
  { move: "+1h", label: "plusHour" },
  { move: "+1d", label: "plusDay" },
  { move: "+8d", label: "plus8Days" },
  { move: "next 02:00", label: "next0200" },
  { move: "next-monday-08:00", label: "nextMonday" },
] as const;

interface ClockState {
  now: string;
  timeZone: string;
  offsetMs: number;
  error?: string;
  fired?: { name: string }[];
}

const shown = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat(intlLocale(), { timeZone, dateStyle: "short", timeStyle: "short", hourCycle: "h23" }).format(new Date(iso));

export function StackClockBar() {
  const session = useSession();
  if (!CLOCK_URL || session.role !== "admin" || !session.user) return null;
  return <Bar url={CLOCK_URL} token={() => session.user!.getIdToken()} />;
}

function Bar({ url, token }: { url: string; token: () => Promise<string> }) {
  const { t } = useTranslation();
  const [clock, setClock] = useState<ClockState | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const load = useCallback(async () => {
    try {
      setClock((await (await fetch(`${url}/clock`)).json()) as ClockState);
    } catch {
      setClock(null);
    }
  }, [url]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 10_000);
    return () => clearInterval(timer);
  }, [load]);

  const move = async (m: string) => {
    setBusy(m);
    setOutcome(null);
    try {
      const res = await fetch(`${url}/clock`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${await token()}` }, body: JSON.stringify({ move: m }) });
      const answer = (await res.json()) as ClockState;
      if (!res.ok) setOutcome({ ok: false, text: answer.error ?? t("stackClock.answered", { status: res.status }) });
      else {
        setClock(answer);
        setOutcome({ ok: true, text: t("stackClock.moved", { count: answer.fired?.length ?? 0 }) });
      }
    } catch (error) {
      setOutcome({ ok: false, text: t("stackClock.noAnswer", { error: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="stack-clock" role="region" aria-label={t("stackClock.region")} style={{ display: "flex", flexWrap: "wrap", gap: "0.5rem", alignItems: "center", padding: "0.35rem 1rem", fontSize: "0.9rem", borderBottom: "1px solid #ddd", background: "#fffbe6" }}>
      <span>
        {t("stackClock.time")} <strong data-testid="stack-time">{clock ? `${shown(clock.now, clock.timeZone)} ${clock.timeZone}` : "…"}</strong>
        {clock && clock.offsetMs > 0 && <span className="muted"> {t("stackClock.ahead", { days: (clock.offsetMs / 86_400_000).toLocaleString(intlLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })}</span>}
      </span>
      {MOVES.map((m) => (
        <button key={m.move} type="button" className="secondary" disabled={busy !== null} onClick={() => void move(m.move)}>
          {busy === m.move ? t("stackClock.moving") : t(`stackClock.moves.${m.label}`)}
        </button>
      ))}
      {outcome && (
        <span role={outcome.ok ? "status" : "alert"} className={outcome.ok ? "ok" : "error"}>
          {outcome.text}
        </span>
      )}
    </div>
  );
}
