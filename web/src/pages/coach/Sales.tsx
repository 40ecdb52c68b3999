import { collection, orderBy, query, where } from "firebase/firestore";
import { useTranslation } from "react-i18next";
import { useSession } from "../../auth";
import { db } from "../../firestore";
import { formatMoney } from "../../lib/money";
import { coachShare, formatDate, type PaymentDoc, STATUS_LABEL } from "../../lib/payments";
import { usePagedQuery } from "../../lib/use-paged-query";
import { ShowOlder } from "../../components/ShowOlder";

/**
 * What the coach's share is while a dispute is open or after one is lost: not theirs (Kassa
 * takes it back with a transfer reversal), so the page says so instead of showing it as earned.
 */
function disputeNote(p: PaymentDoc): "disputeOpen" | "disputeLost" | "disputeWon" | null {
  const outcome = (p as { disputeOutcome?: string }).disputeOutcome;
  if (p.status === "disputed") return outcome === "lost" ? "disputeLost" : "disputeOpen";
  return outcome === "won" ? "disputeWon" : null;
}

/** A coach's sales with the platform fee and their share, newest first. */
export function Sales() {
  const { t } = useTranslation();
  const { user } = useSession();
  const paged = usePagedQuery<PaymentDoc>(
    () => (user ? query(collection(db, "payments"), where("coachId", "==", user.uid), orderBy("date", "desc")) : null),
    `sales:${user?.uid ?? ""}`,
  );
  const { rows, error } = paged;
  return (
    <section>
      <h1>{t("sales.title")}</h1>
      {error && (
        <p role="alert" className="error">
          {t("sales.loadFailed", { error })}
        </p>
      )}
      {!rows && !error && (
        <p className="muted" role="status">
          {t("sales.loading")}
        </p>
      )}
      {rows && rows.length === 0 && <p className="muted">{t("sales.none")}</p>}
      {rows && rows.length > 0 && <p className="muted">{t("sales.count", { count: rows.length })}</p>}
      {rows && rows.length > 0 && (
        <table className="table" aria-label={t("sales.table")}>
          <thead>
            <tr>
              <th scope="col">{t("sales.date")}</th>
              <th scope="col">{t("sales.program")}</th>
              <th scope="col">{t("sales.price")}</th>
              <th scope="col">{t("sales.fee")}</th>
              <th scope="col">{t("sales.share")}</th>
              <th scope="col">{t("sales.status")}</th>
              <th scope="col">{t("sales.availableFrom")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id}>
                <td>{formatDate(p.date)}</td>
                <td>{p.description ?? p.programId}</td>
                <td>{formatMoney({ amount: p.amount, currency: p.currency })}</td>
                <td>{formatMoney({ amount: p.feeAmount, currency: p.currency })}</td>
                <td>{p.status === "disputed" || p.status === "failed" ? "—" : formatMoney(coachShare(p))}</td>
                <td>
                  {p.status === "failed" ? t("customerPay.declined") : (STATUS_LABEL[p.status] ?? p.status)}
                  {disputeNote(p) && <span className={p.status === "disputed" ? "error" : "muted"}> — {t(`customerPay.${disputeNote(p)!}`)}</span>}
                </td>
                <td>{p.status === "succeeded" ? formatDate(p.availableOn) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ShowOlder paged={paged} label={t("sales.title")} />
    </section>
  );
}
