import type { TFunction } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { describeError } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import {
  api,
  voucherLink,
  yesterdayInStockholm,
  type DayDetail,
  type DayVoucherView,
  type VoucherRow,
} from "./api";
import { AccountName, SideBySide } from "./SideBySide";
import { voucherNumber } from "./side-by-side";

export function Rows({
  rows,
  currency,
  label,
  names = {},
}: {
  rows: VoucherRow[];
  currency: string;
  label: string;
  names?: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <div className="scroll-x">
      <table aria-label={label}>
        <thead>
          <tr>
            <th>{t("accounting.day.account")}</th>
            <th className="num">{t("accounting.day.debit")}</th>
            <th className="num">{t("accounting.day.credit")}</th>
            <th>{t("accounting.day.text")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>
                <AccountName account={r.account} names={names} />
              </td>
              <td className="num">{r.debit ? formatMoney({ amount: r.debit, currency }) : ""}</td>
              <td className="num">{r.credit ? formatMoney({ amount: r.credit, currency }) : ""}</td>
              <td className="muted">{r.info ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "verifikation A12, räkenskapsår 2026" once posted; Kassa's reference before that. */
function numberText(v: DayVoucherView["record"], t: TFunction): string {
  const n = voucherNumber(v);
  if (!n) return v.reference ?? "?";
  return n.year
    ? t("accountingView.voucher.numberInYear", n)
    : t("accountingView.voucher.number", n);
}

function stateText(v: DayVoucherView["record"], t: TFunction): string {
  switch (v.state) {
    case "posted":
      return v.movedFromLockedPeriod
        ? t("accounting.day.postedMoved", { reference: numberText(v, t), date: v.transactionDate })
        : t("accounting.day.postedAs", { reference: numberText(v, t) });
    case "booked_by_hand":
      return t("accounting.day.bookedByHandAs", { number: v.bookedByHand?.voucherNumber ?? "?" });
    case "empty":
      return t("accounting.day.empty");
    case "failed":
      // Fortnox's own message stays as Fortnox wrote it: it is what their support will quote.
      return `${t("accounting.day.refused", { count: v.attempts, message: v.error?.message ?? "" })}${v.error?.code ? ` [${t("accounting.fortnoxCode", { code: v.error.code })}]` : ""}`;
    default:
      return t(`accounting.voucherStates.${v.state}`);
  }
}

function VoucherCard({ v, names }: { v: DayVoucherView; names: Record<string, string> }) {
  const { t } = useTranslation();
  const r = v.record;
  const link = voucherLink(r);
  return (
    <article data-testid="day-voucher">
      <h3>
        {r.marker} ·{" "}
        <span role={r.state === "failed" ? "alert" : undefined}>{stateText(r, t)}</span> ·{" "}
        <Link to={`/accountant/vouchers/${encodeURIComponent(r.id)}`}>
          {t("accounting.day.specification", { count: r.entryCount })}
        </Link>
        {link && (
          <>
            {" "}
            ·{" "}
            <a href={link} target="_blank" rel="noreferrer">
              {t("accounting.day.openInFortnox")}
            </a>
          </>
        )}
      </h3>
      {/* Fortnox's own app has no link to one voucher: say where to find it instead. */}
      {!link && r.state === "posted" && r.series && r.number && (
        <p className="muted small">
          {t("accountingView.voucher.findInFortnox", { series: r.series, num: r.number })}
        </p>
      )}
      {r.state === "posted" && v.fortnoxRows ? (
        <SideBySide
          id={r.id}
          kassa={r.rows}
          fortnox={v.fortnoxRows}
          currency={r.currency}
          names={names}
        />
      ) : (
        <>
          <h4>{t("accounting.day.asPosted")}</h4>
          <Rows
            rows={r.rows}
            currency={r.currency}
            label={t("accounting.day.kassaRows", { id: r.id })}
            names={names}
          />
          {r.state === "posted" && (
            <p className="muted">{v.fortnoxError ?? t("accounting.day.notReadable")}</p>
          )}
        </>
      )}
    </article>
  );
}

/** One business day: what the books hold (stored vouchers), and separately what is waiting. */
export function DayVouchers({ day, refreshKey }: { day: string; refreshKey: number }) {
  const { t } = useTranslation();
  const [data, setData] = useState<DayDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setData(null);
    setError(null);
    if (!day) return;
    // Only the latest request may set the view (a slow answer for an earlier day is dropped).
    let current = true;
    api.day({ day }).then(
      (res) => current && setData(res),
      (e: unknown) =>
        current && setError(t("accounting.day.loadFailed", { day, error: describeError(e) })),
    );
    return () => {
      current = false;
    };
  }, [day, refreshKey, t]);

  const nothing = data && data.booked.length + data.notPosted.length + data.waiting.length === 0;
  return (
    <section className="card" aria-labelledby="day-vouchers">
      <h2 id="day-vouchers">{t("accounting.day.title", { day })}</h2>
      {error && <p role="alert">{error}</p>}
      {!data && !error && (
        <p className="muted" role="status">
          {t("accounting.day.loading", { day })}
        </p>
      )}
      {nothing && <p className="muted">{t("accounting.day.nothing", { day })}</p>}
      {data && data.booked.length > 0 && <h3>{t("accounting.day.booked")}</h3>}
      {data?.booked.map((v) => (
        <VoucherCard key={v.record.id} v={v} names={data.accountNames ?? {}} />
      ))}
      {data && data.notPosted.length > 0 && <h3>{t("accounting.day.notPosted")}</h3>}
      {data?.notPosted.map((v) => (
        <VoucherCard key={v.record.id} v={v} names={data.accountNames ?? {}} />
      ))}
      {data && data.waiting.length > 0 && (
        <>
          <h3>{t("accounting.day.waiting")}</h3>
          {data.waiting.map((w) => (
            <article key={`${w.flow}-${w.currency}`} data-testid="day-waiting">
              <h4>
                {t("accounting.day.waitingLine", {
                  flow: t(`accounting.flows.${w.flow}`),
                  currency: w.currency.toUpperCase(),
                  count: w.entryCount,
                  into: w.into,
                })}
                {/* Late entries collect for up to a week (one supplementary voucher a day, all flows). */}
                {w.notBefore > yesterdayInStockholm()
                  ? t("accounting.day.bookedOn", { day: w.notBefore })
                  : t("accounting.day.bookedNext")}
              </h4>
              <Rows
                rows={w.rows}
                currency={w.currency}
                label={t("accounting.day.waitingRows", { flow: w.flow })}
                names={data.accountNames ?? {}}
              />
            </article>
          ))}
        </>
      )}
    </section>
  );
}
