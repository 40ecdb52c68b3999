/**
 * Ledger account ids. Accounts are plain strings so they can be Firestore field names and log
 * fields; the currency is not part of the id because every entry carries one currency and
 * balances are always kept per (account, currency).
 *
 * Exports: COACH_BUCKETS, CoachBucket, coachAccount, PLATFORM_ACCOUNTS, PlatformAccount,
 * AccountId, parseAccount, ParsedAccount.
 *
 * Sign convention (see ledger-entries.ts): posting amount > 0 is a debit, < 0 a credit.
 *
 * | account                    | normal | what it holds                                     |
 * |----------------------------|--------|---------------------------------------------------|
 * | coach:{uid}:held           | credit | coach share not yet free (hold days, BAS 2890)    |
 * | coach:{uid}:available      | credit | coach share that may be paid out; may go negative |
 * |                            |        | after refunds/disputes, netted by later sales     |
 * | coach:{uid}:in_payout      | credit | reserved for a payout sent to Stripe (pending)    |
 * | coach:{uid}:paid           | credit | cumulative money that left to the coach's bank;   |
 * |                            |        | a contra-cash account, so the coach's whole story |
 * |                            |        | stays inside the ledger and sums to zero          |
 * | platform:stripe_balance    | debit  | what Stripe owes the platform (clearing, 1580)    |
 * | platform:fees              | credit | platform fee incl. VAT on program sales           |
 * | platform:subscriptions     | credit | subscription revenue incl. VAT                    |
 * | platform:disputes          | debit  | platform's part of funds Stripe withdrew for an   |
 * |                            |        | open dispute (suspense until won or lost)         |
 * | platform:bank              | debit  | platform's own Stripe payouts to its bank (1930)  |
 * | stripe:fees                | debit  | Stripe processing fees (expense, 6570)            |
 * | stripe:dispute_fees        | debit  | Stripe dispute fees (expense, 6570)               |
 * | platform:fx                | debit  | exchange differences: what Stripe debited or      |
 * |                            |        | returned at today's rate vs the sale's own rate   |
 * |                            |        | (debit = loss 7960, credit = gain 3960)           |
 *
 * VAT is not split in the ledger: it is a bookkeeping view the accountant configures
 * (accounting.ts), and keeping fees VAT-inclusive here matches what Stripe reports.
 */
import { invalidInput } from "./errors";

export const COACH_BUCKETS = ["held", "available", "in_payout", "paid"] as const;
export type CoachBucket = (typeof COACH_BUCKETS)[number];

export const PLATFORM_ACCOUNTS = [
  "platform:stripe_balance",
  "platform:fees",
  "platform:subscriptions",
  "platform:disputes",
  "platform:bank",
  "stripe:fees",
  "stripe:dispute_fees",
  "platform:fx",
] as const;
export type PlatformAccount = (typeof PLATFORM_ACCOUNTS)[number];

export type AccountId = PlatformAccount | `coach:${string}:${CoachBucket}`;

/** Coach uids come from Firebase Auth (no ":"), which keeps the id parseable. */
export function coachAccount(uid: string, bucket: CoachBucket): AccountId {
  if (uid.length === 0 || uid.includes(":") || uid.includes("/")) {
    throw invalidInput(
      "coachId",
      `must be a non-empty id without ':' or '/', got ${JSON.stringify(uid)}`,
    );
  }
  return `coach:${uid}:${bucket}`;
}

export type ParsedAccount =
  | { kind: "coach"; coachId: string; bucket: CoachBucket }
  | { kind: "platform"; account: PlatformAccount };

export function parseAccount(id: string): ParsedAccount {
  if ((PLATFORM_ACCOUNTS as readonly string[]).includes(id)) {
    return { kind: "platform", account: id as PlatformAccount };
  }
  const parts = id.split(":");
  const [prefix, coachId, bucket] = parts;
  if (
    parts.length === 3 &&
    prefix === "coach" &&
    coachId &&
    (COACH_BUCKETS as readonly string[]).includes(bucket ?? "")
  ) {
    return { kind: "coach", coachId, bucket: bucket as CoachBucket };
  }
  throw invalidInput("account", `unknown ledger account ${JSON.stringify(id)}`);
}
