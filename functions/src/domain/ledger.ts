/**
 * Ledger entry builders: one pure function per money movement, each returning a balanced
 * entry (or null when there is nothing to book) with a deterministic id.
 *
 * Exports: RefundPolicy, DEFAULT_REFUND_POLICY, programSaleEntry, subscriptionPaymentEntry,
 * stripeFeeEntry, holdReleaseEntry, refundEntry, disputeCreatedEntry, disputeWonEntry,
 * disputeLostEntry, settledRefundEntry, disputeExcessEntry, platformPayoutFailedEntry,
 * payoutReserveEntry, payoutPaidEntry, payoutFailedEntry,
 * payoutReturnedEntry, platformPayoutEntry.
 *
 * Sign convention: posting > 0 debit, < 0 credit (ledger-entries.ts); accounts in
 * ledger-accounts.ts. Ids: `${stripeId}:${step}` for Stripe-caused entries
 * (pi_1:capture, txn_1:stripe_fee, re_1:refund, dp_1:dispute|dispute_won|dispute_lost,
 * po_1:platform_paid) and `${paymentId}:hold_release`. Coach payout steps use the Kassa payout
 * id (`${payoutId}:reserve|paid|failed|returned`) because the reserve is written *before*
 * the Stripe payout exists; its id is the idempotency key sent to Stripe.
 *
 * Payouts are two-phase like a TigerBeetle pending transfer: reserve (available -> in_payout),
 * then post (in_payout -> paid) or void (in_payout -> available).
 */
import type { CoachBalance } from "./balances";
import { coachAccount, parseAccount, type AccountId } from "./ledger-accounts";
import {
  assertBalanced,
  entryId,
  ENTRY_FLOW,
  type EntryKind,
  type EntryRefs,
  type LedgerEntry,
  type Posting,
} from "./ledger-entries";
import { assertMinorUnits, type Currency, type Money } from "./money";
import { mulDivHalfUp } from "./fee-split";
import { refundableAmount, type PaymentPosition } from "./payment-position";
import { DomainError, invalidInput } from "./errors";

/**
 * How a refund or dispute splits between platform and coach.
 * - "proportional": the platform gives back its fee in proportion (Stripe's
 *   `refund_application_fee`), computed on cumulative amounts so that partial refunds that
 *   add up to the whole reverse exactly the whole fee.
 * - "none": the platform keeps its fee and the coach bears the reversal, up to the coach's
 *   share; any rest falls on the platform so no party gives back more than it received.
 */
export interface RefundPolicy {
  feeReversal: "proportional" | "none";
}
export const DEFAULT_REFUND_POLICY: RefundPolicy = { feeReversal: "proportional" };

interface Common {
  occurredAt: number;
}

function build(
  id: string,
  kind: EntryKind,
  currency: Currency,
  legs: readonly (readonly [AccountId, number])[],
  occurredAt: number,
  refs: EntryRefs,
): LedgerEntry {
  const postings: Posting[] = legs
    .filter(([, amount]) => amount !== 0)
    .map(([account, amount]) => ({ account, amount }));
  const entry: LedgerEntry = {
    id,
    kind,
    currency,
    postings,
    occurredAt,
    refs,
    flow: ENTRY_FLOW[kind],
  };
  assertBalanced(entry);
  return entry;
}

function positive(m: Money, field: string): number {
  assertMinorUnits(m.amount, field);
  if (m.amount <= 0) throw invalidInput(field, "must be greater than 0");
  return m.amount;
}

function nonNegative(amount: number, field: string): number {
  assertMinorUnits(amount, field);
  if (amount < 0) throw invalidInput(field, "must not be negative");
  return amount;
}

function sameCurrency(expected: Currency, m: Money, field: string): void {
  if (m.currency !== expected)
    throw invalidInput(field, `currency ${m.currency} does not match ${expected}`);
}

