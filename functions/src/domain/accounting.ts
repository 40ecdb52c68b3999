/**
 * Fortnox vouchers from the ledger: one balanced voucher per day, flow and currency.
 *
 * Exports: ACCOUNTING_FLOWS, AccountingFlow, BasMapping, DEFAULT_BAS_MAPPING, validateMapping,
 * basAccountFor, VoucherRow, VoucherDraft, voucherMarker, buildVouchers.
 *
 * Amounts stay in MINOR units here; the Fortnox adapter converts with minorToDecimalString.
 * Rows are netted per BAS account (a Fortnox row is either a debit or a credit), debits first.
 *
 * VAT: the ledger keeps platform revenue VAT-inclusive (what Stripe reports). The voucher
 * splits each voucher's net revenue total with vatPart, i.e. VAT is computed on the day's
 * total per revenue account, as a summary voucher is booked, and a refund voucher mirrors the
 * sale it reverses to the öre (vatPart is sign-symmetric).
 */
import { parseAccount } from "./ledger-accounts";
import { assertBalanced, type LedgerEntry } from "./ledger-entries";
import { vatPart } from "./fee-split";
import { assertDay, BOOKING_TIME_ZONE, dayOf } from "./calendar-day";
import { DomainError, invalidInput } from "./errors";
import type { Currency } from "./money";

export const ACCOUNTING_FLOWS = [
  "sales",
  "subscriptions",
  "stripe_fees",
  "transfers",
  "refunds",
  "disputes",
  "payouts",
] as const;
export type AccountingFlow = (typeof ACCOUNTING_FLOWS)[number];

/**
 * Which BAS account each ledger account books to (defaults per fortnox.md, for the
 * accountant to confirm). Several ledger accounts may share one BAS account.
 */
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
  /** VAT rate in basis points on platform revenue; 0 when the platform books no VAT. */
  vatBps: number;
  /** stripe:fees and stripe:dispute_fees: bank and payment fees (6570). */
  paymentFees: number;
  /** platform:disputes: funds withdrawn for an open dispute, still a claim on Stripe (1580). */
  disputeSuspense: number;
  /** platform:bank: the platform's bank account (1930). */
  bank: number;
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
};

const ACCOUNT_FIELDS = [
  "clearing",
  "coachLiability",
  "coachPaid",
  "commissionRevenue",
  "subscriptionRevenue",
  "outputVat",
  "paymentFees",
  "disputeSuspense",
  "bank",
] as const satisfies readonly (keyof BasMapping)[];

/** Fortnox accepts four-digit BAS accounts only; the error names the mapping field. */
export function validateMapping(mapping: BasMapping): BasMapping {
  for (const field of ACCOUNT_FIELDS) {
    const value = mapping[field];
    if (!Number.isInteger(value) || value < 1000 || value > 9999) {
      throw invalidInput(
        `mapping.${field}`,
        `must be a BAS account number between 1000 and 9999, got ${String(value)}`,
      );
    }
  }
  if (!Number.isInteger(mapping.vatBps) || mapping.vatBps < 0 || mapping.vatBps > 10_000) {
    throw invalidInput(
      "mapping.vatBps",
      `must be an integer number of basis points between 0 and 10000, got ${String(mapping.vatBps)}`,
    );
  }
  return mapping;
}

/** The BAS account for a ledger account, and whether its amount carries VAT to split out. */
export function basAccountFor(
  ledgerAccount: string,
  mapping: BasMapping,
): { account: number; vatInclusive: boolean } {
  const a = parseAccount(ledgerAccount);
  if (a.kind === "coach")
    return {
      account: a.bucket === "paid" ? mapping.coachPaid : mapping.coachLiability,
      vatInclusive: false,
    };
  switch (a.account) {
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
  }
}

export interface VoucherRow {
  account: number;
  /** Minor units, >= 0; exactly one of debit and credit is non-zero. */
  debit: number;
  credit: number;
  info?: string;
}

export interface VoucherDraft {
  day: string;
  flow: AccountingFlow;
  currency: Currency;
  /** `KASSA {day} {flow} {CURRENCY}`: unique per voucher, searched for after an ambiguous POST. */
  description: string;
  rows: VoucherRow[];
  entryIds: string[];
  paymentIds: string[];
  payoutIds: string[];
}

export const voucherMarker = (day: string, flow: AccountingFlow, currency: Currency): string =>
  `KASSA ${day} ${flow} ${currency.toUpperCase()}`;

function assertVoucherBalanced(v: VoucherDraft): void {
  let debit = 0;
  let credit = 0;
  for (const r of v.rows) {
    if (
      !Number.isSafeInteger(r.debit) ||
      !Number.isSafeInteger(r.credit) ||
      r.debit < 0 ||
      r.credit < 0 ||
      r.debit > 0 === r.credit > 0
    ) {
      throw new DomainError(
        "invalid_input",
        `${v.description}: row on ${r.account} must have either a debit or a credit`,
        "rows",
      );
    }
    debit += r.debit;
    credit += r.credit;
  }
  if (v.rows.length < 2 || debit !== credit) {
    throw new DomainError(
      "invalid_input",
      `${v.description}: debits ${debit} != credits ${credit}`,
      "rows",
    );
  }
}

