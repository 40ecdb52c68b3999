/**
 * The coach's money: Stripe onboarding state, totals per currency (held with the date it
 * frees, available, in payout, paid), the next weekly payout, a request form and the payout
 * history with what each payout pays for. Everything is read live from Firestore (rules let
 * a coach read only their own documents); every change goes through a callable.
 */
import { collection, doc, limit, onSnapshot, orderBy, query, where } from "firebase/firestore";
import { usePagedQuery } from "../../lib/use-paged-query";
import { ShowOlder } from "../../components/ShowOlder";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { db } from "../../firestore";
import { describeError } from "../../lib/errors";
import { requirementSteps } from "../../lib/requirements";
import { formatMoney, kronorText, parseKronor } from "../../lib/money";
import {
  cancelPayoutRequest,
  coachDashboardLink,
  formatWhen,
  nextWeeklyRun,
  auditActionLabel,
  payoutStatusLabel,
  requestPayout,
  startCoachOnboarding,
  type BalanceDoc,
  type CoachDoc,
  type PayoutAuditDoc,
  type PayoutDoc,
  payableNow,
} from "./payouts-api";
import { useLiveQuery } from "../../lib/use-live-query";
import { PayoutLines } from "./PayoutLines";

const DEFAULT_MINIMUM: Record<string, number> = { sek: 10_000, eur: 2_500, usd: 2_500, nok: 10_000, dkk: 10_000 };

function useLive<T>(make: () => (set: (v: T) => void) => () => void, deps: unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => make()(setValue), deps);
  return value;
}

