/**
 * One coach as an admin sees them (/admin/coaches/:uid): who they are, how far Stripe's
 * onboarding has come (Stripe's requirement codes as the plain checklist the coach sees),
 * their balances per currency, their payouts and their sales. Everything is live: the Connect
 * state and balances are single documents or one per currency; payouts and sales are paged
 * (a live first page, older pages by cursor), so a coach with years of sales costs 50 reads.
 */
import { collection, doc, onSnapshot, orderBy, query, where } from "firebase/firestore";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { db } from "../../firestore";
import { LoadState } from "../../components/LoadState";
import { ShowOlder } from "../../components/ShowOlder";
import { formatMoney } from "../../lib/money";
import { formatDateTime, type PaymentDoc, STATUS_LABEL } from "../../lib/payments";
import { useProgramTitle } from "../../lib/program-titles";
import { requirementSteps } from "../../lib/requirements";
import { useLiveQuery } from "../../lib/use-live-query";
import { usePagedQuery } from "../../lib/use-paged-query";
import { PersonName, usePerson } from "../../lib/use-people";
import { type BalanceDoc, type CoachDoc, payoutStatusLabel, type PayoutDoc } from "../coach/payouts-api";
import { onboardingState } from "./coach-state";

function useCoachDoc(uid: string): { coach: CoachDoc | null; loaded: boolean } {
  const [state, setState] = useState<{ coach: CoachDoc | null; loaded: boolean }>({ coach: null, loaded: false });
  useEffect(
    () =>
      onSnapshot(
        doc(db, "coaches", uid),
        (s) => setState({ coach: s.exists() ? (s.data() as CoachDoc) : null, loaded: true }),
        () => setState({ coach: null, loaded: true }),
      ),
    [uid],
  );
  return state;
}

