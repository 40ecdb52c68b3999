/**
 * Which BAS account each ledger account books to, and the VAT rate on platform revenue.
 * Defaults per fortnox.md, for the accountant to confirm or change in settings. Several ledger
 * accounts may share one BAS account (coachPaid and clearing are both 1580 by default).
 */
import { invalidInput } from "./errors";
import { parseAccount } from "./ledger-accounts";

export interface BasMapping {
  /** platform:stripe_balance: card receivables at Stripe (1580). */
  clearing: number;
  /** coach held/available/in_payout: liability to coaches (2890). */
  coachLiability: number;
  /** coach paid: the coach's money leaving Stripe to the coach (1580: out of the clearing). */
  coachPaid: number;
  /** platform:fees, excl. VAT: commission revenue (3041). */
  commissionRevenue: number;
  /** platform:subscriptions, excl. VAT (3041). */
  subscriptionRevenue: number;
  /** Output VAT on commission and subscriptions (2611). */
  outputVat: number;
  /** VAT rate in basis points on platform revenue: one of VAT_RATES_BPS (Swedish rates). */
  vatBps: number;
  /** stripe:fees and stripe:dispute_fees: bank and payment fees (6570). */
  paymentFees: number;
  /** platform:disputes: funds withdrawn for an open dispute, still a claim on Stripe (1580). */
  disputeSuspense: number;
  /** platform:bank: the platform's bank account (1930). */
  bank: number;
  /** platform:fx when it nets to a credit on a voucher: exchange-rate gains (3960). */
  exchangeGain: number;
  /** platform:fx when it nets to a debit on a voucher: exchange-rate losses (7960). */
  exchangeLoss: number;
}

export const DEFAULT_BAS_MAPPING: Readonly<BasMapping> = {
  clearing: 1580,
  coachLiability: 2890,
  coachPaid: 1580,
  commissionRevenue: 3041,
  subscriptionRevenue: 3041,
  outputVat: 2611,
  vatBps: 2500,
  paymentFees: 6570,
  disputeSuspense: 1580,
  bank: 1930,
  exchangeGain: 3960,
  exchangeLoss: 7960,
};

/** Swedish VAT rates (25, 12, 6 and 0 %) in basis points: nothing else is a valid rate. */
export const VAT_RATES_BPS = [2500, 1200, 600, 0] as const;

export const MAPPING_ACCOUNT_FIELDS = [
  "clearing",
  "coachLiability",
  "coachPaid",
  "commissionRevenue",
  "subscriptionRevenue",
  "outputVat",
  "paymentFees",
  "disputeSuspense",
  "bank",
  "exchangeGain",
  "exchangeLoss",
] as const satisfies readonly (keyof BasMapping)[];

/** Fortnox accepts four-digit BAS accounts only; every error names the mapping field. */
export function validateMapping(mapping: BasMapping): BasMapping {
  for (const field of MAPPING_ACCOUNT_FIELDS) {
    const value = mapping[field];
    if (!Number.isInteger(value) || value < 1000 || value > 9999) {
      throw invalidInput(
        `mapping.${field}`,
        `must be a BAS account number between 1000 and 9999, got ${String(value)}`,
      );
    }
  }
  if (!(VAT_RATES_BPS as readonly number[]).includes(mapping.vatBps)) {
    throw invalidInput(
      "mapping.vatBps",
      `must be a Swedish VAT rate: 2500, 1200, 600 or 0 basis points (25, 12, 6 or 0 %), got ${String(mapping.vatBps)}`,
    );
  }
  return mapping;
}

/** The ledger account the payments code books exchange differences to (debit = loss). */
export const FX_LEDGER_ACCOUNT = "platform:fx";

export type BasTarget =
  | { kind: "plain"; account: number }
  /** Revenue kept VAT-inclusive in the ledger: split per entry into net and output VAT. */
  | { kind: "vat_inclusive"; account: number }
  /** Netted per voucher to exchangeGain or exchangeLoss. */
  | { kind: "fx" };

/** The BAS target of a ledger account. */
export function basAccountFor(ledgerAccount: string, mapping: BasMapping): BasTarget {
  // platform:fx is added to the ledger's accounts by the payments code; compared as a string
  // so this reads the same before and after that account exists.
  if (ledgerAccount === FX_LEDGER_ACCOUNT) return { kind: "fx" };
  const a = parseAccount(ledgerAccount);
  if (a.kind === "coach") {
    return { kind: "plain", account: a.bucket === "paid" ? mapping.coachPaid : mapping.coachLiability };
  }
  const name: string = a.account;
  switch (name) {
    case "platform:stripe_balance":
      return { kind: "plain", account: mapping.clearing };
    case "platform:fees":
      return { kind: "vat_inclusive", account: mapping.commissionRevenue };
    case "platform:subscriptions":
      return { kind: "vat_inclusive", account: mapping.subscriptionRevenue };
    case "platform:disputes":
      return { kind: "plain", account: mapping.disputeSuspense };
    case "platform:bank":
      return { kind: "plain", account: mapping.bank };
    case "stripe:fees":
    case "stripe:dispute_fees":
      return { kind: "plain", account: mapping.paymentFees };
    default:
      throw invalidInput("account", `ledger account ${name} has no BAS mapping`);
  }
}

/** What a BAS account is in this mapping, in Swedish, for a row's TransactionInformation. */
export function accountRole(account: number, mapping: BasMapping): string {
  const roles: [keyof BasMapping, string][] = [
    ["clearing", "kortfordran hos Stripe"],
    ["coachLiability", "skuld till coacher"],
    ["commissionRevenue", "provision exkl. moms"],
    ["subscriptionRevenue", "prenumerationer exkl. moms"],
    ["outputVat", `utgående moms ${mapping.vatBps / 100} % per försäljning`],
    ["paymentFees", "Stripe-avgifter"],
    ["disputeSuspense", "medel i tvist"],
    ["bank", "bank"],
    ["exchangeGain", "kursvinst"],
    ["exchangeLoss", "kursförlust"],
  ];
  return roles.find(([field]) => mapping[field] === account)?.[1] ?? `konto ${account}`;
}
