import { collection, query, where } from "firebase/firestore";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../auth";
import { db } from "../firestore";
import { createCheckoutSession } from "../lib/callables";
import { describeError } from "../lib/errors";
import { formatMoney, type Money } from "../lib/money";
import { useLiveQuery } from "../lib/use-live-query";

interface Program {
  id: string;
  title: string;
  description: string;
  coachName: string;
  price: Money;
}

// Loaded when a customer opens it: Stripe's React bindings and the form stay out of the first load.
const PaymentForm = lazy(() => import("./payment-form/PaymentForm"));

/** Two ways to pay: the card form on this page, or Stripe's hosted Checkout. */
function BuyButtons({ program, owned }: { program: Program; owned: boolean }) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const [cardForm, setCardForm] = useState(false);
  async function checkout() {
    setState({ busy: true });
    try {
      const { data } = await createCheckoutSession({ programId: program.id });
      window.location.assign(data.url);
    } catch (e) {
      setState({ busy: false, error: describeError(e) });
    }
  }
  // Owned: no Buy; a card form still open (its payment just booked) stays to say it is confirmed.
  if (owned && !cardForm)
    return (
      <p className="badge ok" aria-label={t("customerPay.ownedNamed", { title: program.title })}>
        {t("customerPay.owned")}
      </p>
    );
  return (
    <>
      {!cardForm && (
        <div className="actions">
          <button type="button" onClick={() => setCardForm(true)} disabled={state.busy} aria-label={t("paymentForm.openNamed", { title: program.title })}>
            {t("paymentForm.open")}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => void checkout()}
            disabled={state.busy}
            aria-label={t("programs.buyNamed", { title: program.title })}
          >
            {state.busy ? t("programs.opening") : t("programs.buy")}
          </button>
        </div>
      )}
      {cardForm && (
        <Suspense
          fallback={
            <p className="muted" role="status">
              {t("paymentForm.preparing")}
            </p>
          }
        >
          <PaymentForm program={program} onClose={() => setCardForm(false)} />
        </Suspense>
      )}
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
    </>
  );
}

/** Live list of active programs, optionally only one coach's; customers get the two ways to pay. */
export function Programs({ coachId, buyable = false }: { coachId?: string; buyable?: boolean }) {
  const { t } = useTranslation();
  const { rows: programs, error } = useLiveQuery<Program>(
    () =>
      query(
        collection(db, "programs"),
        where("active", "==", true),
        // The server marks programs whose coach can take payments (Connect charges enabled).
        where("coachCanSell", "==", true),
        ...(coachId ? [where("coachId", "==", coachId)] : []),
      ),
    [coachId],
  );
  const { user } = useSession();
  // What this customer already owns: a paid purchase of the program, not refunded.
  const { rows: purchases } = useLiveQuery<{ id: string; programId: string | null; status: string }>(
    () => (buyable && user ? query(collection(db, "purchases"), where("userId", "==", user.uid)) : null),
    [buyable, user?.uid],
  );
  const owned = new Set((purchases ?? []).filter((p) => p.programId && (p.status === "succeeded" || p.status === "partially_refunded")).map((p) => p.programId));

  if (error)
    return (
      <p role="alert" className="error">
        {t("programs.loadFailed", { error })}
      </p>
    );
  if (!programs)
    return (
      <p className="muted" role="status">
        {t("programs.loading")}
      </p>
    );
  if (programs.length === 0) return <p className="muted">{t("programs.none")}</p>;
  return (
    <ul className="grid" aria-label={t("programs.list")}>
      {programs.map((p) => (
        <li key={p.id} className="card program">
          <h3>{p.title}</h3>
          {p.coachName && <p className="muted">{t("programs.by", { name: p.coachName })}</p>}
          <p>{p.description}</p>
          <p className="price">{formatMoney(p.price)}</p>
          {buyable && <BuyButtons program={p} owned={owned.has(p.id)} />}
        </li>
      ))}
    </ul>
  );
}
