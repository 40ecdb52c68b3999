/**
 * Only Cloud Scheduler (with the function's own service account) may invoke the scheduled
 * runs: said explicitly rather than left to each trigger type's default, since a public
 * scheduled run would let anyone on the internet start payouts or syncs. (For onSchedule the
 * SDK does not put it in the manifest: scheduled functions are deployed with no invoker binding
 * at all and called by Cloud Scheduler with an OIDC token; it is stated for the reader, and so
 * that a copy-paste into an onRequest stays private.) Task queues name instead the one account
 * that enqueues their tasks (run-as.ts `taskInvoker`).
 */
export const PRIVATE = "private" as const;
