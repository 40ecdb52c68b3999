/**
 * Fortnox vouchers from ledger entries. The entry is the unit of booking: a voucher holds an
 * explicit set of entries of one business day (Europe/Stockholm, the entry's occurredAt) and
 * currency. A day's first vouchers are one per flow, `KASSA 2026-11-22 refunds SEK`; entries
 * that arrive after the day's first vouchers were made ("late") go, whatever their flow, into
 * the day's supplementary vouchers `KASSA 2026-11-22 late SEK #2`, `#3`, each with its own
 * marker (the marker is what the sync looks up in Fortnox after an ambiguous failure). One
 * supplementary voucher for all flows keeps the count of vouchers per day bounded however many
 * flows get late entries; its rows stay per flow (each says which), so nothing is lost.
 *
 * Amounts stay in MINOR units here; the Fortnox adapter converts with minorToDecimalString.
 * Rows are netted per flow and BAS account (a Fortnox row is either a debit or a credit),
 * debits first within each flow.
 *
 * VAT per sale: the ledger keeps platform revenue VAT-inclusive (what Stripe reports). Each
 * entry's VAT-inclusive postings are split with vatPart on their own, rounded per entry as the
 * sale's receipt shows it, and the voucher's VAT is the sum of those, so Fortnox, the receipts
 * and Kassa agree to the öre. vatPart is sign-symmetric, so a refund reverses its sale exactly.
 *
 * Exchange differences (platform:fx, debit = loss) are netted per flow of a voucher onto the
 * gain or the loss account of the mapping (as the reconciliation nets them: books-figures.ts).
 */
import type { AccountingFlow, VoucherRow } from "./accounting";
import { ACCOUNTING_FLOWS } from "./accounting";
import { accountRole, basAccountFor, validateMapping, type BasMapping } from "./accounting-mapping";
import { BOOKING_TIME_ZONE, dayOf } from "./calendar-day";
import { DomainError, invalidInput } from "./errors";
import { vatPart } from "./fee-split";
import { assertBalanced, type LedgerEntry } from "./ledger-entries";
import { minorToDecimalString, type Currency } from "./money";

/** The pseudo-flow of supplementary vouchers: late entries of every flow of one day and currency. */
export const LATE_FLOW = "late";
/** What a voucher is made per: one flow (a day's first vouchers), or `late` (supplementary). */
export type VoucherFlow = AccountingFlow | typeof LATE_FLOW;

export interface VoucherKey {
  day: string;
  flow: VoucherFlow;
  currency: Currency;
  /**
   * 1 for the day's first voucher of a flow; 2.. for the day's supplementary (`late`)
   * vouchers, numbered per day and currency. (Before supplementary vouchers held every flow,
   * they were numbered per flow: `2026-11-22_sales_sek_2`; such records stay valid.)
   */
  sequence: number;
}

/** Sort position of a voucher's flow: the flows in their order, supplementary vouchers last. */
export const flowOrder = (flow: VoucherFlow): number =>
  flow === LATE_FLOW ? ACCOUNTING_FLOWS.length : ACCOUNTING_FLOWS.indexOf(flow);

/** `accounting/{id}`: `2026-11-22_refunds_sek`, supplementary `2026-11-22_late_sek_2`. */
export const voucherIdOf = (k: VoucherKey): string =>
  `${k.day}_${k.flow}_${k.currency}${k.sequence > 1 ? `_${k.sequence}` : ""}`;

/** Unique per voucher; Fortnox's Description, searched for after an ambiguous POST. */
export const voucherMarker = (k: VoucherKey): string =>
  `KASSA ${k.day} ${k.flow} ${k.currency.toUpperCase()}${k.sequence > 1 ? ` #${k.sequence}` : ""}`;

/** One line of a voucher's specification: the entry it books and the Stripe ids behind it. */
export interface SpecLine {
  entryId: string;
  kind: string;
  /** The entry's flow (absent in specifications stored before supplementary vouchers mixed flows: the voucher's flow). */
  flow?: AccountingFlow;
  occurredAt: number;
  /** The entry's size: the sum of its debit postings, minor units of the voucher's currency. */
  amountMinor: number;
  paymentId?: string;
  payoutId?: string;
  coachId?: string;
  stripeObjectId?: string;
  /** The charge's own currency and amount when Stripe settled it in another (refs.original). */
  original?: { amount: number; currency: string };
}

export interface VoucherDraft extends VoucherKey {
  id: string;
  description: string;
  rows: VoucherRow[];
  lines: SpecLine[];
  /** Output VAT the voucher books: the sum of its entries' own VAT (credit positive). */
  vatMinor: number;
  /** Net exchange difference (debit positive = loss). */
  fxMinor: number;
}

