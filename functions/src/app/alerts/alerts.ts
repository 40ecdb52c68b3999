/**
 * Alerts for the people who run Kassa: an event that failed all its retries, a payout Stripe
 * failed, a payout run that ended with failures, an accounting sync that failed, and a run or
 * sync that has been "running" for too long. Each is raised once (deterministic id), shown to
 * admins until acknowledged, and mailed when an admin turned mail on.
 */
import { DomainError } from "../../domain/errors";
import { counted, moneyIn, stockholmTime, type Bilingual, type Lang } from "../../domain/people-words";
import type { Alert, AlertKind, AlertStore } from "../../ports/alert-store";
import type { Clock } from "../../ports/clock";
import { type Caller, requireRole } from "../caller";

export interface AlertDeps {
  alerts: AlertStore;
  clock: Clock;
}

/** A job still running after this long is stuck: runs take minutes, syncs under 9 (the timeout). */
export const STUCK_AFTER_MS = 2 * 3600 * 1000;

type Draft = Pick<Alert, "id" | "kind" | "title" | "message" | "en" | "link" | "objectPath">;
type Text = { title: string; message: string };

/** An alert's fields: Swedish as title/message, English beside it. */
export const alertText = (t: Bilingual<Text>): Pick<Alert, "title" | "message" | "en"> => ({ title: t.sv.title, message: t.sv.message, en: t.en });

const safeId = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 300);

export function deadEventAlert(e: { id: string; type?: string; error?: string | null }): Draft {
  return {
    id: `event_dead-${safeId(e.id)}`,
    kind: "event_dead",
    ...alertText({
      sv: {
        title: `Stripe-händelsen ${e.id} misslyckades vid alla försök`,
        message: `${e.type ?? "En händelse"} kunde inte behandlas: ${e.error ?? "ingen orsak sparad"}. Åtgärda orsaken och kör den sedan igen under Misslyckade händelser.`,
      },
      en: {
        title: `Stripe event ${e.id} failed all its retries`,
        message: `${e.type ?? "An event"} could not be processed: ${e.error ?? "no reason recorded"}. Fix the cause, then re-run it from Failed events.`,
      },
    }),
    link: "/admin/events",
    objectPath: `stripeEvents/${e.id}`,
  };
}

export function payoutFailedAlert(p: { id: string; coachId?: string; amount?: number; currency?: string; attempt?: number; failureReason?: string | null }): Draft {
  // Exact from öre: no float division, even for display.
  const known = typeof p.amount === "number" && Number.isSafeInteger(p.amount);
  const amount = (lang: Lang) => (known ? moneyIn(lang, p.amount!, String(p.currency ?? "")) : lang === "sv" ? "En utbetalning" : "A payout");
  return {
    id: `payout_failed-${safeId(p.id)}-${p.attempt ?? 1}`,
    kind: "payout_failed",
    ...alertText({
      sv: {
        title: `Utbetalningen ${p.id} till ${p.coachId ?? "en coach"} misslyckades`,
        message: `${amount("sv")} betalades inte ut: ${p.failureReason ?? "ingen orsak angiven"}. Pengarna är tillgängliga för coachen igen; försök igen när orsaken är åtgärdad.`,
      },
      en: {
        title: `Payout ${p.id} to ${p.coachId ?? "a coach"} failed`,
        message: `${amount("en")} was not paid: ${p.failureReason ?? "no reason given"}. The money is available to the coach again; retry once the cause is fixed.`,
      },
    }),
    link: "/admin/payouts",
    objectPath: `payouts/${p.id}`,
  };
}

export function runFailuresAlert(run: { id: string; failed: number }): Draft {
  return {
    id: `payout_run_failures-${safeId(run.id)}`,
    kind: "payout_run_failures",
    ...alertText({
      sv: {
        title: `Utbetalningskörningen ${run.id} avslutades med ${counted(run.failed, "misslyckad utbetalning", "misslyckade utbetalningar")}`,
        message: "Varje misslyckad utbetalning har sin orsak bland körningens utfall; coachernas pengar är tillgängliga igen.",
      },
      en: {
        title: `Payout run ${run.id} finished with ${counted(run.failed, "failed payout", "failed payouts")}`,
        message: "Each failed payout has its reason on the run's outcomes; the coaches' money is available again.",
      },
    }),
    link: "/admin/payouts",
    objectPath: `jobs/${run.id}`,
  };
}

export function syncFailedAlert(job: { id: string; errors?: { message: string }[]; stoppedReason?: string | null }): Draft {
  const why = job.stoppedReason ?? job.errors?.[0]?.message ?? null;
  return {
    id: `sync_failed-${safeId(job.id)}`,
    kind: "sync_failed",
    ...alertText({
      sv: {
        title: `Bokföringskörningen ${job.id} misslyckades`,
        message: `Fortnox fick inte körningens verifikationer: ${why ?? "ingen orsak sparad"}. Dagar som inte bokfördes tas med i nästa körning; kör en nu när orsaken är åtgärdad.`,
      },
      en: {
        title: `Accounting sync ${job.id} failed`,
        message: `Fortnox did not get this sync's vouchers: ${why ?? "no reason recorded"}. Days not posted are picked up by the next sync; run one now once the cause is fixed.`,
      },
    }),
    link: "/accountant",
    objectPath: `jobs/${job.id}`,
  };
}

