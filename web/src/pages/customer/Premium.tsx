import { collection, doc, onSnapshot, query, where } from "firebase/firestore";
import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../auth";
import { db } from "../../firestore";
import { cancelSubscription, createCheckoutSession } from "../../lib/callables";
import { describeError } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import { formatDate } from "../../lib/payments";

interface PremiumState {
  subscriptionId: string;
  status: string;
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: number | null;
}

const ACTIVE = new Set(["active", "trialing", "past_due"]);
const PAID = new Set(["succeeded", "partially_refunded", "refunded", "disputed"]);

// The card form and Stripe.js load only when a customer opens it.
const PaymentForm = lazy(() => import("../../components/payment-form/PaymentForm"));

/** Premium: subscribe, or see the subscription and cancel it at the end of the period. */
export function Premium() {
  const { user } = useSession();
  const [premium, setPremium] = useState<PremiumState | null | undefined>(undefined);
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const { t } = useTranslation();
  const [cardForm, setCardForm] = useState(false);
  // Premium counts as paid only when its own invoice's payment is booked (from invoice.paid).
  const [paidSubs, setPaidSubs] = useState<Set<string>>(new Set());
  useEffect(() => {
    if (!user) return;
    return onSnapshot(query(collection(db, "purchases"), where("userId", "==", user.uid), where("kind", "==", "subscription")), (snap) =>
      setPaidSubs(new Set(snap.docs.filter((d) => PAID.has(d.get("status") as string)).map((d) => d.get("subscriptionId") as string))),
    );
  }, [user]);

  useEffect(() => {
    if (!user) return;
    return onSnapshot(doc(db, "users", user.uid), (snap) =>
      setPremium((snap.get("premium") as PremiumState | undefined) ?? null),
    );
  }, [user]);

  async function run(action: () => Promise<void>) {
    setState({ busy: true });
    try {
      await action();
      setState({ busy: false });
    } catch (e) {
      setState({ busy: false, error: describeError(e) });
    }
  }

  if (premium === undefined)
    return (
      <p className="muted" role="status">
        {t("customerPages.premium.loading")}
      </p>
    );
  const active = premium && ACTIVE.has(premium.status) && (premium.status !== "active" || paidSubs.has(premium.subscriptionId));
  const confirming = premium && premium.status === "active" && !paidSubs.has(premium.subscriptionId);
  return (
    <section className="card premium" aria-labelledby="premium-title">
      <h2 id="premium-title">{t("customerPages.premium.title")}</h2>
      {confirming && (
        <p className="notice" role="status">
          {t("customerPay.premiumConfirming")}
        </p>
      )}
      {/* An open card form stays until it says the payment is confirmed: premium turning active must not unmount that confirmation. */}
      {cardForm && (
        <Suspense fallback={<p className="muted" role="status">{t("paymentForm.preparing")}</p>}>
          <PaymentForm program={{ id: "premium", title: "Premium", planId: "premium" }} onClose={() => setCardForm(false)} />
        </Suspense>
      )}
      {!active && !confirming && !cardForm && (
        <>
          <p>{t("customerPages.premium.pitch", { price: formatMoney({ amount: 9900, currency: "sek" }) })}</p>
          <button
            type="button"
            disabled={state.busy}
            onClick={() =>
              void run(async () => {
                const { data } = await createCheckoutSession({ planId: "premium" });
                window.location.assign(data.url);
              })
            }
          >
            {state.busy ? t("customerPages.premium.opening") : t("customerPages.premium.subscribe")}
          </button>{" "}
          <button type="button" className="secondary" disabled={state.busy} onClick={() => setCardForm(true)}>
            {t("customerPay.premiumByCard")}
          </button>
        </>
      )}
      {active && premium && (
        <>
          <p role="status">
            {premium.status === "past_due" ? t("customerPages.premium.pastDue") : t("customerPages.premium.active")}{" "}
            {t(premium.cancelAtPeriodEnd ? "customerPages.premium.endsOn" : "customerPages.premium.renewsOn", { date: formatDate(premium.currentPeriodEnd) })}
          </p>
          <button
            type="button"
            className="secondary"
            disabled={state.busy}
            onClick={() =>
              void run(
                async () =>
                  void (await cancelSubscription({
                    subscriptionId: premium.subscriptionId,
                    cancel: !premium.cancelAtPeriodEnd,
                  })),
              )
            }
          >
            {premium.cancelAtPeriodEnd ? t("customerPages.premium.keep") : t("customerPages.premium.cancel")}
          </button>
        </>
      )}
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
    </section>
  );
}
