/**
 * Admin payouts: runs with live progress, per-coach outcomes of a run, requests waiting
 * for approval, failed payouts to retry, events Kassa could not match and reconciliation
 * flags. Read live from Firestore; every action is a callable.
 */
import { collection, orderBy, query, where, type Query } from "firebase/firestore";
import { useState, type ReactNode } from "react";
import { db } from "../../firebase";
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
  const paged = usePagedQuery<T>(make, key, pageSize);
  const { rows, error } = paged;
  return {
    rows: rows ?? [],
    placeholder: rows && !error ? null : <LoadState what="this list" rows={rows} error={error} />,
    paged,
  };
}

/**
 * A run's counts are on its document: final once done, and while it pays its watcher
 * rewrites them every few seconds (counted from the run's payouts), so this is live.
 */
function Progress({ run }: { run: RunDoc }) {
  const c = run.counts;
  const pct = run.status === "done" ? 100 : c.due === 0 ? 0 : Math.round((c.settled / c.due) * 100);
  return (
    <div>
      <div
        role="progressbar"
        aria-label={`Progress of ${run.id}`}
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
        {run.status} · due {c.due} · sent {c.done} · skipped {c.skipped} · failed {c.failed}
      </span>
    </div>
  );
}

/** What a payout of the run says about its coach, in the same words as a skip. */
function outcomeOfPayout(p: PayoutDoc): OutcomeDoc {
  const failed = p.status === "failed" || p.status === "cancelled";
  return {
    key: p.id,
    coachId: p.coachId,
    currency: p.currency,
    status: failed
      ? "failed"
      : p.status === "sending"
        ? "sending"
        : ["requested", "approved", "rejected"].includes(p.status)
          ? "awaiting"
          : "done",
    reason: p.failureCode,
    message: failed ? p.failureReason : payoutStatusLabel(p.status),
    amount: p.amount,
    payoutId: p.id,
  };
}

/**
 * Per coach: the run's payouts (a paid coach's outcome is its payout) and the coaches it
 * skipped (`jobs/{runId}/outcomes`, written only for those).
 */
