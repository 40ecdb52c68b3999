/**
 * Every payout for admins, newest first, filtered by status, coach and period. The filters
 * live in the URL (linkable, kept on reload); the list pages 50 at a time, the first page
 * live, so a list of years of weekly payouts costs one page of reads.
 */
import { collection, orderBy, query, where, type QueryConstraint } from "firebase/firestore";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { db } from "../../firestore";
import { LoadState } from "../../components/LoadState";
import { PersonPicker } from "../../components/PersonPicker";
import { ShowOlder } from "../../components/ShowOlder";
import { formatMoney } from "../../lib/money";
import { runName } from "../../lib/run-names";
import { usePagedQuery } from "../../lib/use-paged-query";
import { PersonName } from "../../lib/use-people";
import { formatWhen, payoutStatusLabel, type PayoutDoc } from "../coach/payouts-api";
import { PayoutAuditTrail } from "../coach/Payouts";
import { PayoutDetails } from "./payouts";
import { filtersFrom, filtersKey, PAYOUT_STATUSES, periodOf, type PayoutFilters } from "./payout-filters";

export function AllPayouts() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const period = periodOf(filters);
  const badPeriod = period.from !== null && period.to !== null && period.from >= period.to;

  const set = (patch: Partial<PayoutFilters>) => {
    // From the address as it is now, not as this render saw it: a second change before the next
    // render (a date typed right after a coach was picked) must not drop the first.
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const paged = usePagedQuery<PayoutDoc>(() => {
    if (badPeriod) return null;
    const where_: QueryConstraint[] = [];
    if (filters.status) where_.push(where("status", "==", filters.status));
    if (filters.coach) where_.push(where("coachId", "==", filters.coach));
    if (period.from !== null) where_.push(where("date", ">=", period.from));
    if (period.to !== null) where_.push(where("date", "<", period.to));
    return query(collection(db, "payouts"), ...where_, orderBy("date", "desc"));
  }, filtersKey(filters));
  const rows = paged.rows;

  return (
    <section aria-label={t("payoutsAdmin.allTitle")}>
      <p>
        <Link to="/admin/payouts">{t("payoutsAdmin.back")}</Link>
      </p>
      <h1>{t("payoutsAdmin.allTitle")}</h1>
      <p className="muted">{t("payoutsAdmin.allIntro")}</p>
      <form className="filters" aria-label={t("payoutsAdmin.filters")} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("payoutsAdmin.filterStatus")}
          <select value={filters.status ?? ""} onChange={(e) => set({ status: (e.target.value || null) as PayoutFilters["status"] })}>
            <option value="">{t("payoutsAdmin.anyStatus")}</option>
            {PAYOUT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {payoutStatusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <PersonPicker role="coach" label={t("payoutsAdmin.filterCoach")} value={filters.coach} onChange={(coach) => set({ coach })} />
        <label>
          {t("payoutsAdmin.from")}
          <input type="date" value={filters.from ?? ""} onChange={(e) => set({ from: e.target.value || null })} />
        </label>
        <label>
          {t("payoutsAdmin.to")}
          <input type="date" value={filters.to ?? ""} onChange={(e) => set({ to: e.target.value || null })} />
        </label>
        {(filters.status || filters.coach || filters.from || filters.to) && (
          <button type="button" className="secondary" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            {t("payoutsAdmin.clearFilters")}
          </button>
        )}
      </form>
      {badPeriod && (
        <p className="error" role="alert">
          {t("payoutsAdmin.badPeriod")}
        </p>
      )}
      {!badPeriod && (!rows || paged.error) && <LoadState what={t("payoutsAdmin.list")} rows={rows} error={paged.error} />}
      {!badPeriod && rows && !paged.error && rows.length === 0 && <p className="muted">{t("payoutsAdmin.noneMatch")}</p>}
      {!badPeriod && rows && rows.length > 0 && (
        <table className="table" aria-label={t("payoutsAdmin.allTitle")}>
          <thead>
            <tr>
              <th>{t("payoutsAdmin.created")}</th>
              <th>{t("payoutsAdmin.coach")}</th>
              <th>{t("payoutsAdmin.amount")}</th>
              <th>{t("payoutsAdmin.statusCol")}</th>
              <th>{t("payoutsAdmin.runCol")}</th>
              <th>{t("payoutsAdmin.details")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id} data-payout={p.id}>
                <td>{formatWhen(p.date)}</td>
                <td>
                  <PersonName uid={p.coachId} />
                </td>
                <td>{formatMoney({ amount: p.amount, currency: p.currency })}</td>
                <td className={p.status === "failed" || p.status === "rejected" || p.status === "returned" ? "error" : p.status === "paid" ? "ok" : ""}>{payoutStatusLabel(p.status)}</td>
                <td>{p.runId ? runName({ id: p.runId }) : t("common.none")}</td>
                <td className="muted">
                  <PayoutDetails p={p} />
                  <PayoutAuditTrail payoutId={p.id} coachId={p.coachId} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ShowOlder paged={paged} label={t("payoutsAdmin.allTitle")} />
    </section>
  );
}
