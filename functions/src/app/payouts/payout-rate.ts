/**
 * How fast payout tasks leave the queue. Stripe allows 100 requests/s in live mode; the run
 * makes one Stripe call per coach, so 90/s keeps the run near that bound (the benchmark's
 * ratio) while leaving a tenth of the budget to checkouts and webhooks' reads meanwhile.
 */
export const PAYOUT_TASKS_PER_SECOND = 90;
export const PAYOUT_TASKS_CONCURRENT = 50;