/** Customer paid a program: gross into the clearing account, fee to the platform, share held. */
export function programSaleEntry(
  input: Common & {
    paymentId: string;
    coachId: string;
    gross: Money;
    fee: Money;
    stripeObjectId?: string;
    original?: EntryRefs["original"];
  },
): LedgerEntry {
  const gross = positive(input.gross, "gross");
  sameCurrency(input.gross.currency, input.fee, "fee");
  const fee = nonNegative(input.fee.amount, "fee");
  if (fee > gross) throw invalidInput("fee", "must not exceed the gross amount");
  return build(
    entryId(input.paymentId, "capture"),
    "program_sale",
    input.gross.currency,
    [
      ["platform:stripe_balance", gross],
      [coachAccount(input.coachId, "held"), -(gross - fee)],
      ["platform:fees", -fee],
    ],
    input.occurredAt,
    {
      paymentId: input.paymentId,
      coachId: input.coachId,
      stripeObjectId: input.stripeObjectId ?? input.paymentId,
      ...(input.original ? { original: input.original } : {}),
    },
  );
}

/** Premium subscription: platform-only revenue, no coach involved. */
export function subscriptionPaymentEntry(
  input: Common & {
    paymentId: string;
    gross: Money;
    stripeObjectId?: string;
    original?: EntryRefs["original"];
  },
): LedgerEntry {
  const gross = positive(input.gross, "gross");
  return build(
    entryId(input.paymentId, "capture"),
    "subscription_payment",
    input.gross.currency,
    [
      ["platform:stripe_balance", gross],
      ["platform:subscriptions", -gross],
    ],
    input.occurredAt,
    {
      paymentId: input.paymentId,
      stripeObjectId: input.stripeObjectId ?? input.paymentId,
      ...(input.original ? { original: input.original } : {}),
    },
  );
}

/**
 * Stripe's processing fee, as read from the balance transaction (never computed: Stripe's
 * pricing differs by card and country). `sourceId` is the balance transaction id. Null for a
 * zero fee.
 */
export function stripeFeeEntry(
  input: Common & { sourceId: string; fee: Money; paymentId?: string },
): LedgerEntry | null {
  const fee = nonNegative(input.fee.amount, "fee");
  if (fee === 0) return null;
  return build(
    entryId(input.sourceId, "stripe_fee"),
    "stripe_fee",
    input.fee.currency,
    [
      ["stripe:fees", fee],
      ["platform:stripe_balance", -fee],
    ],
    input.occurredAt,
    { ...(input.paymentId ? { paymentId: input.paymentId } : {}), stripeObjectId: input.sourceId },
  );
}

function requireCoach(position: PaymentPosition): string {
  if (!position.coachId)
    throw new DomainError("precondition", `payment ${position.paymentId} has no coach`, "coachId");
  return position.coachId;
}

/** Hold ended: whatever of this payment's share is still held becomes available. Null if none. */
export function holdReleaseEntry(
  input: Common & { position: PaymentPosition },
): LedgerEntry | null {
  const { position } = input;
  if (position.kind !== "program" || position.heldCoach <= 0) return null;
  const coachId = requireCoach(position);
  return build(
    entryId(position.paymentId, "hold_release"),
    "hold_release",
    position.currency,
    [
      [coachAccount(coachId, "held"), position.heldCoach],
      [coachAccount(coachId, "available"), -position.heldCoach],
    ],
    input.occurredAt,
    { paymentId: position.paymentId, coachId },
  );
}

interface Reversal {
  platform: number;
  fromHeld: number;
  fromAvailable: number;
}

/** Splits `amount` of a reversal between platform and coach, coach part from held first. */
function reversal(position: PaymentPosition, amount: number, policy: RefundPolicy): Reversal {
  const coachLeft = position.coachShare - position.reversedCoach;
  const platformLeft = position.platformPart - position.reversedPlatform;
  const lowest = Math.max(0, amount - coachLeft);
  const highest = Math.min(amount, platformLeft);
  const wanted =
    policy.feeReversal === "proportional"
      ? mulDivHalfUp(position.platformPart, position.reversedGross + amount, position.gross) -
        position.reversedPlatform
      : 0;
  const platform = Math.min(highest, Math.max(lowest, wanted));
  const coach = amount - platform;
  const fromHeld = Math.min(coach, Math.max(0, position.heldCoach));
  return { platform, fromHeld, fromAvailable: coach - fromHeld };
}

