import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { describeError } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import { api, type VoucherRecord } from "./api";

function BookedByHandForm({ voucher, onDone }: { voucher: VoucherRecord; onDone: () => void }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState("");
  const [note, setNote] = useState("");
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setState({ busy: true });
    try {
      await api.markBookedByHand({ voucherId: voucher.id, voucherNumber: number, ...(note ? { note } : {}) });
      setState({ busy: false });
      onDone();
    } catch (err) {
      setState({ busy: false, error: describeError(err) });
    }
  }
  return (
    <form onSubmit={submit} aria-label={t("accounting.toFix.formLabel", { id: voucher.id })}>
      <label>
        {t("accounting.toFix.voucherNumber")}
        <input value={number} onChange={(e) => setNumber(e.target.value)} placeholder="A-123" />
      </label>
      <label>
        {t("accounting.toFix.note")}
        <input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t("accounting.toFix.notePlaceholder")} />
      </label>
      <button type="submit" disabled={state.busy}>
        {state.busy ? t("accounting.saving") : t("accounting.toFix.markByHand")}
      </button>
      {state.error && <p role="alert">{state.error}</p>}
    </form>
  );
}

/** Vouchers Kassa could not post, each with Fortnox's reason; each blocks only itself. */
export function VouchersToFix({ refreshKey }: { refreshKey: number }) {
  const { t } = useTranslation();
  const [vouchers, setVouchers] = useState<VoucherRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let current = true;
    api.vouchersToFix({}).then(
      (res) => current && setVouchers(res.vouchers.filter((v) => v.state === "failed")),
      (e: unknown) => current && setError(t("accounting.toFix.loadFailed", { error: describeError(e) })),
    );
    return () => {
      current = false;
    };
  }, [refreshKey, reload, t]);
  return (
    <section className="card" aria-labelledby="vouchers-to-fix">
      <h2 id="vouchers-to-fix">{t("accounting.toFix.title")}</h2>
      {error && <p role="alert">{error}</p>}
      {vouchers?.length === 0 && <p className="muted">{t("accounting.toFix.none")}</p>}
      {vouchers?.map((v) => (
        <article key={v.id} data-testid="refused-voucher">
          <h3>
            {v.marker} · {formatMoney({ amount: v.totalMinor, currency: v.currency })} ·{" "}
            <Link to={`/accountant/vouchers/${encodeURIComponent(v.id)}`}>{t("accounting.toFix.specification")}</Link>
          </h3>
          <p role="alert">
            {v.error?.message}
            {v.error?.code ? ` [${t("accounting.fortnoxCode", { code: v.error.code })}]` : ""} · {t("accounting.toFix.tried", { count: v.attempts })}
          </p>
          <BookedByHandForm voucher={v} onDone={() => setReload((n) => n + 1)} />
        </article>
      ))}
    </section>
  );
}