/** Fortnox's TransactionInformation holds at most 100 characters. */
const INFO_MAX = 100;

/**
 * Row texts are Swedish: the accountant reads them in Fortnox, and the vouchers are part of a
 * Swedish company's books. Vouchers planned before this wording keep theirs (a planned voucher's
 * rows never change); the marker (Description) stays as it was, because Kassa searches Fortnox
 * for it after an ambiguous POST.
 */
const FLOW_LABEL: Record<AccountingFlow, string> = {
  sales: "Programförsäljning",
  subscriptions: "Prenumerationer",
  stripe_fees: "Stripe-avgifter",
  transfers: "Överföringar till coacher",
  refunds: "Återbetalningar",
  disputes: "Tvister",
  payouts: "Utbetalning till bank",
};

/** refs.original is added by the payments code for charges Stripe settled in SEK. */
function originalOf(e: LedgerEntry): { amount: number; currency: string } | undefined {
  const original = (e.refs as { original?: { amount: number; currency: string } }).original;
  return original && Number.isSafeInteger(original.amount) && typeof original.currency === "string" ? original : undefined;
}

/** The flow of the entry a spec line books; lines stored before they carried it are of their voucher's flow. */
export function flowOfLine(line: SpecLine, voucherFlow: VoucherFlow): AccountingFlow {
  if (line.flow) return line.flow;
  if (voucherFlow === LATE_FLOW) throw invalidInput("lines", `spec line ${line.entryId} of a supplementary voucher has no flow`);
  return voucherFlow;
}

export function specLine(e: LedgerEntry): SpecLine {
  const original = originalOf(e);
  return {
    entryId: e.id,
    kind: e.kind,
    flow: e.flow,
    occurredAt: e.occurredAt,
    amountMinor: e.postings.reduce((s, p) => s + Math.max(p.amount, 0), 0),
    ...(e.refs.paymentId ? { paymentId: e.refs.paymentId } : {}),
    ...(e.refs.payoutId ? { payoutId: e.refs.payoutId } : {}),
    ...(e.refs.coachId ? { coachId: e.refs.coachId } : {}),
    ...(e.refs.stripeObjectId ? { stripeObjectId: e.refs.stripeObjectId } : {}),
    ...(original ? { original } : {}),
  };
}

export interface EntryGroup {
  day: string;
  flow: AccountingFlow;
  currency: Currency;
  entries: LedgerEntry[];
}

