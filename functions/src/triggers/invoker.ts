/**
 * Only Cloud Scheduler and Cloud Tasks (with the project's service account) may invoke the
 * scheduled runs and task queues: said explicitly rather than left to each trigger type's
 * default, since a public payoutCoach would let anyone on the internet ask Kassa to pay a
 * coach. (For onSchedule the SDK does not put it in the manifest: scheduled functions are
 * deployed with no invoker binding at all and called by Cloud Scheduler with an OIDC token;
 * it is stated for the reader, and so that a copy-paste into an onRequest stays private.)
 */
export const PRIVATE = "private" as const;
