import { doc, onSnapshot } from "firebase/firestore";
import { useEffect, useState } from "react";
import { useSession } from "../../auth";
import { db } from "../../firebase";
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

/** Premium: subscribe, or see the subscription and cancel it at the end of the period. */
export function Premium() {
  const { user } = useSession();
  const [premium, setPremium] = useState<PremiumState | null | undefined>(undefined);
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });

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
        Loading your subscription…
      </p>
    );
  const active = premium && ACTIVE.has(premium.status);
  return (
    <section className="card premium" aria-labelledby="premium-title">
      <h2 id="premium-title">Premium</h2>
      {!active && (
        <>
          <p>
            All guided sessions, every week. {formatMoney({ amount: 9900, currency: "sek" })} a
            month, cancel any time.
          </p>
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
            {state.busy ? "Opening checkout…" : "Subscribe"}
          </button>
        </>
      )}
      {active && premium && (
        <>
          <p role="status">
            {premium.status === "past_due"
              ? "Your last payment failed; Stripe will retry. "
              : "You have premium. "}
            {premium.cancelAtPeriodEnd
              ? `It ends on ${formatDate(premium.currentPeriodEnd)}.`
              : `Renews on ${formatDate(premium.currentPeriodEnd)}.`}
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
            {premium.cancelAtPeriodEnd ? "Keep premium" : "Cancel at period end"}
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