function Outcomes({ runId }: { runId: string }) {
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
  const rows = [...paid.rows.map(outcomeOfPayout), ...skipped.rows];
  return (
    <>
      <table className="table" aria-label={`Outcomes of ${runId}`}>
        <thead>
          <tr>
            <th>Coach</th>
            <th>Outcome</th>
            <th>Amount</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr key={o.key}>
              <td>{o.coachId}</td>
              <td>{o.status}</td>
              <td>
                {o.amount === null ? "–" : formatMoney({ amount: o.amount, currency: o.currency })}
              </td>
              <td className="muted">{o.message ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ShowOlder paged={paid.paged} label={`payouts of ${runId}`} />
      <ShowOlder paged={skipped.paged} label={`coaches skipped by ${runId}`} />
    </>
  );
}

function Runs() {
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
  const runNow = async () => {
    const { data } = await runWeeklyPayoutNow({});
    setOpen(data.runId);
    return data.started ? `Started ${data.runId}.` : `${data.runId} is already running.`;
  };
  return (
    <section aria-label="Payout runs">
      <h2>Payout runs</h2>
      <ActionButton label="Run weekly payout now" busyLabel="Starting…" action={runNow} />
      {placeholder ?? (runs.length === 0 && <p className="muted">No payout runs yet.</p>)}
      {runs.map((r) => (
        <div key={r.id} className="card" data-run={r.id}>
          <strong>{r.id}</strong>{" "}
          <span className="muted">
            {formatWhen(r.startedAt)} · {r.trigger}
          </span>
          <Progress run={r} />
          {r.summary && <p data-testid="run-summary">{r.summary}</p>}
          <button
            type="button"
            className="link"
            onClick={() => setOpen(open === r.id ? null : r.id)}
          >
            {open === r.id ? "Hide coaches" : "Show coaches"}
          </button>
          {open === r.id && <Outcomes runId={r.id} />}
        </div>
      ))}
      <ShowOlder paged={runPages} label="payout runs" />
    </section>
  );
}

function PayoutTable({
  title,
  status,
  actions,
}: {
  title: string;
  status: PayoutDoc["status"];
  actions: (p: PayoutDoc, done: (e?: unknown) => void) => ReactNode;
}) {
  const { rows, placeholder, paged } = useRows<PayoutDoc>(
    () => query(collection(db, "payouts"), where("status", "==", status), orderBy("date", "desc")),
    status,
  );
  const [error, setError] = useState<string>();
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {placeholder ??
        (rows.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Coach</th>
                <th>Amount</th>
                <th>Created</th>
                <th>Details</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id} data-payout={p.id}>
                  <td>{p.coachId}</td>
                  <td>{formatMoney({ amount: p.amount, currency: p.currency })}</td>
                  <td>{formatWhen(p.date)}</td>
                  <td className="muted">
                    {p.failureReason ??
                      `${p.trigger}${p.relatedPaymentIds.length ? `, ${p.relatedPaymentIds.length} sales` : ""}`}
                    {p.failureCode && ` (${p.failureCode})`}
                    {(p.requiredApprovals ?? 1) > 1 && (
                      <div>
                        Needs two admins: {(p.approvals ?? []).length} of {p.requiredApprovals}{" "}
                        approved
                        {(p.approvals ?? []).length > 0 &&
                          ` (${(p.approvals ?? []).map((a) => a.by).join(", ")})`}
                      </div>
                    )}
                    <PayoutAuditTrail payoutId={p.id} coachId={p.coachId} />
                  </td>
                  <td>{actions(p, (e) => setError(e ? describeError(e) : undefined))}</td>
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
  const {
    rows: flags,
    placeholder,
    paged,
  } = useRows<ReconciliationDoc>(
    () => query(collection(db, "reconciliation"), where("ok", "==", false)),
    "recon",
  );
  return (
    <section aria-label="Reconciliation">
      <h2>Reconciliation</h2>
      {placeholder ??
        (flags.length === 0 ? (
          <p className="muted">Every checked coach balance matches Stripe.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Coach</th>
                <th>Kassa held / available</th>
                <th>Stripe pending / available</th>
                <th>Difference</th>
                <th>Checked</th>
              </tr>
            </thead>
            <tbody>
              {flags.map((f) => {
                const m = (amount: number) => formatMoney({ amount, currency: f.currency });
                return (
                  <tr key={f.id}>
                    <td>{f.coachId}</td>
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
      <ShowOlder paged={paged} label="reconciliation flags" />
    </section>
  );
}

export function AdminPayouts() {
  return (
    <section>
      <h1>Payouts</h1>
      <PayoutTable
        title="Requests waiting for approval"
        status="requested"
        actions={(p, done) => (
          <>
            <button
              type="button"
              onClick={() => void approvePayout({ payoutId: p.id }).then(() => done(), done)}
              title="You cannot approve your own payout; above the second-approval amount two admins must."
            >
              Approve
            </button>{" "}
            <button
              type="button"
              className="secondary"
              onClick={() => {
                const reason =
                  window.prompt("Why is this request rejected? The coach sees it.", "") ??
                  undefined;
                void rejectPayout({ payoutId: p.id, ...(reason ? { reason } : {}) }).then(
                  () => done(),
                  done,
                );
              }}
            >
              Reject
            </button>
          </>
        )}
      />
      <PayoutTable
        title="Returned by the bank"
        status="returned"
        actions={() => (
          <span className="muted">The money is available again; the next payout includes it.</span>
        )}
      />
      <PayoutTable
        title="Failed payouts"
        status="failed"
        actions={(p, done) => (
          <button
            type="button"
            onClick={() => {
              const reason =
                window.prompt("Why retry? Saved on the payout's history.", "") ?? undefined;
              void retryPayout({ payoutId: p.id, ...(reason ? { reason } : {}) }).then(
                () => done(),
                done,
              );
            }}
          >
            Retry
          </button>
        )}
      />
      <Runs />
      <Reconciliation />
    </section>
  );
}
