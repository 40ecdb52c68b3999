import { useEffect, useState } from "react";
import { describeError } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import { useAction } from "../../lib/use-action";
import { booksApi, type CheckState, type DayReconciliation } from "./books-api";

const amount = (minor: number | null, currency: string): string => (minor === null ? "—" : formatMoney({ amount: minor, currency }));

/** ✓ only for a check that ran and agreed; a difference says how much; a check that did not run says so. */
function Check({ state, difference, currency }: { state: CheckState; difference: number | null; currency: string }) {
  if (state === "ok") return <span className="ok" aria-label="matches">✓</span>;
  if (state === "not_checked") return <span className="muted">not checked</span>;
  return <span className="error">difference {amount(difference, currency)}</span>;
}

const DAY_STATE: Record<DayReconciliation["state"], string> = { ok: "✓ ledger, Fortnox and Stripe agree", difference: "differences", incomplete: "incomplete: a source could not be read" };

function Day({ r }: { r: DayReconciliation }) {
  const cur = r.currency;
  return (
    <div aria-label={`Reconciliation ${r.day} ${cur.toUpperCase()}`}>
      <h3>
        {r.day} {cur.toUpperCase()}: <span className={r.state === "ok" ? "ok" : r.state === "difference" ? "error" : "muted"}>{DAY_STATE[r.state]}</span>
      </h3>
      {r.sources.fortnox.error && <p className="muted">Fortnox: {r.sources.fortnox.error}</p>}
      {r.sources.stripe.error && <p className="muted">Stripe: {r.sources.stripe.error}</p>}
      <table aria-label={`Accounts ${r.day} ${cur}`}>
        <thead>
          <tr>
            <th>BAS account</th>
            <th>Ledger</th>
            <th>Fortnox</th>
            <th>Stripe</th>
            <th>Check</th>
          </tr>
        </thead>
        <tbody>
          {r.rows.map((row) => (
            <tr key={row.account}>
              <td>{row.account}</td>
              <td>
                {amount(row.ledger, cur)}
                {row.ledgerForStripe !== null && <div className="muted">in Stripe's terms {amount(row.ledgerForStripe, cur)}</div>}
              </td>
              <td>
                {amount(row.fortnox, cur)} {row.fortnoxDifference !== null && row.fortnoxDifference !== 0 && <span className="error">({amount(row.fortnoxDifference, cur)})</span>}
              </td>
              <td title={row.stripeBasis ?? "Stripe has no figure for this account"}>
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
                Nothing moved on this day.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <table aria-label={`Balances ${r.day} ${cur}`}>
        <thead>
          <tr>
            <th>End of day</th>
            <th>Ledger</th>
            <th>Stripe</th>
            <th>of which on its way to a bank</th>
            <th>Check</th>
          </tr>
        </thead>
        <tbody>
          {r.checks.map((c) => (
            <tr key={c.id}>
              <td>{c.label}</td>
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
        <ul aria-label="Coaches that differ">
          {r.coaches
            .filter((c) => c.state !== "ok")
            .map((c) => (
              <li key={c.coachId}>
                {c.coachId} ({c.stripeAccountId ?? "no Stripe account"}): Kassa {amount(c.ledger, cur)}, Stripe {amount(c.stripe, cur)} <Check state={c.state} difference={c.difference} currency={cur} />
                {c.note && <span className="muted"> {c.note}</span>}
              </li>
            ))}
        </ul>
      )}
      <p className="muted">
        Checked {new Date(r.checkedAt).toLocaleString("sv-SE")} ({r.runBy === "schedule" ? "nightly" : "on request"}): {r.sources.ledger.entries} ledger entries, {r.sources.fortnox.vouchers} Fortnox vouchers, {r.sources.stripe.transactions} Stripe transactions over {r.sources.stripe.accounts} accounts.
      </p>
    </div>
  );
}

/** The daily three-way reconciliation, newest day first, and a re-run for a chosen day. */
export function ReconciliationTable() {
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
      return res.differences === 0 ? `Reconciled ${res.day}: no differences.` : `Reconciled ${res.day}: ${res.differences} difference${res.differences === 1 ? "" : "s"}${res.alerted ? " (alert raised)" : ""}.`;
    });
  return (
    <section className="card" aria-labelledby="reconciliation">
      <h2 id="reconciliation">Reconciliation: ledger, Fortnox, Stripe</h2>
      <p className="muted">Every night at 04:00 Kassa compares the previous day three ways per BAS account, and the coaches' money and the platform balance with Stripe. A difference raises an alert.</p>
      <label>
        Day <input type="date" value={day} onChange={(e) => setDay(e.target.value)} aria-label="Reconcile day" />
      </label>{" "}
      <button type="button" onClick={rerun} disabled={state.busy || !day}>
        {state.busy ? "Reconciling…" : "Reconcile now"}
      </button>
      {state.message && <p role="status">{state.message}</p>}
      {state.error && <p role="alert">{state.error}</p>}
      {loadError && <p role="alert">{loadError}</p>}
      {records === null && !loadError && <p className="muted">Loading…</p>}
      {records?.length === 0 && <p className="muted">No day has been reconciled yet.</p>}
      {chosen.map((r) => <Day key={`chosen-${r.id}`} r={r} />)}
      {records?.filter((r) => !chosen.some((c) => c.id === r.id)).map((r) => <Day key={r.id} r={r} />)}
    </section>
  );
}
