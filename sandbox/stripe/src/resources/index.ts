import type { Route } from "../router.js";
import { accountRoutes } from "./accounts.js";
import { balanceRoutes } from "./balance.js";
import { chargeRoutes } from "./charges.js";
import { checkoutRoutes } from "./checkout-sessions.js";
import { customerRoutes } from "./customers.js";
import { disputeRoutes } from "./disputes.js";
import { eventRoutes } from "./events.js";
import { invoiceRoutes } from "./invoices.js";
import { paymentIntentRoutes } from "./payment-intents.js";
import { payoutRoutes } from "./payouts.js";
import { priceRoutes } from "./prices.js";
import { productRoutes } from "./products.js";
import { refundRoutes } from "./refunds.js";
import { subscriptionRoutes } from "./subscriptions.js";
import { transferRoutes } from "./transfers.js";
import { webhookEndpointRoutes } from "./webhook-endpoints.js";

export const apiRoutes: Route[] = [
  ...accountRoutes,
  ...balanceRoutes,
  ...chargeRoutes,
  ...checkoutRoutes,
  ...customerRoutes,
  ...disputeRoutes,
  ...eventRoutes,
  ...invoiceRoutes,
  ...paymentIntentRoutes,
  ...payoutRoutes,
  ...priceRoutes,
  ...productRoutes,
  ...refundRoutes,
  ...subscriptionRoutes,
  ...transferRoutes,
  ...webhookEndpointRoutes,
];
