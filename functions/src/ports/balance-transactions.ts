/**
 * Stripe's own record of money, read for the three-way reconciliation: balance
 * transactions, balances and payouts still on their way, of the platform (accountId null)
 * and of each connected account. Amounts in minor units; times epoch ms.
 */
import type { Currency } from "../domain/money";

export interface StripeBalanceTxn {
  id: string;
  /** null for the platform's own balance. */
  accountId: string | null;
  type: string;
  currency: Currency;
  amount: number;
  net: number;
  /** Stripe's processing fees in it (fee_details of type stripe_fee), not application fees. */
  stripeFee: number;
  createdMs: number;
}

export interface StripePayoutInFlight {
  id: string;
  accountId: string | null;
  currency: Currency;
  amount: number;
  createdMs: number;
  /** Stripe's status now: pending, in_transit, paid, failed, canceled. */
  status: string;
  /** When it arrives (or arrived) at the bank. */
  arrivalMs: number;
}

export interface BalanceTransactionReader {
  /** Every balance transaction created at or after `sinceMs`, all pages, newest first. */
  transactionsSince(accountId: string | null, sinceMs: number): Promise<StripeBalanceTxn[]>;
  /** available + pending per currency, now. */
  balance(accountId: string | null): Promise<Partial<Record<Currency, number>>>;
  /** Payouts created at or after `sinceMs`, or still pending or in transit whenever created. */
  recentPayouts(accountId: string | null, sinceMs: number): Promise<StripePayoutInFlight[]>;
}
