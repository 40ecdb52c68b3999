import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { describeError } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import { intlLocale } from "../../i18n/locale";
import { useAction } from "../../lib/use-action";
import { booksApi, downloadBase64, type PayoutStatement } from "../books/books-api";

const day = (ms: number): string => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm" }).format(new Date(ms));

function Statement({ s }: { s: PayoutStatement }) {
  const { t } = useTranslation();
  const [state, run] = useAction();
  const money = (amount: number | null) => (amount === null ? "" : formatMoney({ amount, currency: s.currency }));
  const pdf = () =>
    run(async () => {
      const res = await booksApi.statementPdf({ payoutId: s.payoutId });
      downloadBase64(res.fileName, res.contentBase64, "application/pdf");
    });
  return (
    <details aria-label={t("statements.label", { number: s.number })}>
      <summary>
        {t("statements.summary", { number: s.number, amount: money(s.amountMinor), date: day(s.paidAt) })}
      </summary>
      <p className="muted">
        {t("statements.about", { payout: s.payoutId, account: s.stripeAccountId, vat: (s.vatBps / 100).toLocaleString(intlLocale()) })}
      </p>
      <table aria-label={t("statements.lines", { number: s.number })}>
        <thead>
          <tr>
            <th>{t("statements.date")}</th>
            <th>{t("statements.what")}</th>
            <th>{t("statements.gross")}</th>
            <th>{t("statements.feeNet")}</th>
            <th>{t("statements.feeVat")}</th>
            <th>{t("statements.toYou")}</th>
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
            <th colSpan={5}>{t("statements.paidOut")}</th>
            <th>{money(s.amountMinor)}</th>
          </tr>
        </tbody>
      </table>
      <button type="button" onClick={pdf} disabled={state.busy}>
        {state.busy ? t("statements.making") : t("statements.download", { number: s.number })}
      </button>
      {state.error && <p role="alert">{state.error}</p>}
    </details>
  );
}

/** The coach's numbered statements, one per paid payout: what each payout pays for, line by line. */
export function PayoutStatements() {
  const { t } = useTranslation();
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
      <h2 id="payout-statements">{t("statements.title")}</h2>
      {error && <p role="alert">{error}</p>}
      {statements === null && !error && <p className="muted">{t("common.loading")}</p>}
      {statements?.length === 0 && <p className="muted">{t("statements.none")}</p>}
      {statements?.map((s) => <Statement key={s.payoutId} s={s} />)}
    </section>
  );
}
