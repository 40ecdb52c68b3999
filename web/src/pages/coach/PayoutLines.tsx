/**
 * What a payout pays for, in lines that add up to it: one line per program's sales, then the
 * difference to the payout (money a smaller request left for a later payout, refunds and
 * disputes netted in), then the payout itself. The server writes the lines so they sum to the
 * amount; the total row shows that they do.
 */
import { useTranslation } from "react-i18next";
import { formatMoney } from "../../lib/money";
import type { PayoutDoc } from "./payouts-api";

export function PayoutLines({ payout }: { payout: PayoutDoc }) {
  const { t } = useTranslation();
  const m = (amount: number) => formatMoney({ amount, currency: payout.currency });
  if (payout.lineItems.length === 0) return <span className="muted">{t("coachPayouts.earlier")}</span>;
  const onlySales = payout.lineItems.every((l) => l.kind !== "adjustment");
  return (
    <ul className="payout-lines" aria-label={t("coachPayouts.paysFor")}>
      {payout.lineItems.map((l) => (
        <li key={`${l.kind ?? "sales"}:${l.programId ?? l.description}`}>
          {l.kind === "adjustment" ? (l.coachAmount < 0 ? t("payoutLines.leftForLater") : t("payoutLines.adjustment")) : t("payoutLines.sales", { program: l.description, count: l.payments })}
          {" · "}
          {m(l.coachAmount)}
        </li>
      ))}
      {!(onlySales && payout.lineItems.length === 1) && (
        <li data-testid="payout-lines-total">
          <strong>
            {t("payoutLines.total")} · {m(payout.amount)}
          </strong>
        </li>
      )}
    </ul>
  );
}