function Onboarding({ coach }: { coach: CoachDoc | null }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const returned = params.get("onboarding");
  async function go(fn: () => Promise<{ data: { url: string } }>) {
    setState({ busy: true });
    try {
      window.location.assign((await fn()).data.url);
    } catch (e) {
      setState({ busy: false, error: describeError(e) });
    }
  }
  const ready = coach?.payoutsEnabled && coach.chargesEnabled;
  return (
    <div className="card" aria-label={t("coach.stripeAccount")}>
      <h3>{t("coach.stripeAccount")}</h3>
      {!coach?.stripeAccountId && <p>{t("coach.connectIntro")}</p>}
      {coach?.stripeAccountId && ready && (
        <p className="ok" role="status">
          {t("coach.ready")}
        </p>
      )}
      {coach?.stripeAccountId && !ready && (
        <div role="status">
          <p>{coach.detailsSubmitted ? t("coach.checking") : t("coach.notFinished")}</p>
          {coach.disabledReason && (
            <p className="muted">
              {t("coach.reason")} {t(`coach.disabledReasons.${coach.disabledReason}`, { defaultValue: t("coach.disabledReasons.other") })}
            </p>
          )}
          {coach.requirementsDue.length > 0 && (
            <>
              <p>{t("coach.stillRequired")}</p>
              <ul className="checklist" aria-label={t("coach.stillRequired")}>
                {requirementSteps(coach.requirementsDue).map((s) => (
                  <li key={s.key === "other" ? s.code : s.key}>{t(`requirements.${s.key}`, { code: s.code })}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {returned === "refresh" && !ready && <p className="muted">{t("coach.linkExpired")}</p>}
      {returned === "return" && !ready && <p className="muted">{t("coach.backFromStripe")}</p>}
      {!ready && (
        <button type="button" disabled={state.busy} onClick={() => void go(() => startCoachOnboarding({}))}>
          {coach?.stripeAccountId ? t("coach.continueOnboarding") : t("coach.setUp")}
        </button>
      )}
      {coach?.detailsSubmitted && (
        <button type="button" className="secondary" disabled={state.busy} onClick={() => void go(() => coachDashboardLink({}))}>
          {t("coachPayouts.dashboard")}
        </button>
      )}
      {state.error && <p className="error" role="alert">{state.error}</p>}
    </div>
  );
}

/**
 * What Stripe can pay now, asked again whenever the available balance changes: the ledger frees
 * a share when its hold ends, but Stripe may still count the charge as pending.
 */
function usePayableNow(currency: string, available: number): { payableNow: number; stripeAvailable: number | null } | null {
  const [now, setNow] = useState<{ payableNow: number; stripeAvailable: number | null } | null>(null);
  useEffect(() => {
    if (available <= 0) return setNow(null);
    let live = true;
    payableNow({ currency }).then(
      (r) => live && setNow(r.data),
      // Not knowing Stripe's side is no reason to hide the balance: the request says it if refused.
      () => live && setNow(null),
    );
    return () => {
      live = false;
    };
  }, [currency, available]);
  return now;
}

function Totals({ balance, nextHoldEnd, minimum }: { balance: BalanceDoc; nextHoldEnd: number | null; minimum: number }) {
  const { t } = useTranslation();
  const m = (amount: number) => formatMoney({ amount, currency: balance.currency });
  const stripe = usePayableNow(balance.currency, balance.available);
  const later = stripe && stripe.stripeAvailable !== null ? balance.available - stripe.payableNow : 0;
  const next = nextWeeklyRun(new Date());
  return (
    <div className="card" aria-label={t("coachPayouts.balance", { currency: balance.currency.toUpperCase() })}>
      <table className="table">
        <tbody>
          <tr>
            <th>{t("coachPayouts.available")}</th>
            <td data-testid="available">
              {m(balance.available)}
              {stripe && later > 0 && (
                <div className="muted small" data-testid="payable-now">
                  {stripe.payableNow > 0 ? t("payableNow.partly", { now: m(stripe.payableNow), later: m(later) }) : t("payableNow.nothingYet")}
                </div>
              )}
            </td>
          </tr>
          <tr>
            <th>{t("coachPayouts.held")}</th>
            <td data-testid="held">
              {m(balance.held)}
              {balance.held > 0 && nextHoldEnd && <span className="muted">{t("coachPayouts.nextFrees", { when: formatWhen(nextHoldEnd) })}</span>}
            </td>
          </tr>
          <tr>
            <th>{t("coachPayouts.inPayout")}</th>
            <td data-testid="in-payout">{m(balance.inPayout)}</td>
          </tr>
          <tr>
            <th>{t("coachPayouts.paidOut")}</th>
            <td data-testid="paid">{m(balance.paid)}</td>
          </tr>
        </tbody>
      </table>
      <p className="muted" data-testid="next-payout">
        {balance.available >= minimum
          ? t("coachPayouts.nextRunExpected", { when: formatWhen(next.getTime()), amount: m(balance.available) })
          : t("coachPayouts.nextRunNothing", { when: formatWhen(next.getTime()), minimum: m(minimum) })}
      </p>
    </div>
  );
}

function RequestForm({ balance, open }: { balance: BalanceDoc; open: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [state, setState] = useState<{ busy: boolean; msg?: string; error?: string }>({ busy: false });
  async function submit(e: FormEvent) {
    e.preventDefault();
    const amount = parseKronor(text);
    if (amount === null || amount <= 0) return setState({ busy: false, error: t("coachPayouts.badAmount") });
    setState({ busy: true });
    try {
      const { data } = await requestPayout({ amount, currency: balance.currency });
      setText("");
      setState({ busy: false, msg: data.status === "requested" ? t("coachPayouts.requestedApproval") : t("coachPayouts.requestedSent") });
    } catch (err) {
      setState({ busy: false, error: describeError(err) });
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)} className="card" aria-label={t("coachPayouts.requestForm")}>
      <label>
        {t("coachPayouts.requestLabel", { currency: balance.currency.toUpperCase() })}{" "}
        <input value={text} onChange={(e) => setText(e.target.value)} placeholder={kronorText(Math.max(balance.available, 0))} inputMode="decimal" aria-label={t("coachPayouts.amount")} />
      </label>{" "}
      <button type="submit" disabled={state.busy || open}>
        {t("coachPayouts.request")}
      </button>
      {open && <span className="muted">{t("coachPayouts.oneOpen")}</span>}
      {state.msg && <p className="ok" role="status">{state.msg}</p>}
      {state.error && <p className="error" role="alert">{state.error}</p>}
    </form>
  );
}

/**
 * A payout's audit trail (`payouts/{id}/audit`): who requested, approved, rejected, retried
 * or cancelled it, when and why. Folded away until asked for, so a long history stays short.
 */
export function PayoutAuditTrail({ payoutId, coachId }: { payoutId: string; coachId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // Filtered on coachId so the rules can allow a coach's query (rules are not filters); sorted here, no index needed.
  const { rows: unsorted, error } = useLiveQuery<PayoutAuditDoc>(() => (open ? query(collection(db, "payouts", payoutId, "audit"), where("coachId", "==", coachId)) : null), [payoutId, open]);
  const rows = unsorted && [...unsorted].sort((a, b) => (a.id < b.id ? -1 : 1));
  return (
    <details className="audit" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary className="muted">{t("coachPayouts.history")}</summary>
      {error && <p className="error">{error}</p>}
      {rows && rows.length === 0 && <p className="muted">{t("coachPayouts.noDecisions")}</p>}
      {rows && rows.length > 0 && (
        <ol aria-label={t("coachPayouts.auditOf", { id: payoutId })}>
          {rows.map((a) => (
            <li key={a.id}>
              {formatWhen(a.at)} · {auditActionLabel(a.action)}
              {a.by ? (a.byRole ? t("coachPayouts.byRole", { who: a.by, role: t(`roles.${a.byRole}`, { defaultValue: a.byRole }) }) : t("coachPayouts.by", { who: a.by })) : t("coachPayouts.byKassa")}
              {a.attempt > 1 ? t("coachPayouts.attempt", { attempt: a.attempt }) : ""}
              {a.reason ? `: ${a.reason}` : ""}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

function History({ payouts }: { payouts: PayoutDoc[] }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  if (payouts.length === 0) return <p className="muted">{t("coachPayouts.none")}</p>;
  return (
    <>
      {error && <p className="error" role="alert">{error}</p>}
      <table className="table" aria-label={t("coachPayouts.historyTable")}>
        <thead>
          <tr>
            <th>{t("coachPayouts.date")}</th>
            <th>{t("coachPayouts.amountColumn")}</th>
            <th>{t("coachPayouts.status")}</th>
            <th>{t("coachPayouts.paysFor")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {payouts.map((p) => (
            <tr key={p.id} data-payout={p.id}>
              <td>{formatWhen(p.date)}</td>
              <td>{formatMoney({ amount: p.amount, currency: p.currency })}</td>
              <td>
                <span className={p.status === "failed" || p.status === "returned" ? "error" : p.status === "paid" ? "ok" : ""}>{payoutStatusLabel(p.status)}</span>
                {p.failureReason && <div className="muted">{p.failureReason}</div>}
                <PayoutAuditTrail payoutId={p.id} coachId={p.coachId} />
              </td>
              <td>
                <PayoutLines payout={p} />
              </td>
              <td>
                {(p.status === "requested" || (p.status === "approved" && !p.sendStartedAt)) && (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => void cancelPayoutRequest({ payoutId: p.id }).catch((e: unknown) => setError(describeError(e)))}
                  >
                    {t("coachPayouts.cancel")}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Coach earnings by week (coach share of succeeded sales), newest last, as simple bars. */
function WeeklyEarnings({ coachId }: { coachId: string }) {
  const { t } = useTranslation();
  // Keyed by week and currency: amounts in different currencies are never added together.
  const weeks = useLive<[string, number][]>(
    () => (set) =>
      onSnapshot(query(collection(db, "payments"), where("coachId", "==", coachId), orderBy("date", "desc"), limit(200)), (snap) => {
        const byWeek = new Map<string, number>();
        for (const d of snap.docs) {
          const p = d.data() as { date: number; coachAmount: number; status: string; currency: string };
          if (p.status !== "succeeded" && p.status !== "partially_refunded") continue;
          const monday = new Date(p.date - ((new Date(p.date).getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
          const key = `${monday}|${p.currency}`;
          byWeek.set(key, (byWeek.get(key) ?? 0) + p.coachAmount);
        }
        set([...byWeek].sort().slice(-8));
      }),
    [coachId],
    [],
  );
  if (weeks.length === 0) return null;
  return (
    <div className="card" aria-label={t("coachPayouts.byWeek")}>
      <h3>{t("coachPayouts.byWeek")}</h3>
      {weeks.map(([key, amount]) => {
        const [week = "", currency = "sek"] = key.split("|");
        // Bars compare weeks within one currency only.
        const max = Math.max(...weeks.filter(([k]) => k.endsWith(`|${currency}`)).map(([, v]) => v));
        return (
          <div key={key} style={{ display: "flex", gap: "0.5rem", alignItems: "center" }}>
            <span className="muted" style={{ width: "6.5rem" }}>
              {week}
            </span>
            <span style={{ background: "var(--brand)", height: "0.8rem", width: `${Math.max(2, (amount / max) * 60)}%`, borderRadius: 3 }} />
            <span>{formatMoney({ amount, currency })}</span>
          </div>
        );
      })}
    </div>
  );
}

export function CoachPayouts({ coachId }: { coachId: string }) {
  const { t } = useTranslation();
  const coach = useLive<CoachDoc | null>(() => (set) => onSnapshot(doc(db, `coaches/${coachId}`), (s) => set((s.data() as CoachDoc | undefined) ?? null)), [coachId], null);
  const balances = useLive<BalanceDoc[]>(
    () => (set) => onSnapshot(query(collection(db, "balances"), where("coachId", "==", coachId)), (s) => set(s.docs.map((d) => d.data() as BalanceDoc))),
    [coachId],
    [],
  );
  // A weekly payout is 52 a year: the history pages (live first page, older by cursor).
  const payoutPages = usePagedQuery<PayoutDoc>(() => query(collection(db, "payouts"), where("coachId", "==", coachId), orderBy("date", "desc")), `coach-payouts:${coachId}`);
  const payouts = payoutPages.rows ?? [];
  const nextHoldEnd = useLive<number | null>(
    () => (set) =>
      onSnapshot(query(collection(db, "payments"), where("coachId", "==", coachId), where("holdReleased", "==", false), orderBy("availableOn"), limit(1)), (s) =>
        set((s.docs[0]?.get("availableOn") as number | undefined) ?? null),
      ),
    [coachId],
    null,
  );
  const minimums = useLive<Record<string, number>>(() => (set) => onSnapshot(doc(db, "settings/payouts"), (s) => set({ ...DEFAULT_MINIMUM, ...((s.get("minimums") as Record<string, number> | undefined) ?? {}) })), [], DEFAULT_MINIMUM);

  return (
    <section aria-label={t("coachPayouts.title")}>
      <h2>{t("coachPayouts.title")}</h2>
      <Onboarding coach={coach} />
      {balances.length === 0 && <p className="muted">{t("coachPayouts.noEarnings")}</p>}
      {balances.map((b) => (
        <div key={b.currency}>
          <Totals balance={b} nextHoldEnd={nextHoldEnd} minimum={minimums[b.currency] ?? 10_000} />
          {coach?.payoutsEnabled && <RequestForm balance={b} open={Boolean(coach.openPayouts?.[b.currency])} />}
        </div>
      ))}
      <WeeklyEarnings coachId={coachId} />
      <h3>{t("coachPayouts.historyTable")}</h3>
      <History payouts={payouts} />
      <ShowOlder paged={payoutPages} label={t("coachPayouts.historyTable")} />
    </section>
  );
}
