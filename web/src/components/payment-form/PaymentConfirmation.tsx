/**
 * After Stripe.js says the card was charged: the purchase counts as confirmed only once Stripe's
 * webhook has been booked and purchases/{paymentIntentId} says succeeded (the same rule the
 * purchases page applies to a Checkout return). Until then the person is told it is coming.
 */
import { collection, query, where } from "firebase/firestore";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useSession } from "../../auth";
import { db } from "../../firestore";
import type { PaymentDoc } from "../../lib/payments";
import { useLiveQuery } from "../../lib/use-live-query";

export function PaymentConfirmation({ paymentIntentId, status }: { paymentIntentId: string; status: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  // By owner, not by id: the rules let a customer read only their own purchases, and a document
  // that does not exist yet cannot show that it is theirs.
  const { rows } = useLiveQuery<PaymentDoc>(() => (user ? query(collection(db, "purchases"), where("userId", "==", user.uid)) : null), [user?.uid]);
  const confirmed = rows?.some((r) => r.id === paymentIntentId && r.status === "succeeded");
  if (confirmed)
    return (
      <p className="notice ok" role="status">
        {t("paymentForm.confirmed")} <Link to="/customer/purchases">{t("paymentForm.toPurchases")}</Link>
      </p>
    );
  return (
    <p className="notice" role="status">
      {status === "processing" ? t("paymentForm.processing") : t("paymentForm.confirming")}
    </p>
  );
}