interface Group {
  flow: AccountingFlow;
  currency: Currency;
  /** Net (debit positive) per BAS account, insertion-ordered for stable row order. */
  plain: Map<number, number>;
  /** VAT-inclusive revenue per BAS account, split once per voucher. */
  vatInclusive: Map<number, number>;
  order: number[];
  entryIds: string[];
  paymentIds: Set<string>;
  payoutIds: Set<string>;
}

const INFO: Partial<Record<AccountingFlow, string>> = {
  sales: "Kassa program sales",
  subscriptions: "Kassa subscriptions",
  stripe_fees: "Stripe processing fees",
  transfers: "Payouts to coaches",
  refunds: "Refunds",
  disputes: "Disputes",
  payouts: "Stripe payout to bank",
};

/**
 * Vouchers for `day` (in `timeZone`) from that day's ledger entries, in ACCOUNTING_FLOWS order
 * then currency. Entries from another day are refused rather than skipped: booking them on the
 * wrong date, or silently not at all, are both worse than a loud error (use dayBounds to
 * query). A flow whose rows all net to zero (e.g. only hold releases) yields no voucher.
 */
export function buildVouchers(
  day: string,
  entries: readonly LedgerEntry[],
  mapping: BasMapping = DEFAULT_BAS_MAPPING,
  timeZone: string = BOOKING_TIME_ZONE,
): VoucherDraft[] {
  assertDay(day);
  validateMapping(mapping);
  const groups = new Map<string, Group>();
  for (const e of entries) {
    assertBalanced(e);
    if (dayOf(e.occurredAt, timeZone) !== day) {
      throw invalidInput(
        "entries",
        `entry ${e.id} belongs to ${dayOf(e.occurredAt, timeZone)}, not ${day}`,
      );
    }
    const key = `${e.flow}|${e.currency}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        flow: e.flow,
        currency: e.currency,
        plain: new Map(),
        vatInclusive: new Map(),
        order: [],
        entryIds: [],
        paymentIds: new Set(),
        payoutIds: new Set(),
      };
      groups.set(key, g);
    }
    g.entryIds.push(e.id);
    if (e.refs.paymentId) g.paymentIds.add(e.refs.paymentId);
    if (e.refs.payoutId) g.payoutIds.add(e.refs.payoutId);
    for (const p of e.postings) {
      const { account, vatInclusive } = basAccountFor(p.account, mapping);
      const bucket = vatInclusive ? g.vatInclusive : g.plain;
      if (!g.plain.has(account) && !g.vatInclusive.has(account)) g.order.push(account);
      bucket.set(account, (bucket.get(account) ?? 0) + p.amount);
    }
  }

  const vouchers: VoucherDraft[] = [];
  for (const g of groups.values()) {
    const net = new Map<number, number>();
    const order = [...g.order];
    const addNet = (account: number, amount: number): void => {
      if (!order.includes(account)) order.push(account);
      net.set(account, (net.get(account) ?? 0) + amount);
    };
    for (const account of g.order) {
      const plain = g.plain.get(account);
      if (plain !== undefined) addNet(account, plain);
      const inclusive = g.vatInclusive.get(account);
      if (inclusive !== undefined) {
        const split = vatPart({ amount: inclusive, currency: g.currency }, mapping.vatBps);
        addNet(account, split.net.amount);
        // VAT lands right after the revenue it belongs to (the rows read like fortnox.md).
        if (!order.includes(mapping.outputVat))
          order.splice(order.indexOf(account) + 1, 0, mapping.outputVat);
        addNet(mapping.outputVat, split.vat.amount);
      }
    }
    const info = INFO[g.flow];
    const rows: VoucherRow[] = order
      .map((account) => ({ account, amount: net.get(account) ?? 0 }))
      .filter((r) => r.amount !== 0)
      .map((r) => ({
        account: r.account,
        debit: Math.max(r.amount, 0),
        credit: Math.max(-r.amount, 0),
        ...(info ? { info } : {}),
      }))
      // Debits first, then credits, each in first-seen order: reads like the tables in fortnox.md.
      .sort((a, b) => Number(b.debit > 0) - Number(a.debit > 0));
    if (rows.length === 0) continue;
    const voucher: VoucherDraft = {
      day,
      flow: g.flow,
      currency: g.currency,
      description: voucherMarker(day, g.flow, g.currency),
      rows,
      entryIds: g.entryIds,
      paymentIds: [...g.paymentIds],
      payoutIds: [...g.payoutIds],
    };
    assertVoucherBalanced(voucher);
    vouchers.push(voucher);
  }
  return vouchers.sort(
    (a, b) =>
      ACCOUNTING_FLOWS.indexOf(a.flow) - ACCOUNTING_FLOWS.indexOf(b.flow) ||
      a.currency.localeCompare(b.currency),
  );
}
