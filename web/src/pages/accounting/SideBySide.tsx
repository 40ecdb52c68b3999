import { useTranslation } from "react-i18next";
import { formatMoney } from "../../lib/money";
import type { VoucherRow } from "./api";
import { compareRows } from "./side-by-side";

/** An account with its name from Fortnox's chart when known: "1930 Företagskonto". */
export function AccountName({
  account,
  names,
}: {
  account: number;
  names: Record<string, string>;
}) {
  const name = names[String(account)];
  return (
    <>
      <strong>{account}</strong>
      {name && <span className="muted"> {name}</span>}
    </>
  );
}

/**
 * A posted voucher: Kassa's rows and Fortnox's, per account in one table, with ✓ where they
 * agree to the öre and the difference where not, and a total row; so the accountant sees at a
 * glance that Fortnox holds what Kassa sent.
 */
export function SideBySide({
  id,
  kassa,
  fortnox,
  currency,
  names,
}: {
  id: string;
  kassa: VoucherRow[];
  fortnox: VoucherRow[];
  currency: string;
  names: Record<string, string>;
}) {
  const { t } = useTranslation();
  const cmp = compareRows(kassa, fortnox);
  const m = (n: number) => (n ? formatMoney({ amount: n, currency }) : "");
  return (
    <>
      <p
        className={cmp.agrees ? "ok" : "error"}
        role={cmp.agrees ? undefined : "alert"}
        data-testid="side-verdict"
      >
        {t(cmp.agrees ? "accountingView.side.allAgree" : "accountingView.side.someDiffer")}
      </p>
      <div className="scroll-x">
        <table aria-label={t("accountingView.side.label", { id })} data-testid="side-by-side">
          <thead>
            <tr>
              <th scope="col">{t("accountingView.side.account")}</th>
              <th scope="col" className="num">
                {t("accountingView.side.kassaDebit")}
              </th>
              <th scope="col" className="num">
                {t("accountingView.side.kassaCredit")}
              </th>
              <th scope="col" className="num">
                {t("accountingView.side.fortnoxDebit")}
              </th>
              <th scope="col" className="num">
                {t("accountingView.side.fortnoxCredit")}
              </th>
              <th scope="col">{t("accountingView.side.check")}</th>
              <th scope="col">{t("accounting.day.text")}</th>
            </tr>
          </thead>
          <tbody>
            {cmp.lines.map((l) => (
              <tr key={l.account} data-account={l.account}>
                <td>
                  <AccountName account={l.account} names={names} />
                </td>
                <td className="num">{m(l.kassa.debit)}</td>
                <td className="num">{m(l.kassa.credit)}</td>
                <td className="num">{m(l.fortnox.debit)}</td>
                <td className="num">{m(l.fortnox.credit)}</td>
                <td className={l.difference === 0 ? "ok" : "error"}>
                  {l.difference === 0 ? (
                    <span aria-label={t("accountingView.side.agreesWords")}>
                      {t("accountingView.side.agrees")}
                    </span>
                  ) : (
                    t("accountingView.side.differs", {
                      amount: formatMoney({ amount: Math.abs(l.difference), currency }),
                    })
                  )}
                </td>
                <td className="muted">{l.text}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("accountingView.side.total")}</th>
              <td className="num">{m(cmp.kassa.debit)}</td>
              <td className="num">{m(cmp.kassa.credit)}</td>
              <td className="num">{m(cmp.fortnox.debit)}</td>
              <td className="num">{m(cmp.fortnox.credit)}</td>
              <td />
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
