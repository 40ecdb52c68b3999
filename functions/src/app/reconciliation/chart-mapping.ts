/**
 * The accountant's BAS mapping as the reconciliation reads it: which chart account each
 * ledger account lands on. Mirrors the sync's mapping rule (same BasMapping fields, same
 * VAT-inclusive revenue accounts) without importing the booking engine's internals, so
 * that a change there shows up here as a difference, not as silent agreement.
 */
import type { BasMapping } from "../../domain/accounting";
import { invalidInput } from "../../domain/errors";
import { parseAccount } from "../../domain/ledger-accounts";
import type { BasTarget, ChartMapping } from "./books-figures";

/** Ledger account for exchange-rate differences (booked by the payments code); netted to gain or loss. */
const FX_ACCOUNT = "platform:fx";
const DEFAULT_EXCHANGE = { gain: 3960, loss: 7960 };

export function chartMappingOf(mapping: BasMapping): ChartMapping {
  const extra = mapping as BasMapping & { exchangeGain?: number; exchangeLoss?: number };
  const target = (ledgerAccount: string, amount = 0): BasTarget => {
    if (ledgerAccount === FX_ACCOUNT) return { account: amount > 0 ? (extra.exchangeLoss ?? DEFAULT_EXCHANGE.loss) : (extra.exchangeGain ?? DEFAULT_EXCHANGE.gain), vatInclusive: false, nettedPerVoucher: true };
    const a = parseAccount(ledgerAccount);
    if (a.kind === "coach") return { account: a.bucket === "paid" ? mapping.coachPaid : mapping.coachLiability, vatInclusive: false };
    // Compared as a string: the list of platform accounts grows (platform:fx) and an unknown one must fail loudly.
    const name: string = a.account;
    switch (name) {
      case "platform:stripe_balance":
        return { account: mapping.clearing, vatInclusive: false };
      case "platform:fees":
        return { account: mapping.commissionRevenue, vatInclusive: true };
      case "platform:subscriptions":
        return { account: mapping.subscriptionRevenue, vatInclusive: true };
      case "platform:disputes":
        return { account: mapping.disputeSuspense, vatInclusive: false };
      case "platform:bank":
        return { account: mapping.bank, vatInclusive: false };
      case "stripe:fees":
      case "stripe:dispute_fees":
        return { account: mapping.paymentFees, vatInclusive: false };
      default:
        throw invalidInput("account", `ledger account ${name} has no place in the BAS mapping`);
    }
  };
  return {
    target,
    outputVat: mapping.outputVat,
    vatBps: mapping.vatBps,
    clearing: mapping.clearing,
    coachLiability: mapping.coachLiability,
    paymentFees: mapping.paymentFees,
  };
}