function Onboarding({ uid }: { uid: string }) {
  const { t } = useTranslation();
  const { coach, loaded } = useCoachDoc(uid);
  if (!loaded) return null;
  const state = onboardingState(coach);
  return (
    <section className="card" aria-labelledby="coach-onboarding">
      <h2 id="coach-onboarding">{t("adminCoaches.onboarding")}</h2>
      {state === "ready" && <p className="ok">{t("adminCoaches.readyLong")}</p>}
      {state === "notStarted" && <p>{t("adminCoaches.notStartedLong")}</p>}
      {state === "checking" && <p>{t("adminCoaches.checking")}</p>}
      {coach && state !== "ready" && state !== "notStarted" && (
        <>
          {coach.disabledReason && (
            <p className="muted">
              {t("adminCoaches.reason")} {t(`coach.disabledReasons.${coach.disabledReason}`, { defaultValue: t("coach.disabledReasons.other") })}
            </p>
          )}
          {coach.requirementsDue.length > 0 && (
            <>
              <p>{t("adminCoaches.stillRequired")}</p>
              <ul className="checklist" aria-label={t("adminCoaches.stillRequired")}>
                {requirementSteps(coach.requirementsDue).map((s) => (
                  <li key={s.key === "other" ? s.code : s.key}>{t(`requirements.${s.key}`, { code: s.code })}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

function Balances({ uid }: { uid: string }) {
  const { t } = useTranslation();
  const { rows, error } = useLiveQuery<BalanceDoc & { id: string }>(() => query(collection(db, "balances"), where("coachId", "==", uid)), [uid]);
  return (
    <section className="card" aria-labelledby="coach-balances">
      <h2 id="coach-balances">{t("adminCoaches.balances")}</h2>
      <LoadState what={t("adminCoaches.balances")} rows={rows} error={error} />
      {rows && rows.length === 0 && <p className="muted">{t("adminCoaches.noBalance")}</p>}
      {rows && rows.length > 0 && (
        <table className="table" aria-label={t("adminCoaches.balances")}>
          <thead>
            <tr>
              <th scope="col">{t("adminCoaches.currency")}</th>
              <th scope="col">{t("adminCoaches.available")}</th>
              <th scope="col">{t("adminCoaches.held")}</th>
              <th scope="col">{t("adminCoaches.inPayout")}</th>
              <th scope="col">{t("adminCoaches.paid")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((b) => {
              const m = (amount: number) => formatMoney({ amount, currency: b.currency });
              return (
                <tr key={b.id} data-currency={b.currency}>
                  <th scope="row">{b.currency.toUpperCase()}</th>
                  <td data-testid="available">{m(b.available)}</td>
                  <td>{m(b.held)}</td>
                  <td>{m(b.inPayout)}</td>
                  <td>{m(b.paid)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Payouts({ uid }: { uid: string }) {
  const { t } = useTranslation();
  const paged = usePagedQuery<PayoutDoc>(() => query(collection(db, "payouts"), where("coachId", "==", uid), orderBy("date", "desc")), `coach-payouts:${uid}`, 20);
  const { rows, error } = paged;
  return (
    <section className="card" aria-labelledby="coach-payouts">
      <h2 id="coach-payouts">{t("adminCoaches.payouts")}</h2>
      <LoadState what={t("adminCoaches.payouts")} rows={rows} error={error} />
      {rows && rows.length === 0 && <p className="muted">{t("adminCoaches.noPayouts")}</p>}
      {rows && rows.length > 0 && (
        <table className="table" aria-label={t("adminCoaches.payouts")}>
          <thead>
            <tr>
              <th scope="col">{t("adminCoaches.date")}</th>
              <th scope="col">{t("adminCoaches.amount")}</th>
              <th scope="col">{t("adminCoaches.status")}</th>
              <th scope="col">{t("adminCoaches.trigger")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id}>
                <td>{formatDateTime(p.date)}</td>
                <td>{formatMoney({ amount: p.amount, currency: p.currency })}</td>
                <td>{payoutStatusLabel(p.status)}</td>
                <td>{t(`adminCoaches.triggers.${p.trigger}`, { defaultValue: p.trigger })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ShowOlder paged={paged} label={t("adminCoaches.payouts")} />
    </section>
  );
}

function SaleRow({ p }: { p: PaymentDoc }) {
  const { t } = useTranslation();
  const title = useProgramTitle(p.programId, p.description);
  const m = (amount: number) => formatMoney({ amount, currency: p.currency });
  return (
    <tr>
      <td>{formatDateTime(p.date)}</td>
      <td>{title ?? t("adminPayments.program")}</td>
      <td>{p.userId ? <PersonName uid={p.userId} /> : "—"}</td>
      <td>{m(p.amount)}</td>
      <td>{m(p.coachAmount)}</td>
      <td>{STATUS_LABEL[p.status] ?? p.status}</td>
    </tr>
  );
}

function Sales({ uid }: { uid: string }) {
  const { t } = useTranslation();
  const paged = usePagedQuery<PaymentDoc>(() => query(collection(db, "payments"), where("coachId", "==", uid), orderBy("date", "desc")), `coach-sales:${uid}`, 20);
  const { rows, error } = paged;
  return (
    <section className="card" aria-labelledby="coach-sales">
      <h2 id="coach-sales">{t("adminCoaches.sales")}</h2>
      <p>
        <Link to={`/admin/payments?coach=${encodeURIComponent(uid)}`}>{t("adminCoaches.allPayments")}</Link>
      </p>
      <LoadState what={t("adminCoaches.sales")} rows={rows} error={error} />
      {rows && rows.length === 0 && <p className="muted">{t("adminCoaches.noSales")}</p>}
      {rows && rows.length > 0 && (
        <div className="table-wrap">
          <table className="table" aria-label={t("adminCoaches.sales")}>
            <thead>
              <tr>
                <th scope="col">{t("adminCoaches.date")}</th>
                <th scope="col">{t("adminCoaches.program")}</th>
                <th scope="col">{t("adminCoaches.customer")}</th>
                <th scope="col">{t("adminCoaches.price")}</th>
                <th scope="col">{t("adminCoaches.share")}</th>
                <th scope="col">{t("adminCoaches.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <SaleRow key={p.id} p={p} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ShowOlder paged={paged} label={t("adminCoaches.sales")} />
    </section>
  );
}

export function AdminCoach() {
  const { t } = useTranslation();
  const { uid = "" } = useParams();
  const person = usePerson(uid);
  return (
    <section className="stack">
      <p>
        <Link to="/admin/coaches">← {t("adminCoaches.back")}</Link>
      </p>
      <h1>{person?.name ?? person?.email ?? uid}</h1>
      {person?.name && person.email && <p className="muted">{person.email}</p>}
      <Onboarding uid={uid} />
      <Balances uid={uid} />
      <Payouts uid={uid} />
      <Sales uid={uid} />
    </section>
  );
}
