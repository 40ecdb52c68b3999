/**
 * The admin's payments: every sale and subscription payment with its split, filtered by
 * status, coach, customer and days. The filters live in the URL (a filtered view is a link);
 * the first page is a live query, so a refund or a new sale shows without reloading, and older
 * pages load by cursor. People show by name, programs by title. A refund opens a dialog that
 * says what will happen and takes the amount in kronor (required, never "empty means all").
 */
import { collection, orderBy, query, type QueryConstraint, where } from "firebase/firestore";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { db } from "../../firestore";
import { useConfirm } from "../../components/ConfirmDialog";
import { PersonPicker } from "../../components/PersonPicker";
import { ShowOlder } from "../../components/ShowOlder";
import { refundPayment } from "../../lib/callables";
import { describeError } from "../../lib/errors";
import { formatMoney, kronorText } from "../../lib/money";
import { formatDateTime, type PaymentDoc, STATUS_LABEL } from "../../lib/payments";
import { useProgramTitle } from "../../lib/program-titles";
import { refundAmount, refundAmountError } from "../../lib/refund-amount";
import { usePagedQuery } from "../../lib/use-paged-query";
import { loadPerson, PersonName, personLabel } from "../../lib/use-people";

/** The URL's query parameters, which are the filters: /admin/payments?coach=uid&status=refunded. */
export const PAYMENT_FILTERS = ["status", "coach", "customer", "from", "to"] as const;
type Filters = Record<(typeof PAYMENT_FILTERS)[number], string>;

export function filtersFrom(params: URLSearchParams): Filters {
  const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : "");
  return {
    status: params.get("status") ?? "",
    coach: params.get("coach") ?? "",
    customer: params.get("customer") ?? "",
    from: day(params.get("from")),
    to: day(params.get("to")),
  };
}

/** Server-side filters on indexed fields; the paged query adds the page's limit and cursor. */
function constraints(f: Filters): QueryConstraint[] {
  const c: QueryConstraint[] = [];
  if (f.status) c.push(where("status", "==", f.status));
  if (f.coach) c.push(where("coachId", "==", f.coach));
  if (f.customer) c.push(where("userId", "==", f.customer));
  if (f.from) c.push(where("date", ">=", Date.parse(`${f.from}T00:00:00`)));
  if (f.to) c.push(where("date", "<", Date.parse(`${f.to}T00:00:00`) + 86_400_000));
  return [...c, orderBy("date", "desc")];
}

// Listed here: STATUS_LABEL is a lookup (a Proxy over the catalogue), it has no keys to list.
const STATUSES = ["succeeded", "partially_refunded", "refunded", "disputed", "failed", "pending"] as const;

const REASONS = ["requested_by_customer", "duplicate", "fraudulent"] as const;

function PaymentTitle({ p }: { p: PaymentDoc }) {
  const { t } = useTranslation();
  const title = useProgramTitle(p.kind === "program" ? p.programId : null, p.description);
  if (p.kind === "subscription") return <>{p.description ?? t("adminPayments.premium")}</>;
  return <>{title ?? t("adminPayments.program")}</>;
}

function RefundButton({ payment, title }: { payment: PaymentDoc; title: string | null }) {
  const { t } = useTranslation();
  const [confirm, dialog] = useConfirm();
  const [state, setState] = useState<{ busy: boolean; msg?: string; error?: string }>({ busy: false });
  const left = payment.amount - payment.refundedAmount;
  if (!["succeeded", "partially_refunded"].includes(payment.status) || left <= 0) return null;
  const m = (amount: number) => formatMoney({ amount, currency: payment.currency });

  async function refund() {
    setState({ busy: false });
    const [customer, coach] = await Promise.all([
      payment.userId ? loadPerson(payment.userId).then((p) => personLabel(p, payment.userId!)) : null,
      payment.coachId ? loadPerson(payment.coachId).then((p) => personLabel(p, payment.coachId!)) : null,
    ]);
    // The reason is picked in the dialog's body; a Cancel discards it with everything else.
    const reason: { value: (typeof REASONS)[number] } = { value: "requested_by_customer" };
    const typed = await confirm({
      title: t("refund.title"),
      body: (
        <>
          <dl className="facts">
            <dt>{t("refund.customer")}</dt>
            <dd>{customer ?? "—"}</dd>
            <dt>{t("refund.program")}</dt>
            <dd>{title ?? (payment.kind === "subscription" ? t("adminPayments.premium") : t("adminPayments.program"))}</dd>
            {coach && (
              <>
                <dt>{t("refund.coach")}</dt>
                <dd>{coach}</dd>
              </>
            )}
            <dt>{t("refund.paid")}</dt>
            <dd>{m(payment.amount)}</dd>
            {payment.refundedAmount > 0 && (
              <>
                <dt>{t("refund.alreadyRefunded")}</dt>
                <dd>{m(payment.refundedAmount)}</dd>
              </>
            )}
            <dt>{t("refund.left")}</dt>
            <dd>{m(left)}</dd>
          </dl>
          <p>{t("refund.what")}</p>
          <label className="field">
            {t("refund.reasonLabel")}
            <select defaultValue={reason.value} onChange={(e) => (reason.value = e.target.value as (typeof REASONS)[number])}>
              {REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`refund.reasons.${r}`)}
                </option>
              ))}
            </select>
          </label>
        </>
      ),
      confirmLabel: t("refund.confirm"),
      danger: true,
      input: {
        label: t("refund.amountLabel"),
        required: true,
        inputMode: "decimal",
        initialValue: kronorText(left),
        validate: (v) => refundAmountError(v, left, payment.currency),
      },
    });
    if (typed === null) return; // cancelled: nothing is sent
    const amount = refundAmount(typed);
    setState({ busy: true });
    try {
      const { data } = await refundPayment({ paymentId: payment.id, amount, reason: reason.value, requestId: crypto.randomUUID() });
      setState({ busy: false, msg: data.status === "pending_approval" ? t("refund.waiting", { amount: m(amount) }) : t("refund.sent", { amount: m(amount) }) });
    } catch (e) {
      setState({ busy: false, error: describeError(e) });
    }
  }

  return (
    <>
      <button type="button" className="secondary" disabled={state.busy} onClick={() => void refund()}>
        {state.busy ? t("adminPayments.refunding") : t("adminPayments.refund")}
      </button>
      {state.msg && (
        <p className="ok small" role="status">
          {state.msg}
        </p>
      )}
      {state.error && (
        <p className="error small" role="alert">
          {state.error}
        </p>
      )}
      {dialog}
    </>
  );
}

