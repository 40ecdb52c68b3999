/**
 * Admin payouts: runs with live progress, per-coach outcomes of a run, requests waiting
 * for approval, failed payouts to retry, events Kassa could not match and reconciliation
 * flags. Read live from Firestore; every action is a callable.
 */
import { collection, orderBy, query, where, type Query } from "firebase/firestore";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { db } from "../../firestore";
import { useConfirm } from "../../components/ConfirmDialog";
import { loadPerson, PersonName, personLabel } from "../../lib/use-people";
import { runName } from "../../lib/run-names";
import { describeError } from "../../lib/errors";
import { usePagedQuery, type PagedRows } from "../../lib/use-paged-query";
import { ShowOlder } from "../../components/ShowOlder";
import { LoadState } from "../../components/LoadState";
import { ActionButton } from "../../components/ActionResult";
import { formatMoney } from "../../lib/money";
import {
  approvePayout,
  formatWhen,
  rejectPayout,
  retryPayout,
  runWeeklyPayoutNow,
  payoutStatusLabel,
  type OutcomeDoc,
  type PayoutDoc,
  type ReconciliationDoc,
  type RunDoc,
} from "../coach/payouts-api";
import { PayoutAuditTrail } from "../coach/Payouts";

/**
 * A list's rows, paged: the first page live, older pages by cursor ("Show older"), plus what
 * to show instead while it loads or when the listener fails (rules, a missing index): an
 * empty table would claim "none".
 */
function useRows<T extends { id: string }>(
  make: () => Query,
  key: string,
  pageSize?: number,
): { rows: T[]; placeholder: ReactNode; paged: PagedRows<T> } {
  const { t } = useTranslation();
  const paged = usePagedQuery<T>(make, key, pageSize);
  const { rows, error } = paged;
  return {
    rows: rows ?? [],
    placeholder: rows && !error ? null : <LoadState what={t("payoutsAdmin.list")} rows={rows} error={error} />,
    paged,
  };
}

/**
 * A run's counts are on its document: final once done, and while it pays its watcher
 * rewrites them every few seconds (counted from the run's payouts), so this is live.
 */
function Progress({ run }: { run: RunDoc }) {
  const { t } = useTranslation();
  const c = run.counts;
  const pct = run.status === "done" ? 100 : c.due === 0 ? 0 : Math.round((c.settled / c.due) * 100);
  return (
    <div>
      <div
        role="progressbar"
        aria-label={t("payoutsAdmin.progressOf", { run: runName(run) })}
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
        style={{ background: "var(--line)", borderRadius: 4, height: "0.7rem", width: "100%" }}
      >
        <div
          style={{
            background: "var(--brand)",
            borderRadius: 4,
            height: "100%",
            width: `${pct}%`,
            transition: "width 0.3s",
          }}
        />
      </div>
      <span className="muted">
        {t("payoutsAdmin.progress", { status: t(`payoutsAdmin.runStatus.${run.status}`), due: c.due, done: c.done, skipped: c.skipped, failed: c.failed })}
      </span>
    </div>
  );
}

type Outcome = Omit<OutcomeDoc, "status"> & { status: OutcomeDoc["status"] | "rejected" | "cancelled" };

/**
 * What a payout of the run says about its coach, in the same words as a skip. A rejected or
 * cancelled payout says so (with the reason): it is final, not "awaiting".
 */
export function outcomeOfPayout(p: PayoutDoc): Outcome {
  const ended = p.status === "failed" || p.status === "cancelled" || p.status === "rejected" || p.status === "returned";
  return {
    key: p.id,
    coachId: p.coachId,
    currency: p.currency,
    status:
      p.status === "rejected" || p.status === "cancelled"
        ? p.status
        : p.status === "failed" || p.status === "returned"
          ? "failed"
          : p.status === "sending"
            ? "sending"
            : p.status === "requested" || p.status === "approved"
              ? "awaiting"
              : "done",
    reason: p.failureCode,
    message: ended ? (p.failureReason ?? payoutStatusLabel(p.status)) : payoutStatusLabel(p.status),
    amount: p.amount,
    payoutId: p.id,
  };
}

/**
 * Per coach: the run's payouts (a paid coach's outcome is its payout) and the coaches it
 * skipped (`jobs/{runId}/outcomes`, written only for those).
 */
