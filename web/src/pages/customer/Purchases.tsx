import { collection, orderBy, query, where } from "firebase/firestore";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { checkoutReturn, purchaseReceipt } from "../../lib/callables";
import { describeError } from "../../lib/errors";
import { useSession } from "../../auth";
import { db } from "../../firestore";
import { formatMoney } from "../../lib/money";
import { formatDate, type PaymentDoc, STATUS_LABEL } from "../../lib/payments";
import { usePagedQuery } from "../../lib/use-paged-query";
import { ShowOlder } from "../../components/ShowOlder";

/** How long a return from Checkout waits for its payment to be booked before saying so. */
const CONFIRM_TIMEOUT_MS = 60_000;
type Return = Awaited<ReturnType<typeof checkoutReturn>>["data"];

/** A receipt (kvitto) for one paid purchase, shown in place, with its PDF to download. */
function ReceiptView({ paymentId, what, onClose }: { paymentId: string; what: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "sv";
  const [data, setData] = useState<Awaited<ReturnType<typeof purchaseReceipt>>["data"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    purchaseReceipt({ paymentId, language: lang }).then((r) => live && setData(r.data), (e: unknown) => live && setError(describeError(e)));
    return () => {
      live = false;
    };
  }, [paymentId, lang]);
  function download() {
    if (!data) return;
    const bytes = Uint8Array.from(atob(data.pdfBase64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: "application/pdf" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `${t("customerPay.receipt").toLowerCase()}-${data.receipt.number}.pdf`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  const r = data?.receipt;
  const money = (amount: number) => formatMoney({ amount, currency: r?.currency ?? "sek" });
  return (
    <section className="card" aria-label={t("customerPay.receiptFor", { what })}>
      {error && <p role="alert" className="error">{error}</p>}
      {!r && !error && <p className="muted" role="status">{t("customerPay.receiptLoading")}</p>}
      {r && (
        <dl>
          <dt>{t("customerPay.receiptNumber")}</dt>
          <dd>{r.number}</dd>
          <dt>{t("customerPay.date")}</dt>
          <dd>{r.day}</dd>
          <dt>{t("customerPay.seller")}</dt>
          <dd>{t("customerPay.sellerNote", { seller: r.seller })}</dd>
          {r.coachName && (
            <>
              <dt>{t("customerPay.coach")}</dt>
              <dd>{r.coachName}</dd>
            </>
          )}
          <dt>{t("customerPay.what")}</dt>
          <dd>{what}</dd>
          <dt>{t("customerPay.amount")}</dt>
          <dd>{money(r.amount)}</dd>
          <dt>{t("customerPay.platformPart")}</dt>
          <dd>{money(r.platformPart)}</dd>
          <dt>{t("customerPay.vat", { rate: r.vatRateBps / 100 })}</dt>
          <dd>{money(r.platformVat)}</dd>
          <dt>{t("customerPay.paymentMethod")}</dt>
          <dd>{r.card ? `${r.card.brand.toUpperCase()} •••• ${r.card.last4}` : t("customerPay.card")}</dd>
        </dl>
      )}
      <div className="actions">
        {r && (
          <button type="button" onClick={download}>
            {t("customerPay.downloadPdf")}
          </button>
        )}
        <button type="button" className="secondary" onClick={onClose}>
          {t("customerPay.close")}
        </button>
      </div>
    </section>
  );
}

/**
 * The customer's own payments, live: a purchase appears the moment Stripe's webhook is booked.
 * It reads purchases/ (what they paid), not payments/ (the marketplace's split).
 */
export function Purchases() {
  const { user } = useSession();
  const [params] = useSearchParams();
  const paged = usePagedQuery<PaymentDoc>(
    () => (user ? query(collection(db, "purchases"), where("userId", "==", user.uid), orderBy("date", "desc")) : null),
    `purchases:${user?.uid ?? ""}`,
  );
  const { rows, error } = paged;
  const { t } = useTranslation();
  const [receiptOf, setReceiptOf] = useState<string | null>(null);
  const justPaid = params.get("checkout") === "success";
  const sessionId = params.get("session");
  // The return is tied to its Checkout session: the page confirms that session's payment only.
  const [ret, setRet] = useState<Return | null>(null);
  const [timedOut, setTimedOut] = useState(false);
  useEffect(() => {
    if (!justPaid) return;
    const timer = setTimeout(() => setTimedOut(true), CONFIRM_TIMEOUT_MS);
    if (!sessionId) setRet({ state: "unknown" });
    else checkoutReturn({ sessionId }).then((r) => setRet(r.data), () => setRet({ state: "unknown" }));
    return () => clearTimeout(timer);
  }, [justPaid, sessionId]);
  const paidOk = (s: string) => s === "succeeded" || s === "partially_refunded";
  const confirmed =
    ret?.state === "paid" &&
    rows?.some((r) => paidOk(r.status) && (ret.kind === "program" ? r.id === ret.paymentIntentId : (r as { subscriptionId?: string | null }).subscriptionId === ret.subscriptionId));
  const waitingLong = timedOut || (ret?.state === "paid" && Date.now() - ret.createdAt > 24 * 3_600_000);

  return (
    <section>
      <h1>{t("customerPay.purchasesTitle")}</h1>
      {justPaid && ret?.state === "unknown" && (
        <p className="notice" role="status">
          {t("customerPay.unknownSession")}
        </p>
      )}
      {justPaid && ret?.state === "not_paid" && (
        <p className="notice" role="status">
          {t("customerPay.notPaid")}
        </p>
      )}
      {justPaid && ret?.state === "paid" && !confirmed && (
        <p className="notice" role="status">
          {waitingLong ? t("customerPay.timedOut") : t("customerPay.confirming")}
        </p>
      )}
      {justPaid && confirmed && (
        <p className="notice ok" role="status">
          {t("customerPay.confirmed")}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {t("customerPages.purchases.loadFailed", { error })}
        </p>
      )}
      {!rows && !error && (
        <p className="muted" role="status">
          {t("customerPages.purchases.loading")}
        </p>
      )}
      {rows && rows.length === 0 && (
        <p className="muted">
          {t("customerPages.purchases.none")} <Link to="/customer">{t("customerPages.purchases.browse")}</Link>
        </p>
      )}
      {rows && rows.length > 0 && (
        <table className="table" aria-label={t("customerPages.purchases.table")}>
          <thead>
            <tr>
              <th scope="col">{t("customerPages.purchases.date")}</th>
              <th scope="col">{t("customerPages.purchases.what")}</th>
              <th scope="col">{t("customerPages.purchases.amount")}</th>
              <th scope="col">{t("customerPages.purchases.status")}</th>
              <th scope="col">{t("customerPay.receipt")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id}>
                <td>{formatDate(p.date)}</td>
                <td>{p.kind === "subscription" ? t("customerPay.premiumMonthly") : (p.description ?? t("customerPay.aProgram"))}</td>
                <td>{formatMoney({ amount: p.amount, currency: p.currency })}</td>
                <td>
                  {p.status === "failed" ? t("customerPay.declined") : (STATUS_LABEL[p.status] ?? p.status)}
                  {p.refundedAmount > 0 &&
                    p.status !== "refunded" &&
                    t("customerPages.purchases.refunded", { amount: formatMoney({ amount: p.refundedAmount, currency: p.currency }) })}
                  {p.failureReason && <span className="muted"> — {p.failureReason}</span>}
                </td>
                <td>
                  {p.status !== "failed" && p.status !== "pending" && (
                    <button type="button" className="secondary small" onClick={() => setReceiptOf(p.id)} aria-label={`${t("customerPay.showReceipt")} ${formatDate(p.date)}`}>
                      {t("customerPay.showReceipt")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {receiptOf && rows && (
        <ReceiptView
          key={receiptOf}
          paymentId={receiptOf}
          what={(() => {
            const p = rows.find((r) => r.id === receiptOf);
            return p?.kind === "subscription" ? t("customerPay.premiumMonthly") : (p?.description ?? t("customerPay.aProgram"));
          })()}
          onClose={() => setReceiptOf(null)}
        />
      )}
      <ShowOlder paged={paged} label={t("customerPages.purchases.table")} />
    </section>
  );
}
