/**
 * How fast payout tasks leave the queue. Each task makes one Stripe call, POST /v1/payouts,
 * and Stripe limits every endpoint to 25 requests/s by default within the account's global
 * 100/s (docs.stripe.com/rate-limits). 24/s keeps the run just under the endpoint's limit, so
 * a 429 is the exception rather than the pace, and leaves the rest of the global budget to
 * checkouts, refunds and webhooks' reads meanwhile.
 */
export const PAYOUT_TASKS_PER_SECOND = 24;
export const PAYOUT_TASKS_CONCURRENT = 50;
