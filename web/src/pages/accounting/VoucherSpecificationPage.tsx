import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { downloadCsv } from "../../lib/csv";
import { describeError } from "../../lib/errors";
import { formatMoney, formatStockholm } from "../../lib/money";
import { api, type VoucherSpecification } from "./api";
import { Rows } from "./DayVouchers";
import { referenceAsFortnox } from "./side-by-side";
import { CsvFormatPicker, useCsvFormat } from "../../components/CsvFormatPicker";

/** A voucher's specification: its rows as posted and every entry it books, with Stripe ids. */
export function VoucherSpecificationPage() {
  const { voucherId = "" } = useParams();
  const { t } = useTranslation();
  const [spec, setSpec] = useState<VoucherSpecification | null>(null);
  const [format, setFormat] = useCsvFormat();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    api.specification({ voucherId }).then(
      (res) => current && setSpec(res),
      (e: unknown) => current && setError(t("accounting.spec.loadFailed", { id: voucherId, error: describeError(e) })),
    );
    return () => {
      current = false;
    };
  }, [voucherId, t]);
  async function csv() {
    try {
      const res = await api.specificationCsv({ voucherId, format });
      downloadCsv(res.filename, res.csv);
    } catch (e) {
      setError(describeError(e));
    }
  }
  const v = spec?.voucher;
  return (
    <section>
      <p>
        <Link to="/accountant">{t("accounting.spec.back")}</Link>
      </p>
      <h1>{t("accounting.spec.title")}</h1>
      {error && <p role="alert">{error}</p>}
      {!spec && !error && <p className="muted" role="status">{t("common.loading")}</p>}
      {v && spec && (
        <>
          <p data-testid="spec-summary">
            <strong>{v.marker}</strong> · {t(`accounting.voucherStates.${v.state}`)}
            {v.reference ? ` · Fortnox ${referenceAsFortnox(v.reference)}` : ""}
            {v.bookedByHand ? ` · ${t("accounting.spec.byHand", { number: v.bookedByHand.voucherNumber, by: v.bookedByHand.by })}` : ""}
            {v.transactionDate ? ` · ${t("accounting.spec.dated", { date: v.transactionDate })}` : ""} · {t("accounting.spec.entries", { count: v.entryCount })}
          </p>
          <div className="filters">
            <CsvFormatPicker format={format} onChange={setFormat} />
            <button type="button" onClick={csv}>
              {t("accounting.spec.downloadCsv")}
            </button>
          </div>
          <Rows rows={v.rows} currency={v.currency} label={t("accounting.spec.voucherRows")} />
          <table aria-label={t("accounting.spec.entriesTable")}>
            <thead>
              <tr>
                <th>{t("accounting.spec.entry")}</th>
                <th>{t("accounting.spec.kind")}</th>
                <th>{t("accounting.spec.when")}</th>
                <th className="num">{t("accounting.spec.amount")}</th>
                <th>{t("accounting.spec.payment")}</th>
                <th>{t("accounting.spec.payout")}</th>
                <th>{t("accounting.spec.stripeObject")}</th>
              </tr>
            </thead>
            <tbody>
              {spec.lines.map((l) => (
                <tr key={l.entryId}>
                  <td>{l.entryId}</td>
                  <td>{l.kind}</td>
                  <td>{formatStockholm(l.occurredAt, { dateStyle: "short", timeStyle: "medium" })}</td>
                  <td className="num">
                    {formatMoney({ amount: l.amountMinor, currency: v.currency })}
                    {l.original ? ` (${formatMoney({ amount: l.original.amount, currency: l.original.currency })})` : ""}
                  </td>
                  <td>{l.paymentId ?? ""}</td>
                  <td>{l.payoutId ?? ""}</td>
                  <td>{l.stripeObjectId ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
