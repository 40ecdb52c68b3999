/** Entry point: global options and the list of deployed functions. No logic lives here. */
import { setGlobalOptions } from "firebase-functions/v2";
import { REGION } from "./config/params";

setGlobalOptions({ region: REGION, maxInstances: 10 });

export { ensureUserProfile, setUserRole } from "./triggers/users";
export { approveRequest, rejectRequest } from "./triggers/dual-control";
export {
  accountingDay,
  accountingVouchersToFix,
  getAccountingMapping,
  markVoucherBookedByHand,
  syncAccountingNightly,
  syncAccountingNow,
  updateAccountingMapping,
  voucherSpecification,
  voucherSpecificationCsv,
} from "./triggers/accounting";
export { fortnoxConnectClientCredentials, fortnoxConnectUrl, fortnoxDisconnect, fortnoxOAuthCallback, fortnoxStatus } from "./triggers/fortnox";
export { checkoutReturn, createCheckoutSession, createPaymentIntent, createSubscriptionIntent } from "./triggers/checkout";
export { purchaseReceipt } from "./triggers/receipts";
export { stripeConnectWebhook, stripeWebhook } from "./triggers/stripe-webhook";
export { processStripeEventOnCreate, retryFailedStripeEvents } from "./triggers/stripe-events";
export { cancelSubscription, refundPayment, retryStripeEvent } from "./triggers/payments-admin";
export { coachDashboardLink, startCoachOnboarding } from "./triggers/connect";
export { approvePayout, cancelPayoutRequest, payableNow, payoutCoach, rejectPayout, requestPayout, retryPayout, runWeeklyPayoutNow, weeklyPayoutRun } from "./triggers/payouts";
export { reconcileBalances, releaseHolds } from "./triggers/holds";
export { saveProgram } from "./triggers/catalogue";
export { dayBookingsCsv, exportCsv, monthlyReport, rebuildRollups, revenueReport } from "./triggers/reports";
export { getSettings, updateSettings } from "./triggers/settings";
export { markNotificationsRead, notifyOnCoachChange, notifyOnDisputeChange, notifyOnPayoutChange } from "./triggers/notifications";
export { acknowledgeAlert, alertOnJobChange, alertOnPayoutFailed, alertOnStuckJobs } from "./triggers/alerts";
export { exportSie } from "./triggers/sie";
export { runExport, startExport } from "./triggers/exports";
export { booksReconciliations, reconcileBooksDaily, reconcileBooksNow } from "./triggers/reconciliation";
export { issueStatementOnPaid, myPayoutStatements, payoutStatement, payoutStatementPdf } from "./triggers/statements";
