import { useEffect, useState } from "react";
import { describeError } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import { useAction } from "../../lib/use-action";
import { booksApi, downloadBase64, type PayoutStatement } from "../books/books-api";

const day = (ms: number): string => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm" }).format(new Date(ms));

function Statement({ s }: { s: PayoutStatement }) {
  const [state, run] = useAction();
  const money = (amount: number | null) => (amount === null ? "" : formatMoney({ amount, currency: s.currency }));
  const pdf = () =>
    run(async () => {
      const res = await booksApi.statementPdf({ payoutId: s.payoutId });
      downloadBase64(res.fileName, res.contentBase64, "application/pdf");
    });
  return (
    <details aria-label={`Statement ${s.number}`}>
      <summary>
        Statement {s.number}: {money(s.amountMinor)} paid {day(s.paidAt)}
      </summary>
      <p className="muted">
        Payout {s.payoutId} to Stripe account {s.stripeAccountId}. Platform fee VAT {s.vatBps / 100} %.
      </p>
      <table aria-label={`Lines of ${s.number}`}>
        <thead>
          <tr>
            <th>Date</th>
            <th>What</th>
            <th>Gross</th>
            <th>Fee excl. VAT</th>
            <th>VAT on fee</th>
            <th>To you</th>
          </tr>
        </thead>
        <tbody>
          {s.lines.map((l, i) => (
            <tr key={`${l.paymentId ?? l.kind}-${i}`}>
              <td>{l.date === null ? "" : day(l.date)}</td>
              <td>{l.description}</td>
              <td>{money(l.grossMinor)}</td>
              <td>{money(l.feeNetMinor)}</td>
              <td>{money(l.feeVatMinor)}</td>
              <td>{money(l.amountMinor)}</td>
            </tr>
          ))}
          <tr>
            <th colSpan={5}>Paid out</th>
            <th>{money(s.amountMinor)}</th>
          </tr>
        </tbody>
      </table>
      <button type="button" onClick={pdf} disabled={state.busy}>
        {state.busy ? "Making PDF…" : `Download ${s.number} (PDF)`}
      </button>
      {state.error && <p role="alert">{state.error}</p>}
    </details>
  );
}

/** The coach's numbered statements, one per paid payout: what each payout pays for, line by line. */
export function PayoutStatements() {
  const [statements, setStatements] = useState<PayoutStatement[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    booksApi
      .myStatements({})
      .then((r) => setStatements(r.statements))
      .catch((e: unknown) => setError(describeError(e)));
  }, []);
  return (
    <section aria-labelledby="payout-statements">
      <h2 id="payout-statements">Payout statements</h2>
      {error && <p role="alert">{error}</p>}
      {statements === null && !error && <p className="muted">Loading…</p>}
      {statements?.length === 0 && <p className="muted">Each paid payout gets a numbered statement here.</p>}
      {statements?.map((s) => <Statement key={s.payoutId} s={s} />)}
    </section>
  );
}