function Outcomes({ runId, name }: { runId: string; name: string }) {
  const { t } = useTranslation();
  const skipped = useRows<OutcomeDoc & { id: string }>(
    () => query(collection(db, `jobs/${runId}/outcomes`)),
    runId,
  );
  const paid = useRows<PayoutDoc>(
    () => query(collection(db, "payouts"), where("runId", "==", runId)),
    `${runId}:payouts`,
  );
  const placeholder = paid.placeholder ?? skipped.placeholder;
  if (placeholder) return placeholder;
  const rows: Outcome[] = [...paid.rows.map(outcomeOfPayout), ...skipped.rows];
  return (
    <>
      <table className="table" aria-label={t("payoutsAdmin.outcomesOf", { run: name })}>
        <thead>
          <tr>
            <th>{t("payoutsAdmin.coach")}</th>
            <th>{t("payoutsAdmin.outcomeCol")}</th>
            <th>{t("payoutsAdmin.amount")}</th>
            <th>{t("payoutsAdmin.why")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr key={o.key}>
              <td>
                <PersonName uid={o.coachId} />
              </td>
              <td className={o.status === "failed" || o.status === "rejected" ? "error" : o.status === "done" ? "ok" : ""}>{t(`payoutsAdmin.outcome.${o.status}`)}</td>
              <td>
                {o.amount === null ? "–" : formatMoney({ amount: o.amount, currency: o.currency })}
              </td>
              <td className="muted">{o.message ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ShowOlder paged={paid.paged} label={t("payoutsAdmin.payoutsOf", { run: name })} />
      <ShowOlder paged={skipped.paged} label={t("payoutsAdmin.skippedBy", { run: name })} />
    </>
  );
}

function Runs() {
  const { t } = useTranslation();
  const [confirm, dialog] = useConfirm();
  const {
    rows: runs,
    placeholder,
    paged: runPages,
  } = useRows<RunDoc>(
    () =>
      query(
        collection(db, "jobs"),
        where("type", "==", "payout_run"),
        orderBy("startedAt", "desc"),
      ),
    "runs",
    10,
  );
  const [open, setOpen] = useState<string | null>(null);
  // Nothing starts until the admin has read what the run will do and confirmed it.
  const runNow = async () => {
    const ok = await confirm({ title: t("payoutsAdmin.runNowTitle"), body: <p>{t("payoutsAdmin.runNowBody")}</p>, confirmLabel: t("payoutsAdmin.runNowConfirm") });
    if (ok === null) return;
    const { data } = await runWeeklyPayoutNow({});
    setOpen(data.runId);
    const name = runName({ id: data.runId, trigger: data.runId.includes("-manual-") ? "admin" : "schedule" });
    return data.started ? t("payoutsAdmin.started", { run: name }) : t("payoutsAdmin.alreadyRunning", { run: name });
  };
  return (
    <section aria-label={t("payoutsAdmin.runs")}>
      <h2>{t("payoutsAdmin.runs")}</h2>
      <ActionButton label={t("payoutsAdmin.runNow")} busyLabel={t("payoutsAdmin.starting")} action={runNow} />
      {dialog}
      {placeholder ?? (runs.length === 0 && <p className="muted">{t("payoutsAdmin.noRuns")}</p>)}
      {runs.map((r) => (
        <div key={r.id} className="card" data-run={r.id}>
          <strong data-testid="run-name">{runName(r)}</strong>{" "}
          <span className="muted">
            {formatWhen(r.startedAt)} · {t(`payoutsAdmin.trigger.${r.trigger}`, { defaultValue: r.trigger })}
          </span>
          <Progress run={r} />
          {r.summary && <p data-testid="run-summary">{r.summary}</p>}
          <button
            type="button"
            className="link"
            onClick={() => setOpen(open === r.id ? null : r.id)}
          >
            {open === r.id ? t("payoutsAdmin.hideCoaches") : t("payoutsAdmin.showCoaches")}
          </button>
          {open === r.id && <Outcomes runId={r.id} name={runName(r)} />}
        </div>
      ))}
      <ShowOlder paged={runPages} label={t("payoutsAdmin.runs")} />
    </section>
  );
}

/** Reads a payout's coach as words for a dialog or an outcome line. */
const coachOf = async (p: PayoutDoc) => personLabel(await loadPerson(p.coachId), p.coachId);
const moneyOf = (p: PayoutDoc) => formatMoney({ amount: p.amount, currency: p.currency });

/** What the payout pays for, in one short line (the trigger and the number of sales). */
export function PayoutDetails({ p }: { p: PayoutDoc }) {
  const { t } = useTranslation();
  const approvals = p.approvals ?? [];
  return (
    <>
      {p.status === "rejected" && p.failureReason ? (
        <span data-testid="rejected-reason">{t("payoutsAdmin.rejectedWhy", { reason: p.failureReason })}</span>
      ) : (
        (p.failureReason ?? (
          <>
            {t(`payoutsAdmin.payoutTrigger.${p.trigger}`)}
            {p.relatedPaymentIds.length > 0 && `, ${t("payoutsAdmin.sales", { count: p.relatedPaymentIds.length })}`}
          </>
        ))
      )}
      {(p.requiredApprovals ?? 1) > 1 && (
        <div>
          {t("payoutsAdmin.twoAdmins", { count: approvals.length, required: p.requiredApprovals })}
          {approvals.length > 0 && (
            <>
              {" ("}
              {approvals.map((a, i) => (
                <span key={a.by}>
                  {i > 0 && ", "}
                  <PersonName uid={a.by} />
                </span>
              ))}
              {")"}
            </>
          )}
        </div>
      )}
    </>
  );
}

type Act = (p: PayoutDoc) => Promise<string | void>;

function PayoutTable({ title, status, actions }: { title: string; status: PayoutDoc["status"]; actions: (p: PayoutDoc, run: (f: Act) => void) => ReactNode }) {
  const { t } = useTranslation();
  const { rows, placeholder, paged } = useRows<PayoutDoc>(() => query(collection(db, "payouts"), where("status", "==", status), orderBy("date", "desc")), status);
  const [outcome, setOutcome] = useState<{ message?: string; error?: string }>({});
  const run = (p: PayoutDoc) => (f: Act) =>
    void f(p).then(
      (message) => message && setOutcome({ message }),
      (e: unknown) => setOutcome({ error: describeError(e) }),
    );
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      {outcome.error && (
        <p className="error" role="alert">
          {outcome.error}
        </p>
      )}
      {outcome.message && (
        <p className="ok" role="status">
          {outcome.message}
        </p>
      )}
      {placeholder ??
        (rows.length === 0 ? (
          <p className="muted">{t("payoutsAdmin.none")}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>{t("payoutsAdmin.coach")}</th>
                <th>{t("payoutsAdmin.amount")}</th>
                <th>{t("payoutsAdmin.created")}</th>
                <th>{t("payoutsAdmin.details")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id} data-payout={p.id}>
                  <td>
                    <PersonName uid={p.coachId} />
                  </td>
                  <td>{moneyOf(p)}</td>
                  <td>{formatWhen(p.date)}</td>
                  <td className="muted">
                    <PayoutDetails p={p} />
                    <PayoutAuditTrail payoutId={p.id} coachId={p.coachId} />
                  </td>
                  <td>{actions(p, run(p))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <ShowOlder paged={paged} label={title} />
    </section>
  );
}

function Reconciliation() {
  const { t } = useTranslation();
  const { rows: flags, placeholder, paged } = useRows<ReconciliationDoc>(() => query(collection(db, "reconciliation"), where("ok", "==", false)), "recon");
  return (
    <section aria-label={t("payoutsAdmin.reconciliation")}>
      <h2>{t("payoutsAdmin.reconciliation")}</h2>
      {placeholder ??
        (flags.length === 0 ? (
          <p className="muted">{t("payoutsAdmin.reconOk")}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>{t("payoutsAdmin.coach")}</th>
                <th>{t("payoutsAdmin.kassaCol")}</th>
                <th>{t("payoutsAdmin.stripeCol")}</th>
                <th>{t("payoutsAdmin.difference")}</th>
                <th>{t("payoutsAdmin.checked")}</th>
              </tr>
            </thead>
            <tbody>
              {flags.map((f) => {
                const m = (amount: number) => formatMoney({ amount, currency: f.currency });
                return (
                  <tr key={f.id}>
                    <td>
                      <PersonName uid={f.coachId} />
                    </td>
                    <td>
                      {m(f.ledger.held)} / {m(f.ledger.available)}
                    </td>
                    <td>
                      {m(f.stripe.pending)} / {m(f.stripe.available)}
                    </td>
                    <td className="error">{m(f.difference.total)}</td>
                    <td>{formatWhen(f.checkedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ))}
      <ShowOlder paged={paged} label={t("payoutsAdmin.reconFlags")} />
    </section>
  );
}

/**
 * The decisions on a payout, each behind a confirmation that names the coach and the amount.
 * Cancel (or Escape) in a dialog does nothing at all; a rejection needs a reason.
 */
function useDecisions() {
  const { t } = useTranslation();
  const [confirm, dialog] = useConfirm();
  const approve: Act = async (p) => {
    const coach = await coachOf(p);
    const amount = moneyOf(p);
    const two = (p.requiredApprovals ?? 1) > 1;
    const ok = await confirm({
      title: t("payoutsAdmin.approveTitle"),
      body: (
        <>
          <p>{t("payoutsAdmin.approveBody", { amount, coach })}</p>
          {two && <p>{t("payoutsAdmin.approveSecond")}</p>}
        </>
      ),
      confirmLabel: t("payoutsAdmin.approve"),
    });
    if (ok === null) return;
    const { data } = await approvePayout({ payoutId: p.id });
    return data.approvals < data.requiredApprovals ? t("payoutsAdmin.approvedFirst", { amount, coach }) : t("payoutsAdmin.approvedDone", { amount, coach });
  };
  const reject: Act = async (p) => {
    const coach = await coachOf(p);
    const reason = await confirm({
      title: t("payoutsAdmin.rejectTitle"),
      body: <p>{t("payoutsAdmin.rejectBody", { amount: moneyOf(p), coach })}</p>,
      confirmLabel: t("payoutsAdmin.reject"),
      danger: true,
      input: { label: t("payoutsAdmin.rejectReason"), required: true, multiline: true },
    });
    if (reason === null) return;
    await rejectPayout({ payoutId: p.id, reason });
    return t("payoutsAdmin.rejectedDone", { coach });
  };
  const retry: Act = async (p) => {
    const coach = await coachOf(p);
    const amount = moneyOf(p);
    const reason = await confirm({
      title: t("payoutsAdmin.retryTitle"),
      body: <p>{t("payoutsAdmin.retryBody", { amount, coach })}</p>,
      confirmLabel: t("payoutsAdmin.retry"),
      input: { label: t("payoutsAdmin.retryReason"), multiline: true },
    });
    if (reason === null) return;
    await retryPayout({ payoutId: p.id, ...(reason ? { reason } : {}) });
    return t("payoutsAdmin.retriedDone", { amount, coach });
  };
  return { approve, reject, retry, dialog };
}

export function AdminPayouts() {
  const { t } = useTranslation();
  const { approve, reject, retry, dialog } = useDecisions();
  return (
    <section>
      <h1>{t("payoutsAdmin.title")}</h1>
      <p>
        <Link to="/admin/payouts/all">{t("payoutsAdmin.allLink")}</Link>
      </p>
      {dialog}
      <PayoutTable
        title={t("payoutsAdmin.requests")}
        status="requested"
        actions={(p, run) => (
          <>
            <button type="button" onClick={() => run(approve)} title={t("payoutsAdmin.approveOwn")}>
              {t("payoutsAdmin.approve")}
            </button>{" "}
            <button type="button" className="secondary" onClick={() => run(reject)}>
              {t("payoutsAdmin.reject")}
            </button>
          </>
        )}
      />
      <PayoutTable title={t("payoutsAdmin.returned")} status="returned" actions={() => <span className="muted">{t("payoutsAdmin.returnedNote")}</span>} />
      <PayoutTable
        title={t("payoutsAdmin.failed")}
        status="failed"
        actions={(_p, run) => (
          <button type="button" onClick={() => run(retry)}>
            {t("payoutsAdmin.retry")}
          </button>
        )}
      />
      <Runs />
      <Reconciliation />
    </section>
  );
}