function reversalAmount(position: PaymentPosition, m: Money, field: string): number {
  const amount = positive(m, field);
  sameCurrency(position.currency, m, field);
  const refundable = refundableAmount(position);
  if (amount > refundable) {
    throw invalidInput(
      field,
      `${amount} exceeds what is left to reverse on payment ${position.paymentId} (${refundable})`,
    );
  }
  return amount;
}

function coachLegs(position: PaymentPosition, r: Reversal): [AccountId, number][] {
  if (r.fromHeld === 0 && r.fromAvailable === 0) return [];
  const coachId = requireCoach(position);
  return [
    [coachAccount(coachId, "held"), r.fromHeld],
    [coachAccount(coachId, "available"), r.fromAvailable],
  ];
}

const revenueAccount = (p: PaymentPosition): AccountId =>
  p.kind === "program" ? "platform:fees" : "platform:subscriptions";

const paymentRefs = (p: PaymentPosition, stripeObjectId: string): EntryRefs => ({
  paymentId: p.paymentId,
  ...(p.coachId ? { coachId: p.coachId } : {}),
  stripeObjectId,
});

/**
 * Full or partial refund `refundId` (re_...). The coach's part comes out of this payment's
 * held share first, then `available`, which may go negative and is netted by later sales.
 * Throws if the amount exceeds what is left of the payment.
 */
export function refundEntry(
  input: Common & {
    refundId: string;
    position: PaymentPosition;
    amount: Money;
    policy?: RefundPolicy;
  },
): LedgerEntry {
  const { position } = input;
  const amount = reversalAmount(position, input.amount, "amount");
  const r = reversal(position, amount, input.policy ?? DEFAULT_REFUND_POLICY);
  return build(
    entryId(input.refundId, "refund"),
    "refund",
    position.currency,
    [
      ["platform:stripe_balance", -amount],
      ...coachLegs(position, r),
      [revenueAccount(position), r.platform],
    ],
    input.occurredAt,
    paymentRefs(position, input.refundId),
  );
}

/**
 * A refund booked as Stripe moved the money, in the currency the platform settled in:
 * `settled` left the platform's balance (the refund's balance transaction), `coach` came back
 * from the coach's account (the transfer reversal net of any application fee refund, valued
 * at the refund's rate) and `platform` is the platform's own part valued at the sale's rate.
 * What is left between them is an exchange difference (0 when nothing was converted).
 * The coach's part comes out of this payment's held share first, then available.
 */
export function settledRefundEntry(
  input: Common & {
    refundId: string;
    position: PaymentPosition;
    settled: Money;
    coach: number;
    platform: number;
    original?: EntryRefs["original"];
  },
): LedgerEntry {
  const { position } = input;
  const settled = positive(input.settled, "settled");
  sameCurrency(position.currency, input.settled, "settled");
  const coach = nonNegative(input.coach, "coach");
  const platform = nonNegative(input.platform, "platform");
  if (coach > 0) requireCoach(position);
  const fromHeld = Math.min(coach, Math.max(0, position.heldCoach));
  return build(
    entryId(input.refundId, "refund"),
    "refund",
    position.currency,
    [
      ["platform:stripe_balance", -settled],
      ...coachLegs(position, { platform, fromHeld, fromAvailable: coach - fromHeld }),
      [revenueAccount(position), platform],
      ["platform:fx", settled - coach - platform],
    ],
    input.occurredAt,
    {
      ...paymentRefs(position, input.refundId),
      ...(input.original ? { original: input.original } : {}),
    },
  );
}

