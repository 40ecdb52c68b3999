/** Typed handles on the callables the pages use. The server validates everything again. */
import { callable } from "./callable";

export const createCheckoutSession = callable("createCheckoutSession");
/** A PaymentIntent for the in-app card form: the server prices it; the client confirms it with Stripe.js. */
export const createPaymentIntent = callable("createPaymentIntent");
/** Premium in the in-app card form: the subscription's first invoice's PaymentIntent (default_incomplete). */
export const createSubscriptionIntent = callable("createSubscriptionIntent");
/** Which payment a Checkout return (?session=cs_…) made. */
export const checkoutReturn = callable("checkoutReturn");
/** A customer's receipt (kvitto) for one paid purchase, with its PDF (base64). */
export const purchaseReceipt = callable("purchaseReceipt");
export const cancelSubscription = callable("cancelSubscription");
export const refundPayment = callable("refundPayment");
/** Dual control: a second admin decides what another admin asked for (refunds above the limit, staff roles). */
export const approveRequest = callable("approveRequest");
export const rejectRequest = callable("rejectRequest");
export const retryStripeEvent = callable("retryStripeEvent");
