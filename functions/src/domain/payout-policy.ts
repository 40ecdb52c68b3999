/**
 * Whether a coach is due a payout in a currency, and whether a coach's own request may pass.
 *
 * Exports: DEFAULT_PAYOUT_MINIMUMS, payoutMinimum, PayoutAccountState, PayoutDecision,
 * PayoutSkipReason, skipReasonText, decidePayout, validatePayoutRequest, requiredApprovalsFor.
 *
 * Why min(ledger available, Stripe available): the ledger says what the coach is owed, Stripe
 * what can actually leave the connected account now; asking Stripe for more fails the payout
 * and churns money through in_payout for nothing.
 */
import type { CoachBalance } from "./balances";
import { assertMinorUnits, moneyText, parseCurrency, type Currency, type Money } from "./money";
import { DomainError, invalidInput } from "./errors";

/** Minor units: 100 kr, 25 EUR/USD (the API marketplace's $25), 100 NOK/DKK. */
export const DEFAULT_PAYOUT_MINIMUMS: Readonly<Record<Currency, number>> = {
  sek: 10_000,
  eur: 2_500,
  usd: 2_500,
  nok: 10_000,
  dkk: 10_000,
};

/** Coach override first, then settings per currency, then the defaults above. */
export function payoutMinimum(
  currency: Currency,
  settings?: Partial<Record<Currency, number>>,
  coachOverride?: number | null,
): number {
  const value = coachOverride ?? settings?.[currency] ?? DEFAULT_PAYOUT_MINIMUMS[currency];
  assertMinorUnits(value, "minimum");
  if (value < 1) throw invalidInput("minimum", "must be at least 1 minor unit");
  return value;
}

/** The connected account as `account.updated` last described it; null when none exists yet. */
export interface PayoutAccountState {
  /** Stripe `details_submitted`: the coach finished onboarding. */
  detailsSubmitted: boolean;
  payoutsEnabled: boolean;
  /** Stripe `requirements.disabled_reason`, shown to the coach when set. */
  disabledReason?: string | null;
}

export type PayoutSkipReason =
  | "onboarding_incomplete"
  | "account_restricted"
  | "payout_open"
  | "negative_balance"
  | "nothing_available"
  | "below_minimum";

export type PayoutDecision =
  { due: true; amount: Money } | { due: false; reason: PayoutSkipReason; message: string };

const TEXT: Readonly<Record<PayoutSkipReason, string>> = {
  onboarding_incomplete:
    "Onboarding incomplete: the coach has not finished setting up payouts with Stripe.",
  account_restricted: "Account restricted: Stripe has disabled payouts on the coach's account.",
  payout_open: "A payout is already open for this coach and currency.",
  negative_balance:
    "Negative balance: refunds or disputes exceed earnings; later sales net it off first.",
  nothing_available: "Nothing available to pay out yet.",
  below_minimum: "Below the minimum payout amount.",
};

export function skipReasonText(reason: PayoutSkipReason, detail?: string): string {
  return detail ? `${TEXT[reason]} (${detail})` : TEXT[reason];
}

export interface PayoutPolicyInput {
  balance: CoachBalance;
  account: PayoutAccountState | null;
  /** Resolved with payoutMinimum. */
  minimum: number;
  /** The connected account's Stripe available balance in this currency, if known. */
  stripeAvailable?: number | null;
  openPayout: boolean;
}

const skip = (reason: PayoutSkipReason, detail?: string): PayoutDecision => ({
  due: false,
  reason,
  message: skipReasonText(reason, detail),
});

/**
 * The weekly run's decision. Checks run from "cannot pay at all" to "not worth paying", so
 * the reason shown is the one the coach must fix first.
 */
export function decidePayout(input: PayoutPolicyInput): PayoutDecision {
  const { balance, account } = input;
  if (!account || !account.detailsSubmitted) return skip("onboarding_incomplete");
  if (!account.payoutsEnabled)
    return skip("account_restricted", account.disabledReason ?? undefined);
  if (input.openPayout) return skip("payout_open");
  if (balance.available < 0) return skip("negative_balance", `available ${moneyText(balance.available, balance.currency)}`);
  const stripe = input.stripeAvailable ?? Number.POSITIVE_INFINITY;
  const amount = Math.min(balance.available, Math.max(stripe, 0));
  if (amount <= 0) return skip("nothing_available");
  if (amount < input.minimum) return skip("below_minimum", `${moneyText(amount, balance.currency)} < ${moneyText(input.minimum, balance.currency)}`);
  return { due: true, amount: { amount, currency: balance.currency } };
}

export interface PayoutRequestInput {
  amount: unknown;
  currency: unknown;
  balance: CoachBalance;
  account: PayoutAccountState | null;
  minimum: number;
  openPayout: boolean;
  stripeAvailable?: number | null;
}

/**
 * An amount the coach must change: the field-prefixed message for logs, and details (a reason
 * code and the amounts in minor units) from which the web app writes the sentence in the
 * coach's language, e.g. "Beloppet är större än ditt tillgängliga saldo (1 350,30 kr)."
 */
const refusedAmount = (message: string, details: Record<string, unknown>): DomainError => new DomainError("invalid_input", `amount: ${message}`, "amount", details);

/**
 * A coach's own request. Throws DomainError naming the field: invalid_input for the amount and
 * currency (the coach can fix them), precondition for the account, conflict for a second
 * open request. Returns the validated amount.
 */
export function validatePayoutRequest(input: PayoutRequestInput): Money {
  const currency = parseCurrency(input.currency, "currency");
  if (currency !== input.balance.currency)
    throw invalidInput("currency", `no balance in ${currency} for this request`);
  assertMinorUnits(input.amount, "amount");
  const amount = input.amount;
  if (amount <= 0) throw refusedAmount("must be greater than 0", { reason: "amount_not_positive" });
  if (!input.account || !input.account.detailsSubmitted) {
    throw new DomainError("precondition", skipReasonText("onboarding_incomplete"), "account");
  }
  if (!input.account.payoutsEnabled) {
    throw new DomainError(
      "precondition",
      skipReasonText("account_restricted", input.account.disabledReason ?? undefined),
      "account",
    );
  }
  if (input.openPayout) throw new DomainError("conflict", skipReasonText("payout_open"), "payout");
  if (amount > input.balance.available) {
    throw refusedAmount(`${moneyText(amount, currency)} exceeds the available balance ${moneyText(Math.max(input.balance.available, 0), currency)}`, {
      reason: "exceeds_balance",
      available: Math.max(input.balance.available, 0),
      currency,
    });
  }
  if (input.stripeAvailable != null && amount > input.stripeAvailable) {
    throw refusedAmount(`${moneyText(amount, currency)} exceeds what Stripe can pay out now (${moneyText(Math.max(input.stripeAvailable, 0), currency)})`, {
      reason: "exceeds_stripe_available",
      available: Math.max(input.stripeAvailable, 0),
      currency,
    });
  }
  if (amount < input.minimum)
    throw refusedAmount(`${moneyText(amount, currency)} is below the minimum payout ${moneyText(input.minimum, currency)}`, { reason: "below_minimum", minimum: input.minimum, currency });
  return { amount, currency };
}

/**
 * Separation of duties by amount: above the settings' second-approval amount for the currency
 * a payout needs two admins (strictly above: a payout of exactly the amount needs one).
 */
export function requiredApprovalsFor(amount: number, currency: Currency, secondApprovalAbove: Partial<Record<Currency, number>> | undefined): 1 | 2 {
  const limit = secondApprovalAbove?.[currency];
  return limit !== undefined && amount > limit ? 2 : 1;
}
