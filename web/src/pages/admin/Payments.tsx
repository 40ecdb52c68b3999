import {
  collection,
  getDocs,
  limit,
  orderBy,
  query,
  type QueryConstraint,
  type QueryDocumentSnapshot,
  startAfter,
  where,
} from "firebase/firestore";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { db } from "../../firebase";
import { ActionResult } from "../../components/ActionResult";
import { refundPayment } from "../../lib/callables";
import { useAction } from "../../lib/use-action";
import { describeError } from "../../lib/errors";
import { formatMoney, parseKronor } from "../../lib/money";
import { formatDateTime, type PaymentDoc, STATUS_LABEL } from "../../lib/payments";

const PAGE = 50;

interface Filters {
  status: string;
  coachId: string;
  from: string;
  to: string;
}

/** Server-side filters and paging (indexed queries), so the page stays fast with many payments. */
function constraints(f: Filters): QueryConstraint[] {
  const c: QueryConstraint[] = [];
  if (f.status) c.push(where("status", "==", f.status));
  if (f.coachId) c.push(where("coachId", "==", f.coachId.trim()));
  if (f.from) c.push(where("date", ">=", Date.parse(`${f.from}T00:00:00`)));
  if (f.to) c.push(where("date", "<", Date.parse(`${f.to}T00:00:00`) + 86_400_000));
  return [...c, orderBy("date", "desc"), limit(PAGE)];
}

function RefundButton({ payment, onDone }: { payment: PaymentDoc; onDone: () => void }) {
  const { t } = useTranslation();
  const [state, run, setState] = useAction();
  const left = payment.amount - payment.refundedAmount;
  if (!["succeeded", "partially_refunded"].includes(payment.status) || left <= 0) return null;
  function refund() {
    const input = window.prompt(
      t("adminPayments.refundPrompt", { left: formatMoney({ amount: left, currency: payment.currency }) }),
      "",
    );
    if (input === null) return;
    const amount = input.trim() ? parseKronor(input) : undefined;
    if (amount === null || amount === 0)
      return setState({ busy: false, error: t("adminPayments.badAmount") });
    void run(async () => {
      const { data } = await refundPayment({
        paymentId: payment.id,
        ...(amount ? { amount } : {}),
        reason: "requested_by_customer",
        requestId: crypto.randomUUID(),
      });
      onDone();
      if (data.status === "pending_approval") return t("approvals.refundWaiting");
      return t("adminPayments.refundSent");
    });
  }
  return (
    <>
      <button type="button" className="secondary" disabled={state.busy} onClick={refund}>
        {state.busy ? t("adminPayments.refunding") : t("adminPayments.refund")}
      </button>
      <ActionResult state={state} />
    </>
  );
}

export function AdminPayments() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({ status: "", coachId: "", from: "", to: "" });
  const [rows, setRows] = useState<PaymentDoc[] | null>(null);
  const [cursor, setCursor] = useState<QueryDocumentSnapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  // Each keystroke in a filter starts a query; only the latest may fill the table, so a slow
  // answer for an older filter never replaces the rows of the current one.
  const latest = useRef(0);
  const load = useCallback(async (f: Filters, after: QueryDocumentSnapshot | null) => {
    const request = ++latest.current;
    const isCurrent = () => request === latest.current;
    setLoading(true);
    setError(null);
    try {
      const c = constraints(f);
      const snap = await getDocs(
        query(
          collection(db, "payments"),
          ...(after ? [...c.slice(0, -1), startAfter(after), c[c.length - 1]!] : c),
        ),
      );
      if (!isCurrent()) return;
      const page = snap.docs.map((d) => ({ id: d.id, ...d.data() }) as PaymentDoc);
      setRows((prev) => (after && prev ? [...prev, ...page] : page));
      setCursor(snap.docs.length === PAGE ? (snap.docs[snap.docs.length - 1] ?? null) : null);
    } catch (e) {
      if (isCurrent()) setError(describeError(e));
    } finally {
      if (isCurrent()) setLoading(false);
    }
  }, []);

  useEffect(() => void load(filters, null), [filters, load]);
  const set = (k: keyof Filters) => (e: { target: { value: string } }) =>
    setFilters({ ...filters, [k]: e.target.value });

  return (
    <section>
      <h1>{t("adminPayments.title")}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t("adminPayments.filters")}>
        <label>
          {t("adminPayments.status")}
          <select value={filters.status} onChange={set("status")}>
            <option value="">{t("adminPayments.all")}</option>
            {Object.entries(STATUS_LABEL).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("adminPayments.coachId")}
          <input value={filters.coachId} onChange={set("coachId")} placeholder="uid" />
        </label>
        <label>
          {t("adminPayments.from")}
          <input type="date" value={filters.from} onChange={set("from")} />
        </label>
        <label>
          {t("adminPayments.to")}
          <input type="date" value={filters.to} onChange={set("to")} />
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
              <tr key={p.id} data-payment={p.id}>
                <td>{formatDateTime(p.date)}</td>
                <td>
                  {p.kind === "subscription" ? t("adminPayments.premium") : (p.description ?? p.programId)}
                  <div className="muted small">{p.coachId ?? t("adminPayments.platform")}</div>
                </td>
                <td>{formatMoney({ amount: p.amount, currency: p.currency })}</td>
                <td>{formatMoney({ amount: p.feeAmount, currency: p.currency })}</td>
                <td>{formatMoney({ amount: p.coachAmount, currency: p.currency })}</td>
                <td>{formatMoney({ amount: p.stripeFee, currency: p.currency })}</td>
                <td>
                  {STATUS_LABEL[p.status] ?? p.status}
                  {p.refundedAmount > 0 && (
                    <div className="muted small">
                      {t("adminPayments.refunded", { amount: formatMoney({ amount: p.refundedAmount, currency: p.currency }) })}
                    </div>
                  )}
                </td>
                <td>
                  <RefundButton payment={p} onDone={() => void load(filters, null)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <button
          type="button"
          className="secondary"
          disabled={loading}
          onClick={() => void load(filters, cursor)}
        >
          {loading ? t("common.loading") : t("adminPayments.loadMore")}
        </button>
      )}
    </section>
  );
}