export function stuckJobAlert(job: { id: string; type: "payout_run" | "accounting_sync"; startedAt: number }, now: number): Draft {
  const minutes = Math.round((now - job.startedAt) / 60000);
  const payout = job.type === "payout_run";
  return {
    id: `job_stuck-${safeId(job.id)}`,
    kind: "job_stuck",
    ...alertText({
      sv: {
        title: `${payout ? "Utbetalningskörningen" : "Bokföringskörningen"} ${job.id} har pågått i ${minutes} minuter`,
        message: `Den startade ${stockholmTime("sv", job.startedAt)} och har inte blivit klar. Se funktionsloggarna för ${job.id}.`,
      },
      en: {
        title: `${payout ? "Payout run" : "Accounting sync"} ${job.id} has been running for ${minutes} minutes`,
        message: `It started ${stockholmTime("en", job.startedAt)} (Stockholm time) and has not finished. Check the function logs for ${job.id}.`,
      },
    }),
    link: job.type === "payout_run" ? "/admin/payouts" : "/accountant",
    objectPath: `jobs/${job.id}`,
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Raises the alert once; mails it when mail is on. Returns whether this call raised it. */
export async function raiseAlert(deps: AlertDeps, draft: Draft): Promise<{ raised: boolean; mailed: boolean }> {
  const alert: Alert = { ...draft, status: "open", createdAt: deps.clock.now().getTime(), acknowledgedAt: null, acknowledgedBy: null };
  const raised = await deps.alerts.create(alert);
  if (!raised) return { raised: false, mailed: false };
  const to = await deps.alerts.mailRecipients();
  if (to.length === 0) return { raised: true, mailed: false };
  await deps.alerts.addMail(`alert-${alert.id}`, {
    to,
    message: {
      subject: `[Kassa] ${alert.title}`,
      text: `${alert.message}\n\n${alert.en ? `In English: ${alert.en.title}. ${alert.en.message}\n\n` : ""}Öppna / Open: ${alert.link}\nObjekt / Object: ${alert.objectPath}`,
      html:
        `<p>${escapeHtml(alert.message)}</p>` +
        (alert.en ? `<p lang="en">${escapeHtml(alert.en.title)}. ${escapeHtml(alert.en.message)}</p>` : "") +
        `<p>Öppna / Open <a href="${escapeHtml(alert.link)}">${escapeHtml(alert.link)}</a> (${escapeHtml(alert.objectPath)})</p>`,
    },
  });
  return { raised: true, mailed: true };
}

/** The sweep: every run or sync still running after STUCK_AFTER_MS raises one alert. */
export async function raiseStuckJobAlerts(deps: AlertDeps): Promise<number> {
  const now = deps.clock.now().getTime();
  let raised = 0;
  for (const job of await deps.alerts.runningJobs(now - STUCK_AFTER_MS)) {
    if ((await raiseAlert(deps, stuckJobAlert(job, now))).raised) raised++;
  }
  return raised;
}

export async function acknowledgeAlert(deps: AlertDeps, caller: Caller, input: { alertId: string }): Promise<{ alertId: string; status: Alert["status"] }> {
  requireRole(caller, "admin");
  const alert = await deps.alerts.acknowledge(input.alertId, caller.uid, deps.clock.now().getTime());
  if (!alert) throw new DomainError("not_found", `alertId: no alert ${input.alertId}`, "alertId");
  return { alertId: alert.id, status: alert.status };
}

export type { AlertKind };

/**
 * A sale disputed: the admins must answer the card issuer with evidence in Stripe before
 * Stripe's deadline, or the dispute is lost by default. Raised from the payment's change (the
 * dispute use case stays unaware of alerts), once per payment.
 */
export function disputeAlert(p: { id: string; amount: number; currency: string; coachId?: string | null; description?: string | null; disputeDueBy?: number | null }): Draft {
  const what = p.description ? ` (${p.description})` : "";
  // A subscription is the platform's own sale: no coach's share to take back, no coach to tell.
  const coach = { sv: p.coachId ? " Coachens del tas tillbaka från coachens Stripe-konto, och coachen får besked." : "", en: p.coachId ? " The coach's share is taken back from their Stripe account, and the coach is told." : "" };
  const due = (lang: Lang) => (p.disputeDueBy ? stockholmTime(lang, p.disputeDueBy) : null);
  return {
    id: `dispute_opened-${safeId(p.id)}`,
    kind: "dispute_opened",
    ...alertText({
      sv: {
        title: `En kund bestrider ett köp på ${moneyIn("sv", p.amount, p.currency)}`,
        message: `Betalningen ${p.id}${what} är bestriden hos kortutgivaren. ${due("sv") ? `Skicka underlag till Stripe senast ${due("sv")} (svensk tid)` : "Skicka underlag till Stripe så snart som möjligt"}, annars avgörs tvisten till kundens fördel.${coach.sv}`,
      },
      en: {
        title: `A customer disputes a ${moneyIn("en", p.amount, p.currency)} sale`,
        message: `Payment ${p.id}${what} is disputed with the card issuer. ${due("en") ? `Send evidence to Stripe by ${due("en")} (Stockholm time)` : "Send evidence to Stripe as soon as possible"}, or the dispute is decided for the customer.${coach.en}`,
      },
    }),
    link: `/admin/payments?status=disputed`,
    objectPath: `payments/${p.id}`,
  };
}
