import type { TFunction } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { describeError } from "../../lib/errors";
import { formatMoney, formatStockholm } from "../../lib/money";
import { useAction } from "../../lib/use-action";
import { booksApi, type CheckState, type DayReconciliation } from "./books-api";

const amount = (minor: number | null, currency: string): string => (minor === null ? "—" : formatMoney({ amount: minor, currency }));

/** ✓ only for a check that ran and agreed; a difference says how much; a check that did not run says so. */
function Check({ state, difference, currency }: { state: CheckState; difference: number | null; currency: string }) {
  const { t } = useTranslation();
  if (state === "ok") return <span className="ok" aria-label={t("books.matches")}>✓</span>;
  if (state === "not_checked") return <span className="muted">{t("books.notChecked")}</span>;
  return <span className="error">{t("books.difference", { amount: amount(difference, currency) })}</span>;
}

function Day({ r }: { r: DayReconciliation }) {
  const { t } = useTranslation();
  const cur = r.currency;
  return (
    <div aria-label={t("books.dayLabel", { day: r.day, currency: cur.toUpperCase() })}>
      <h3>
        {r.day} {cur.toUpperCase()}: <span className={r.state === "ok" ? "ok" : r.state === "difference" ? "error" : "muted"}>{t(`books.dayStates.${r.state}`)}</span>
      </h3>
      {r.sources.fortnox.error && <p className="muted">Fortnox: {r.sources.fortnox.error}</p>}
      {r.sources.stripe.error && <p className="muted">Stripe: {r.sources.stripe.error}</p>}
      <table aria-label={t("books.accountsLabel", { day: r.day, currency: cur })}>
        <thead>
          <tr>
            <th>{t("books.basAccount")}</th>
            <th>{t("books.ledger")}</th>
            <th>Fortnox</th>
            <th>Stripe</th>
            <th>{t("books.check")}</th>
          </tr>
        </thead>
        <tbody>
          {r.rows.map((row) => (
            <tr key={row.account}>
              <td>{row.account}</td>
              <td>
                {amount(row.ledger, cur)}
                {row.ledgerForStripe !== null && <div className="muted">{t("books.inStripeTerms", { amount: amount(row.ledgerForStripe, cur) })}</div>}
              </td>
              <td>
                {amount(row.fortnox, cur)} {row.fortnoxDifference !== null && row.fortnoxDifference !== 0 && <span className="error">({amount(row.fortnoxDifference, cur)})</span>}
              </td>
              <td title={row.stripeBasis ?? t("books.noStripeFigure")}>
                {amount(row.stripe, cur)} {row.stripeDifference !== null && row.stripeDifference !== 0 && <span className="error">({amount(row.stripeDifference, cur)})</span>}
              </td>
              <td>
                <Check state={row.state} difference={row.fortnoxDifference || row.stripeDifference} currency={cur} />
              </td>
            </tr>
          ))}
          {r.rows.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                {t("books.nothingMoved")}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <table aria-label={t("books.balancesLabel", { day: r.day, currency: cur })}>
        <thead>
          <tr>
            <th>{t("books.endOfDay")}</th>
            <th>{t("books.ledger")}</th>
            <th>Stripe</th>
            <th>{t("books.inTransit")}</th>
            <th>{t("books.check")}</th>
          </tr>
        </thead>
        <tbody>
          {r.checks.map((c) => (
            <tr key={c.id}>
              <td>
                {checkLabel(c, t)}
                {c.note && <div className="muted small">{c.note.startsWith("Stripe was not read: ") ? t("booksChecks.stripeNotRead", { error: c.note.slice("Stripe was not read: ".length) }) : c.note}</div>}
              </td>
              <td>{amount(c.ledger, cur)}</td>
              <td>{amount(c.stripe, cur)}</td>
              <td>{amount(c.inTransit, cur)}</td>
              <td>
                <Check state={c.state} difference={c.difference} currency={cur} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.coaches.some((c) => c.state !== "ok") && (
        <ul aria-label={t("books.coachesDiffer")}>
          {r.coaches
            .filter((c) => c.state !== "ok")
            .map((c) => (
              <li key={c.coachId}>
                {c.coachId} ({c.stripeAccountId ?? t("books.noStripeAccount")}): {t("books.coachLine", { ledger: amount(c.ledger, cur), stripe: amount(c.stripe, cur) })} <Check state={c.state} difference={c.difference} currency={cur} />
                {c.note && <span className="muted"> {c.note}</span>}
              </li>
            ))}
        </ul>
      )}
      <p className="muted">
        {t("books.checked", {
          when: formatStockholm(r.checkedAt, { dateStyle: "short", timeStyle: "short" }),
          by: r.runBy === "schedule" ? t("books.nightly") : t("books.onRequest"),
          entries: r.sources.ledger.entries,
          vouchers: r.sources.fortnox.vouchers,
          transactions: r.sources.stripe.transactions,
          accounts: r.sources.stripe.accounts,
        })}
      </p>
    </div>
  );
}

/** The daily three-way reconciliation, newest day first, and a re-run for a chosen day. */
/** A balance check in the page's language, by its id; one this build does not know, as the server wrote it. */
function checkLabel(c: { id: string; label: string }, t: TFunction): string {
  if (c.id !== "coach_liabilities" && c.id !== "platform_balance") return c.label;
  const account = /\((\d{4})/.exec(c.label)?.[1] ?? "";
  return t(`booksChecks.${c.id}`, { account });
}

export function ReconciliationTable() {
  const { t } = useTranslation();
  const [records, setRecords] = useState<DayReconciliation[] | null>(null);
  // The day just re-run, shown first: an older day is not among the newest records.
  const [chosen, setChosen] = useState<DayReconciliation[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [day, setDay] = useState("");
  const [state, run] = useAction();
  const load = () =>
    booksApi
      .reconciliations({ limit: 14 })
      .then((r) => {
        setRecords(r.records);
        setLoadError(null);
      })
      .catch((e: unknown) => setLoadError(describeError(e)));
  useEffect(() => {
    void load();
  }, []);
  const rerun = () =>
    run(async () => {
      const res = await booksApi.reconcileNow({ day });
      const [one] = await Promise.all([booksApi.reconciliations({ day: res.day }), load()]);
      setChosen(one.records);
      return res.differences === 0
        ? t("books.reconciledClean", { day: res.day })
        : t("books.reconciled", { day: res.day, count: res.differences, alerted: res.alerted ? t("books.alertRaised") : "" });
    });
  return (
    <section className="card" aria-labelledby="reconciliation">
      <h2 id="reconciliation">{t("books.title")}</h2>
      <p className="muted">{t("books.intro")}</p>
      <label>
        {t("books.day")} <input type="date" value={day} onChange={(e) => setDay(e.target.value)} aria-label={t("books.dayAria")} />
      </label>{" "}
      <button type="button" onClick={rerun} disabled={state.busy || !day}>
        {state.busy ? t("books.reconciling") : t("books.reconcileNow")}
      </button>
      {state.message && <p role="status">{state.message}</p>}
      {state.error && <p role="alert">{state.error}</p>}
      {loadError && <p role="alert">{loadError}</p>}
      {records === null && !loadError && <p className="muted">{t("common.loading")}</p>}
      {records?.length === 0 && <p className="muted">{t("books.noneYet")}</p>}
      {chosen.map((r) => <Day key={`chosen-${r.id}`} r={r} />)}
      {records?.filter((r) => !chosen.some((c) => c.id === r.id)).map((r) => <Day key={r.id} r={r} />)}
    </section>
  );
}
