/**
 * The in-app card form (Stripe Elements): the server prices the program and makes the
 * PaymentIntent (createPaymentIntent); the card goes from Stripe's Payment Element straight to
 * Stripe, and stripe.confirmPayment runs 3-D Secure in its own modal when the card needs it.
 * Loaded lazily (Programs.tsx), so neither this nor Stripe.js is in the first page load.
 * A paid card is not yet a purchase: the form says "confirmed" only when Stripe's webhook has
 * been booked and the purchase is in Firestore (PaymentConfirmation).
 */
import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import type { StripeElementsOptions } from "@stripe/stripe-js";
import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { createPaymentIntent, createSubscriptionIntent } from "../../lib/callables";
import { describeError } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import { cardErrorKey } from "./card-errors";
import { stripeJs } from "./load-stripe";
import { PaymentConfirmation } from "./PaymentConfirmation";

interface Intent {
  paymentIntentId: string;
  clientSecret: string;
  amount: number;
  currency: string;
}

/** Stripe.js could not be loaded (offline, blocked, no key): the person can still use Checkout. */
class StripeJsUnavailable extends Error {}

export interface PaymentFormProps {
  /** A program (createPaymentIntent), or premium: `planId` set, paid through the subscription's first invoice. */
  program: { id: string; title: string; planId?: string };
  onClose: () => void;
}

function CardFields({ intent, onPaid }: { intent: Intent; onPaid: (status: string) => void }) {
  const { t } = useTranslation();
  const stripe = useStripe();
  const elements = useElements();
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const amount = formatMoney({ amount: intent.amount, currency: intent.currency });

  async function pay(event: FormEvent) {
    event.preventDefault();
    if (!stripe || !elements) return;
    setState({ busy: true });
    const submitted = await elements.submit();
    if (submitted.error) {
      setState({ busy: false, error: t(cardErrorKey(submitted.error)) });
      return;
    }
    const { error, paymentIntent } = await stripe.confirmPayment({
      elements,
      // Only a payment method that must leave the page (a bank redirect) comes back here;
      // the purchases page confirms it the way it confirms a Checkout return.
      confirmParams: { return_url: `${window.location.origin}/customer/purchases?checkout=success` },
      redirect: "if_required",
    });
    if (error) {
      setState({ busy: false, error: t(cardErrorKey(error)) });
      return;
    }
    onPaid(paymentIntent.status);
  }

  return (
    <form onSubmit={(e) => void pay(e)} aria-label={t("paymentForm.open")}>
      <p>{t("paymentForm.amount", { amount })}</p>
      <PaymentElement onChange={() => state.error && setState({ busy: state.busy })} />
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      <button type="submit" disabled={!stripe || !elements || state.busy}>
        {state.busy ? t("paymentForm.paying") : t("paymentForm.pay", { amount })}
      </button>
      <p className="muted small">{t("paymentForm.secure")}</p>
    </form>
  );
}

export default function PaymentForm({ program, onClose }: PaymentFormProps) {
  const { t, i18n } = useTranslation();
  const [intent, setIntent] = useState<Intent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [paid, setPaid] = useState<string | null>(null);
  // One PaymentIntent per opened form, even when StrictMode runs the effect twice.
  const request = useRef<Promise<Intent> | null>(null);
  const stripe = useMemo(() => stripeJs(), []);

  useEffect(() => {
    let live = true;
    request.current ??= Promise.all([
      program.planId ? createSubscriptionIntent({ planId: program.planId }) : createPaymentIntent({ programId: program.id }),
      stripe.catch((e: unknown) => {
        console.warn("Stripe.js did not load:", e);
        throw new StripeJsUnavailable();
      }),
    ]).then(([created]) => created.data);
    request.current.then(
      (created) => live && setIntent(created),
      (e: unknown) => live && setError(e instanceof StripeJsUnavailable ? t("paymentForm.loadFailed") : describeError(e)),
    );
    return () => {
      live = false;
    };
  }, [program.id, program.planId, stripe, t]);

  const lang = i18n.language === "en" ? "en" : "sv";
  const options = useMemo<StripeElementsOptions | null>(() => (intent ? { clientSecret: intent.clientSecret, locale: lang } : null), [intent, lang]);

  return (
    <section className="payment-form" aria-label={t("paymentForm.title", { title: program.title })}>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!error && !options && (
        <p className="muted" role="status">
          {t("paymentForm.preparing")}
        </p>
      )}
      {intent && paid && <PaymentConfirmation paymentIntentId={intent.paymentIntentId} status={paid} />}
      {options && !paid && (
        <Elements stripe={stripe} options={options}>
          <CardFields intent={intent!} onPaid={setPaid} />
        </Elements>
      )}
      {!paid && (
        <button type="button" className="secondary" onClick={onClose}>
          {t("paymentForm.close")}
        </button>
      )}
    </section>
  );
}