/**
 * A booked refund that Stripe later reports failed (the bank could not pay the customer): the
 * money is back on the platform's balance, so the refund entry is undone exactly. The coach's
 * part goes back to `available`, not `held` (the hold it came from may be over), and is sent
 * back to the coach's account by the caller, because Stripe leaves the transfer reversal in
 * place.
 */
export function refundFailedEntry(input: Common & { refund: LedgerEntry }): LedgerEntry {
  const { refund } = input;
  if (refund.kind !== "refund") throw invalidInput("refund", `entry ${refund.id} is not a refund`);
  const byAccount = new Map<AccountId, number>();
  for (const p of refund.postings) {
    const parsed = parseAccount(p.account);
    const account: AccountId =
      parsed.kind === "coach" ? coachAccount(parsed.coachId, "available") : parsed.account;
    byAccount.set(account, (byAccount.get(account) ?? 0) - p.amount);
  }
  return build(
    entryId(refund.refs.stripeObjectId ?? refund.id.replace(/:refund$/, ""), "refund_failed"),
    "refund",
    refund.currency,
    [...byAccount.entries()],
    input.occurredAt,
    { ...refund.refs },
  );
}

/**
 * Money Stripe withdrew for a dispute beyond what was left of the sale (a dispute after a
 * refund: the customer is paid back twice). It is the platform's cost, booked with the
 * dispute fees; `returned` books Stripe giving it back when the dispute is won.
 */
export function disputeExcessEntry(
  input: Common & {
    disputeId: string;
    position: PaymentPosition;
    amount: Money;
    returned: boolean;
  },
): LedgerEntry {
  const amount = positive(input.amount, "amount");
  sameCurrency(input.position.currency, input.amount, "amount");
  const sign = input.returned ? -1 : 1;
  return build(
    entryId(input.disputeId, input.returned ? "dispute_excess_returned" : "dispute_excess"),
    "dispute_excess",
    input.position.currency,
    [
      ["platform:stripe_balance", -sign * amount],
      ["stripe:dispute_fees", sign * amount],
    ],
    input.occurredAt,
    paymentRefs(input.position, input.disputeId),
  );
}

/**
 * Dispute opened: Stripe withdraws the disputed amount and its dispute fee from the platform.
 * The coach's part is taken back at once (held first) so it cannot be paid out while the
 * dispute is open; the platform's part waits in `platform:disputes` until the outcome.
 */
export function disputeCreatedEntry(
  input: Common & {
    disputeId: string;
    position: PaymentPosition;
    /** What is reversed of the sale, valued as the sale was booked. */
    amount: Money;
    disputeFee: Money;
    policy?: RefundPolicy;
    /**
     * A converted charge: what Stripe withdrew for `amount` (the dispute's balance transaction)
     * and what it takes back from the coach's account (the transfer reversal at the dispute's
     * rate), both in the ledger's currency. The rest between them and the sale's values is an
     * exchange difference. Absent: nothing was converted, both are `amount`'s own split.
     */
    settled?: { withdrawn: number; coach: number };
  },
): LedgerEntry {
  const { position } = input;
  const amount = reversalAmount(position, input.amount, "amount");
  sameCurrency(position.currency, input.disputeFee, "disputeFee");
  const fee = nonNegative(input.disputeFee.amount, "disputeFee");
  const r = reversal(position, amount, input.policy ?? DEFAULT_REFUND_POLICY);
  const withdrawn = input.settled ? nonNegative(input.settled.withdrawn, "settled.withdrawn") : amount;
  const coach = input.settled ? nonNegative(input.settled.coach, "settled.coach") : r.fromHeld + r.fromAvailable;
  if (coach > 0) requireCoach(position);
  const fromHeld = Math.min(coach, Math.max(0, position.heldCoach));
  return build(
    entryId(input.disputeId, "dispute"),
    "dispute_created",
    position.currency,
    [
      ["platform:stripe_balance", -(withdrawn + fee)],
      ["stripe:dispute_fees", fee],
      ...coachLegs(position, { platform: r.platform, fromHeld, fromAvailable: coach - fromHeld }),
      ["platform:disputes", r.platform],
      ["platform:fx", withdrawn - coach - r.platform],
    ],
    input.occurredAt,
    paymentRefs(position, input.disputeId),
  );
}