/** Entries by business day, flow and currency, in day, flow, currency order. */
export function groupEntries(entries: readonly LedgerEntry[], timeZone: string = BOOKING_TIME_ZONE): EntryGroup[] {
  const groups = new Map<string, EntryGroup>();
  for (const e of entries) {
    const day = dayOf(e.occurredAt, timeZone);
    const key = `${day}|${e.flow}|${e.currency}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { day, flow: e.flow, currency: e.currency, entries: [] }));
    g.entries.push(e);
  }
  return [...groups.values()].sort(
    (a, b) =>
      a.day.localeCompare(b.day) ||
      ACCOUNTING_FLOWS.indexOf(a.flow) - ACCOUNTING_FLOWS.indexOf(b.flow) ||
      a.currency.localeCompare(b.currency),
  );
}

function assertVoucherBalanced(v: Pick<VoucherDraft, "description" | "rows">): void {
  let debit = 0;
  let credit = 0;
  for (const r of v.rows) {
    if (!Number.isSafeInteger(r.debit) || !Number.isSafeInteger(r.credit) || r.debit < 0 || r.credit < 0 || r.debit > 0 === r.credit > 0) {
      throw new DomainError("invalid_input", `${v.description}: row on ${r.account} must have either a debit or a credit`, "rows");
    }
    debit += r.debit;
    credit += r.credit;
  }
  if (debit !== credit) throw new DomainError("invalid_input", `${v.description}: debits ${debit} != credits ${credit}`, "rows");
}

interface Section {
  rows: VoucherRow[];
  vatMinor: number;
  fxMinor: number;
}

/** One flow's rows of a voucher, netted per BAS account, debits first in first-seen order. */
function sectionOf(flow: AccountingFlow, head: string, entries: readonly LedgerEntry[], mapping: BasMapping): Section {
  const net = new Map<number, number>();
  const order: number[] = [];
  const add = (account: number, amount: number): void => {
    if (!net.has(account)) order.push(account);
    net.set(account, (net.get(account) ?? 0) + amount);
  };
  let vatMinor = 0;
  let fxMinor = 0;
  const originals = new Map<string, { amount: number; count: number }>();
  for (const e of entries) {
    const original = originalOf(e);
    if (original && original.currency !== e.currency) {
      const o = originals.get(original.currency) ?? { amount: 0, count: 0 };
      originals.set(original.currency, { amount: o.amount + original.amount, count: o.count + 1 });
    }
    for (const p of e.postings) {
      const target = basAccountFor(p.account, mapping);
      if (target.kind === "fx") {
        fxMinor += p.amount;
      } else if (target.kind === "vat_inclusive") {
        // Per entry, as the receipt shows it; a revenue credit carries a VAT credit.
        const vat = vatPart({ amount: p.amount, currency: e.currency }, mapping.vatBps).vat.amount;
        add(target.account, p.amount - vat);
        if (vat !== 0) add(mapping.outputVat, vat);
        vatMinor -= vat;
      } else {
        add(target.account, p.amount);
      }
    }
  }
  if (fxMinor !== 0) add(fxMinor > 0 ? mapping.exchangeLoss : mapping.exchangeGain, fxMinor);
  const originalText = [...originals]
    .map(([currency, o]) => `urspr. ${currency.toUpperCase()} ${minorToDecimalString(o.amount).replace(".", ",")} (${o.count})`)
    .join(", ");
  const rows: VoucherRow[] = order
    .map((account) => ({ account, amount: net.get(account) ?? 0 }))
    .filter((r) => r.amount !== 0)
    .map((r) => {
      const role = accountRole(r.account, mapping);
      const extra = originalText && r.account === mapping.clearing ? `; ${originalText}` : "";
      return {
        account: r.account,
        debit: Math.max(r.amount, 0),
        credit: Math.max(-r.amount, 0),
        info: `${head}: ${role}${extra}`.slice(0, INFO_MAX),
      };
    })
    // Debits first, then credits, each in first-seen order: reads like the tables in fortnox.md.
    .sort((a, b) => Number(b.debit > 0) - Number(a.debit > 0));
  return { rows, vatMinor, fxMinor };
}

/**
 * The voucher `key` books: exactly `entries`, each of the key's day and currency and, for a
 * first voucher, of its flow (or the call is refused rather than booking an entry on the
 * wrong voucher). A supplementary (`late`) voucher takes entries of any flow: its rows come
 * per flow, in the flows' order, each row's TransactionInformation naming its flow, so the
 * per-account totals are those of per-flow vouchers and the accountant still sees what each
 * row is. Rows may be empty when the entries net to zero per BAS account (hold releases move
 * 2890 to 2890): such a voucher still holds its entries, it just has nothing to send to Fortnox.
 */
export function buildVoucher(
  key: VoucherKey,
  entries: readonly LedgerEntry[],
  mapping: BasMapping,
  timeZone: string = BOOKING_TIME_ZONE,
): VoucherDraft {
  validateMapping(mapping);
  if (!Number.isInteger(key.sequence) || key.sequence < 1) throw invalidInput("sequence", `must be 1 or more, got ${key.sequence}`);
  const late = key.flow === LATE_FLOW;
  if (late && key.sequence < 2) throw invalidInput("sequence", `a supplementary voucher is #2 or later, got ${key.sequence}`);
  const description = voucherMarker(key);
  const byFlow = new Map<AccountingFlow, LedgerEntry[]>();
  for (const e of entries) {
    assertBalanced(e);
    const day = dayOf(e.occurredAt, timeZone);
    if (day !== key.day || (!late && e.flow !== key.flow) || e.currency !== key.currency) {
      throw invalidInput("entries", `entry ${e.id} (${day} ${e.flow} ${e.currency}) does not belong on ${description}`);
    }
    const list = byFlow.get(e.flow) ?? [];
    if (list.length === 0) byFlow.set(e.flow, list);
    list.push(e);
  }
  const suffix = key.sequence > 1 ? ` #${key.sequence}` : "";
  const sections = [...byFlow]
    .sort(([a], [b]) => ACCOUNTING_FLOWS.indexOf(a) - ACCOUNTING_FLOWS.indexOf(b))
    .map(([flow, list]) => sectionOf(flow, `${FLOW_LABEL[flow]} ${key.day}${suffix}`, list, mapping));
  const draft: VoucherDraft = {
    ...key,
    id: voucherIdOf(key),
    description,
    rows: sections.flatMap((x) => x.rows),
    lines: entries.map(specLine),
    vatMinor: sections.reduce((n, x) => n + x.vatMinor, 0),
    fxMinor: sections.reduce((n, x) => n + x.fxMinor, 0),
  };
  assertVoucherBalanced(draft);
  return draft;
}
