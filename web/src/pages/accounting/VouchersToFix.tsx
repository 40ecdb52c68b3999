import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { describeError } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import { api, type VoucherRecord } from "./api";

function BookedByHandForm({ voucher, onDone }: { voucher: VoucherRecord; onDone: () => void }) {
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
    <form onSubmit={submit} aria-label={`Booked by hand ${voucher.id}`}>
      <label>
        Fortnox voucher number
        <input value={number} onChange={(e) => setNumber(e.target.value)} placeholder="A-123" />
      </label>
      <label>
        Note
        <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="e.g. converted at 11.02 SEK/EUR" />
      </label>
      <button type="submit" disabled={state.busy}>
        {state.busy ? "Saving…" : "Mark booked by hand"}
      </button>
      {state.error && <p role="alert">{state.error}</p>}
    </form>
  );
}

/** Vouchers Kassa could not post, each with Fortnox's reason; each blocks only itself. */
export function VouchersToFix({ refreshKey }: { refreshKey: number }) {
  const [vouchers, setVouchers] = useState<VoucherRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let current = true;
    api.vouchersToFix({}).then(
      (res) => current && setVouchers(res.vouchers.filter((v) => v.state === "failed")),
      (e: unknown) => current && setError(`Could not load the refused vouchers: ${describeError(e)}`),
    );
    return () => {
      current = false;
    };
  }, [refreshKey, reload]);
  return (
    <section className="card" aria-labelledby="vouchers-to-fix">
      <h2 id="vouchers-to-fix">Vouchers Fortnox refused</h2>
      {error && <p role="alert">{error}</p>}
      {vouchers?.length === 0 && <p className="muted">None: every voucher is posted or waiting for the next run.</p>}
      {vouchers?.map((v) => (
        <article key={v.id} data-testid="refused-voucher">
          <h3>
            {v.marker} · {formatMoney({ amount: v.totalMinor, currency: v.currency })} ·{" "}
            <Link to={`/accountant/vouchers/${encodeURIComponent(v.id)}`}>specification</Link>
          </h3>
          <p role="alert">
            {v.error?.message}
            {v.error?.code ? ` [Fortnox code ${v.error.code}]` : ""} · tried {v.attempts} time(s), retried every run
          </p>
          <BookedByHandForm voucher={v} onDone={() => setReload((n) => n + 1)} />
        </article>
      ))}
    </section>
  );
}