function disputedParts(created: LedgerEntry): {
  coachId?: string;
  coach: number;
  platform: number;
  fee: number;
} {
  if (created.kind !== "dispute_created")
    throw invalidInput("created", `entry ${created.id} is not a dispute_created entry`);
  let coach = 0;
  let platform = 0;
  let fee = 0;
  for (const p of created.postings) {
    if (p.account.startsWith("coach:")) coach += p.amount;
    else if (p.account === "platform:disputes") platform += p.amount;
    else if (p.account === "stripe:dispute_fees") fee += p.amount;
  }
  return {
    ...(created.refs.coachId ? { coachId: created.refs.coachId } : {}),
    coach,
    platform,
    fee,
  };
}

function disputeId(created: LedgerEntry): string {
  return created.refs.stripeObjectId ?? created.id.slice(0, created.id.lastIndexOf(":"));
}

/**
 * Dispute won: Stripe returns the disputed amount (and, where it does, the dispute fee, as
 * read from the balance transaction). The coach's part goes back to `available`: the hold
 * exists to wait out early refunds, and a won dispute has been decided.
 */
export function disputeWonEntry(
  input: Common & {
    created: LedgerEntry;
    feeReturned?: Money;
    reinstated?: Money;
    /** A converted charge: what the transfer back gives the coach's account, at today's rate. */
    coachReturned?: number;
  },
): LedgerEntry {
  const parts = disputedParts(input.created);
  if (input.reinstated) sameCurrency(input.created.currency, input.reinstated, "reinstated");
  const coach = input.coachReturned === undefined ? parts.coach : nonNegative(input.coachReturned, "coachReturned");
  // What Stripe returned beyond what goes back to the coach and the platform's suspended part
  // is an exchange difference (a converted charge comes back at today's rate); 0 when nothing
  // was converted.
  // 0 is possible: a converted charge's reinstatement can all go to what was beyond the sale.
  const back = input.reinstated ? nonNegative(input.reinstated.amount, "reinstated") : parts.coach + parts.platform;
  const fx = back - (coach + parts.platform);
  const feeReturned = input.feeReturned ? nonNegative(input.feeReturned.amount, "feeReturned") : 0;
  if (input.feeReturned) sameCurrency(input.created.currency, input.feeReturned, "feeReturned");
  if (feeReturned > parts.fee)
    throw invalidInput("feeReturned", `exceeds the dispute fee withdrawn (${parts.fee})`);
  const coachLegsBack: [AccountId, number][] =
    coach !== 0 && parts.coachId
      ? [[coachAccount(parts.coachId, "available"), -coach]]
      : [];
  const id = disputeId(input.created);
  return build(
    entryId(id, "dispute_won"),
    "dispute_won",
    input.created.currency,
    [
      ["platform:stripe_balance", back + feeReturned],
      ["stripe:dispute_fees", -feeReturned],
      ...coachLegsBack,
      ["platform:disputes", -parts.platform],
      ["platform:fx", -fx],
    ],
    input.occurredAt,
    { ...input.created.refs },
  );
}

/**
 * Dispute lost: the platform's suspended part becomes a reversal of its revenue. The coach's
 * part was already taken when the dispute opened. Null when the platform had no part (policy
 * "none" and a dispute within the coach's share).
 */
export function disputeLostEntry(input: Common & { created: LedgerEntry }): LedgerEntry | null {
  const parts = disputedParts(input.created);
  if (parts.platform === 0) return null;
  return build(
    entryId(disputeId(input.created), "dispute_lost"),
    "dispute_lost",
    input.created.currency,
    [
      // Only program sales have a coach; a subscription's revenue sits on its own account.
      [parts.coachId ? "platform:fees" : "platform:subscriptions", parts.platform],
      ["platform:disputes", -parts.platform],
    ],
    input.occurredAt,
    { ...input.created.refs },
  );
}