function PaymentRow({ p }: { p: PaymentDoc }) {
  const { t } = useTranslation();
  const title = useProgramTitle(p.kind === "program" ? p.programId : null, p.description);
  const m = (amount: number) => formatMoney({ amount, currency: p.currency });
  return (
    <tr data-payment={p.id}>
      <td>{formatDateTime(p.date)}</td>
      <td>
        <PaymentTitle p={p} />
        <div className="muted small">{p.coachId ? <PersonName uid={p.coachId} /> : t("adminPayments.platform")}</div>
      </td>
      <td>{p.userId ? <PersonName uid={p.userId} /> : "—"}</td>
      <td>{m(p.amount)}</td>
      <td>{m(p.feeAmount)}</td>
      <td>{m(p.coachAmount)}</td>
      {/* Older or hand-made records may not know Stripe's fee yet: a dash, not a broken page. */}
      <td>{typeof p.stripeFee === "number" ? m(p.stripeFee) : "—"}</td>
      <td>
        {STATUS_LABEL[p.status] ?? p.status}
        {p.status === "disputed" && p.disputeDueBy && (
          <div className="error small" data-testid="dispute-due">
            {t("adminPayments.disputeDue", { when: formatDateTime(p.disputeDueBy) })}
          </div>
        )}
        {p.refundedAmount > 0 && (
          <div className="muted small" data-testid="refunded">
            {t("adminPayments.refunded", { amount: m(p.refundedAmount) })}
          </div>
        )}
      </td>
      <td>
        <RefundButton payment={p} title={p.kind === "subscription" ? (p.description ?? t("adminPayments.premium")) : title} />
      </td>
    </tr>
  );
}

export function AdminPayments() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const key = JSON.stringify(filters);
  const paged = usePagedQuery<PaymentDoc>(() => query(collection(db, "payments"), ...constraints(filters)), `payments:${key}`);
  const { rows, error } = paged;

  // Replace, not push: typing a date should not add a history entry per keystroke.
  const set = (k: keyof Filters, v: string | null) => {
    // From the address as it is now, not as this render saw it: a second change before the next
    // render (a date typed right after a coach was picked) must not drop the first.
    const next = new URLSearchParams(window.location.search);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  return (
    <section>
      <h1>{t("adminPayments.title")}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t("adminPayments.filters")}>
        <label>
          {t("adminPayments.status")}
          <select value={filters.status} onChange={(e) => set("status", e.target.value)}>
            <option value="">{t("adminPayments.all")}</option>
            {STATUSES.map((v) => (
              <option key={v} value={v}>
                {STATUS_LABEL[v] ?? v}
              </option>
            ))}
          </select>
        </label>
        <PersonPicker role="coach" label={t("adminPayments.coach")} value={filters.coach || null} onChange={(uid) => set("coach", uid)} />
        <PersonPicker role="customer" label={t("adminPayments.customer")} value={filters.customer || null} onChange={(uid) => set("customer", uid)} />
        <label>
          {t("adminPayments.from")}
          <input type="date" value={filters.from} onChange={(e) => set("from", e.target.value)} />
        </label>
        <label>
          {t("adminPayments.to")}
          <input type="date" value={filters.to} onChange={(e) => set("to", e.target.value)} />
        </label>
      </form>
      {error && (
        <p role="alert" className="error">
          {t("adminPayments.loadFailed", { error })}
        </p>
      )}
      {!rows && !error && (
        <p className="muted" role="status">
          {t("adminPayments.loading")}
        </p>
      )}
      {rows && rows.length === 0 && <p className="muted">{t("adminPayments.none")}</p>}
      {rows && rows.length > 0 && (
        <table className="table" aria-label={t("adminPayments.table")}>
          <thead>
            <tr>
              <th scope="col">{t("adminPayments.when")}</th>
              <th scope="col">{t("adminPayments.what")}</th>
              <th scope="col">{t("adminPayments.customer")}</th>
              <th scope="col">{t("adminPayments.amount")}</th>
              <th scope="col">{t("adminPayments.fee")}</th>
              <th scope="col">{t("adminPayments.coachShare")}</th>
              <th scope="col">{t("adminPayments.stripeFee")}</th>
              <th scope="col">{t("adminPayments.status")}</th>
              <th scope="col">{t("adminPayments.action")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <PaymentRow key={p.id} p={p} />
            ))}
          </tbody>
        </table>
      )}
      <ShowOlder paged={paged} label={t("adminPayments.table")} />
    </section>
  );
}