interface PayoutInput extends Common {
  payoutId: string;
  coachId: string;
  amount: Money;
  stripePayoutId?: string;
}

function payoutEntry(
  kind: EntryKind,
  step: string,
  input: PayoutInput,
  from: "available" | "in_payout" | "paid",
  to: "available" | "in_payout" | "paid",
): LedgerEntry {
  const amount = positive(input.amount, "amount");
  return build(
    entryId(input.payoutId, step),
    kind,
    input.amount.currency,
    [
      [coachAccount(input.coachId, from), amount],
      [coachAccount(input.coachId, to), -amount],
    ],
    input.occurredAt,
    {
      payoutId: input.payoutId,
      coachId: input.coachId,
      ...(input.stripePayoutId ? { stripeObjectId: input.stripePayoutId } : {}),
    },
  );
}

/**
 * Phase one: available -> in_payout before Stripe is called. Refuses more than `available`
 * so a payout can never spend money the coach does not have. `attempt` > 1 after an admin
 * retry of a failed payout gives the new reserve its own id.
 */
export function payoutReserveEntry(
  input: PayoutInput & { balance: CoachBalance; attempt?: number },
): LedgerEntry {
  if (input.balance.coachId !== input.coachId || input.balance.currency !== input.amount.currency) {
    throw invalidInput("balance", "belongs to another coach or currency");
  }
  const attempt = input.attempt ?? 1;
  if (!Number.isInteger(attempt) || attempt < 1)
    throw invalidInput("attempt", "must be an integer >= 1");
  if (input.amount.amount > input.balance.available) {
    throw new DomainError(
      "precondition",
      `payout of ${input.amount.amount} exceeds the available balance ${input.balance.available}`,
      "amount",
    );
  }
  return payoutEntry(
    "payout_reserve",
    attempt === 1 ? "reserve" : `reserve:${attempt}`,
    input,
    "available",
    "in_payout",
  );
}

/** Phase two, posted: Stripe says paid; the money left to the coach's bank. */
export const payoutPaidEntry = (input: PayoutInput): LedgerEntry =>
  payoutEntry("payout_paid", "paid", input, "in_payout", "paid");

/** Phase two, voided: Stripe says failed before paying; the reserve goes back to available. */
export const payoutFailedEntry = (input: PayoutInput & { attempt?: number }): LedgerEntry =>
  payoutEntry(
    "payout_failed",
    (input.attempt ?? 1) === 1 ? "failed" : `failed:${input.attempt}`,
    input,
    "in_payout",
    "available",
  );

/** A payout Stripe marked paid and the bank later returned (payout.failed after payout.paid). */
export const payoutReturnedEntry = (input: PayoutInput): LedgerEntry =>
  payoutEntry("payout_returned", "returned", input, "paid", "available");

/** The platform's own Stripe payout to its bank account (1930). */
export function platformPayoutEntry(
  input: Common & { stripePayoutId: string; amount: Money },
): LedgerEntry {
  const amount = positive(input.amount, "amount");
  return build(
    entryId(input.stripePayoutId, "platform_paid"),
    "platform_payout",
    input.amount.currency,
    [
      ["platform:bank", amount],
      ["platform:stripe_balance", -amount],
    ],
    input.occurredAt,
    { stripeObjectId: input.stripePayoutId },
  );
}

/**
 * The platform's payout to its bank failed or was cancelled after it left the balance
 * (payout.failed / payout.canceled): Stripe puts the money back on the platform's balance.
 */
export function platformPayoutFailedEntry(
  input: Common & { stripePayoutId: string; amount: Money },
): LedgerEntry {
  const amount = positive(input.amount, "amount");
  return build(
    entryId(input.stripePayoutId, "platform_failed"),
    "platform_payout_failed",
    input.amount.currency,
    [
      ["platform:stripe_balance", amount],
      ["platform:bank", -amount],
    ],
    input.occurredAt,
    { stripeObjectId: input.stripePayoutId },
  );
}
