/**
 * The daily three-way reconciliation of the books: for a day and each currency, the ledger's
 * postings, the vouchers read back from Fortnox, and Stripe's balance transactions, per BAS
 * account; plus two balance checks at the end of the day, the coaches' liabilities (2890,
 * per coach, money in payout included, coaches without a Stripe account reported) and the
 * platform's own balance at Stripe (1580 less the coaches' money). Stored per day and
 * currency; any difference raises one alert for the accountants.
 *
 * A side that cannot be read (Fortnox not connected, Stripe down) leaves its checks
 * `not_checked` and the day `incomplete`: it is never reported as agreeing.
 */
import { dayBounds, dayOf } from "../../domain/calendar-day";
import { DEFAULT_BAS_MAPPING } from "../../domain/accounting";
import { isDomainError } from "../../domain/errors";
import type { LedgerEntry } from "../../domain/ledger-entries";
import { moneyText, type Currency } from "../../domain/money";
import { counted } from "../../domain/people-words";
import type { AccountingGateway } from "../../ports/accounting-gateway";
import type { AccountingStore } from "../../ports/accounting-store";
import type { AlertStore } from "../../ports/alert-store";
import type { BalanceTransactionReader, StripeBalanceTxn, StripePayoutInFlight } from "../../ports/balance-transactions";
import type { BookedVoucherReader } from "../../ports/booked-vouchers";
import type { BalanceCheck, BooksReconciliationStore, CheckState, CoachLiability, CoachLiabilityLine, CoachLiabilityReader, DayReconciliation } from "../../ports/books-reconciliation-store";
import type { Clock } from "../../ports/clock";
import type { LedgerReader } from "../../ports/ledger-reader";
import { alertText, raiseAlert } from "../alerts/alerts";
import { basRows, coachMovementAfter, fortnoxByBas, inTransitAt, ledgerByBas, ledgerForStripe, stripeDayFigures } from "./books-figures";
import { chartMappingOf } from "./chart-mapping";

export interface ReconcileBooksDeps {
  ledger: LedgerReader;
  settings: Pick<AccountingStore, "settings">;
  vouchers: Pick<BookedVoucherReader, "bookedForDay">;
  fortnox: Pick<AccountingGateway, "financialYearFor" | "listVouchers" | "getVoucher">;
  stripe: BalanceTransactionReader;
  coaches: CoachLiabilityReader;
  store: BooksReconciliationStore;
  alerts: AlertStore;
  clock: Clock;
}

/** Stripe lists a payout in transit for days; look this far back for ones that arrived on the day. */
const PAYOUT_LOOKBACK_MS = 14 * 86_400_000;

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const MARKER = /^KASSA (\d{4}-\d{2}-\d{2}) \S+ ([A-Z]{3})\b/;

interface FortnoxSide {
  rows: Map<Currency, { account: number; debit: number; credit: number }[]>;
  vouchers: number;
}

/** Kassa's vouchers of `day` read back: those the sync recorded for the day and those Fortnox lists on that date with the day's marker. */
async function readFortnox(deps: ReconcileBooksDeps, day: string, series: string): Promise<FortnoxSide> {
  const keys = new Map<string, { fy: number; series: string; number: number; currency: Currency | null }>();
  const year = await deps.fortnox.financialYearFor(day);
  for (const v of await deps.vouchers.bookedForDay(day)) {
    // A voucher booked by hand carries no financial year of Kassa's: it is in the day's year.
    const fy = v.financialYearId ?? year?.id ?? null;
    if (fy !== null) keys.set(`${fy}|${v.series}|${v.number}`, { fy, series: v.series, number: v.number, currency: v.currency });
  }
  if (year) {
    for (const ref of await deps.fortnox.listVouchers({ financialYearId: year.id, series, fromDate: day, toDate: day })) {
      const m = MARKER.exec(ref.description);
      if (!m || m[1] !== day) continue;
      const key = `${ref.financialYearId}|${ref.series}|${ref.number}`;
      if (!keys.has(key)) keys.set(key, { fy: ref.financialYearId, series: ref.series, number: ref.number, currency: null });
    }
  }
  const rows = new Map<Currency, { account: number; debit: number; credit: number }[]>();
  for (const k of keys.values()) {
    const v = await deps.fortnox.getVoucher(k.fy, k.series, k.number);
    if (!v) throw new Error(`voucher ${k.series}-${k.number} (financial year ${k.fy}) is recorded as booked but Fortnox does not have it`);
    const currency = k.currency ?? ((MARKER.exec(v.description)?.[2] ?? "SEK").toLowerCase() as Currency);
    rows.set(currency, [...(rows.get(currency) ?? []), ...v.rows]);
  }
  return { rows, vouchers: keys.size };
}

interface StripeSide {
  txns: StripeBalanceTxn[];
  payouts: StripePayoutInFlight[];
  balances: Map<string | null, Partial<Record<Currency, number>>>;
}

async function readStripe(deps: ReconcileBooksDeps, accounts: (string | null)[], fromMs: number): Promise<StripeSide> {
  const side: StripeSide = { txns: [], payouts: [], balances: new Map() };
  for (const account of accounts) {
    side.txns.push(...(await deps.stripe.transactionsSince(account, fromMs)));
    side.payouts.push(...(await deps.stripe.recentPayouts(account, fromMs - PAYOUT_LOOKBACK_MS)));
    side.balances.set(account, await deps.stripe.balance(account));
  }
  return side;
}

/** Every ledger entry from the first day through `lastDay`, and the entries after it until today. */
async function readLedger(deps: ReconcileBooksDeps, day: string, today: string): Promise<{ ofDay: LedgerEntry[]; through: LedgerEntry[]; after: LedgerEntry[] }> {
  const first = await deps.ledger.earliestDay();
  const through: LedgerEntry[] = [];
  const after: LedgerEntry[] = [];
  let ofDay: LedgerEntry[] = [];
  if (first === null) return { ofDay, through, after };
  const start = first < day ? first : day;
  for (let d = start; d <= today; d = nextDay(d)) {
    const entries = await deps.ledger.entriesOfDay(d);
    if (d === day) ofDay = entries;
    (d <= day ? through : after).push(...entries);
  }
  return { ofDay, through, after };
}

const nextDay = (day: string): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

const checkState = (difference: number | null): CheckState => (difference === null ? "not_checked" : difference === 0 ? "ok" : "difference");

function coachLines(liabilities: CoachLiability[], currency: Currency, after: LedgerEntry[], toMs: number, stripe: StripeSide | null): CoachLiabilityLine[] {
  const movedAfter = coachMovementAfter(after, currency, toMs);
  return liabilities
    .filter((c) => c.currency === currency)
    .map((c): CoachLiabilityLine => {
      const ledger = c.held + c.available + c.inPayout - (movedAfter.get(c.coachId) ?? 0);
      if (!c.stripeAccountId) {
        return { coachId: c.coachId, stripeAccountId: null, ledger, inPayout: c.inPayout, stripe: null, difference: ledger === 0 ? 0 : -ledger, state: ledger === 0 ? "ok" : "difference", note: "no Stripe account: Kassa owes this coach money no connected account holds" };
      }
      if (!stripe) return { coachId: c.coachId, stripeAccountId: c.stripeAccountId, ledger, inPayout: c.inPayout, stripe: null, difference: null, state: "not_checked", note: "Stripe was not read" };
      const account = c.stripeAccountId;
      const laterNet = stripe.txns.filter((t) => t.accountId === account && t.currency === currency && t.createdMs >= toMs).reduce((s, t) => s + t.net, 0);
      const inTransit = inTransitAt(stripe.payouts.filter((p) => p.accountId === account), currency, toMs);
      const figure = (stripe.balances.get(account)?.[currency] ?? 0) - laterNet + inTransit;
      const difference = figure - ledger;
      return { coachId: c.coachId, stripeAccountId: account, ledger, inPayout: c.inPayout, stripe: figure, difference, state: checkState(difference), note: inTransit !== 0 ? `${moneyText(inTransit, currency)} on its way to the bank` : null };
    })
    .sort((a, b) => a.coachId.localeCompare(b.coachId));
}

export interface ReconcileBooksResult {
  day: string;
  records: DayReconciliation[];
  differences: number;
  alerted: boolean;
}

export async function reconcileBooks(deps: ReconcileBooksDeps, input: { day: string; runBy: string }): Promise<ReconcileBooksResult> {
  const { day } = input;
  const { fromMs, toMs } = dayBounds(day);
  const now = deps.clock.now().getTime();
  const today = dayOf(now);
  const settings = await deps.settings.settings();
  const chart = chartMappingOf(settings?.mapping ?? DEFAULT_BAS_MAPPING);
  const series = settings?.series ?? "A";

  const ledger = await readLedger(deps, day, today);
  const liabilities = await deps.coaches.coachLiabilities();

  let fortnox: FortnoxSide | null = null;
  let fortnoxError: string | null = null;
  try {
    fortnox = await readFortnox(deps, day, series);
  } catch (e) {
    fortnoxError = isDomainError(e) && e.details?.["reconnect"] === true ? `Fortnox is not connected: ${e.message}` : errorText(e);
  }

  const accounts: (string | null)[] = [null, ...new Set(liabilities.flatMap((c) => (c.stripeAccountId ? [c.stripeAccountId] : [])))];
  let stripe: StripeSide | null = null;
  let stripeError: string | null = null;
  try {
    stripe = await readStripe(deps, accounts, fromMs);
  } catch (e) {
    stripeError = errorText(e);
  }

  const currencies = new Set<Currency>(["sek"]);
  for (const e of ledger.ofDay) currencies.add(e.currency);
  for (const c of fortnox?.rows.keys() ?? []) currencies.add(c);
  for (const t of stripe?.txns ?? []) if (t.createdMs >= fromMs && t.createdMs < toMs) currencies.add(t.currency);

  const records: DayReconciliation[] = [];
  for (const currency of currencies) {
    const rows = basRows({
      ledger: ledgerByBas(ledger.ofDay, currency, chart),
      fortnox: fortnox ? fortnoxByBas(fortnox.rows.get(currency) ?? []) : null,
      stripe: stripe ? stripeDayFigures(stripe.txns, stripe.payouts, currency, fromMs, toMs) : null,
      ledgerStripe: ledgerForStripe(ledger.ofDay, currency),
      chart,
    });
    const coaches = coachLines(liabilities, currency, ledger.after, toMs, stripe);
    const coachLedger = coaches.reduce((s, c) => s + c.ledger, 0);
    const coachTransit = stripe ? coaches.reduce((s, c) => s + (c.stripeAccountId ? inTransitAt(stripe.payouts.filter((p) => p.accountId === c.stripeAccountId), currency, toMs) : 0), 0) : 0;
    const coachStripe = stripe ? coaches.reduce((s, c) => s + (c.stripe ?? 0), 0) : null;
    const coachDiff = coachStripe === null ? null : coachStripe - coachLedger;

    // The platform's own money at Stripe per the ledger: all money at Stripe less what is the coaches'.
    const atStripe = ledgerForStripe(ledger.through, currency).clearing;
    const platformLedger = atStripe - coachLedger;
    let platformStripe: number | null = null;
    let platformTransit = 0;
    if (stripe) {
      const laterNet = stripe.txns.filter((t) => t.accountId === null && t.currency === currency && t.createdMs >= toMs).reduce((s, t) => s + t.net, 0);
      platformTransit = inTransitAt(stripe.payouts.filter((p) => p.accountId === null), currency, toMs);
      platformStripe = (stripe.balances.get(null)?.[currency] ?? 0) - laterNet + platformTransit;
    }
    const platformDiff = platformStripe === null ? null : platformStripe - platformLedger;
    const checks: BalanceCheck[] = [
      { id: "coach_liabilities", label: `Coaches' money (${chart.coachLiability}): Kassa's balances incl. money in payout vs Stripe's connected accounts`, ledger: coachLedger, stripe: coachStripe, inTransit: coachTransit, difference: coachDiff, state: checkState(coachDiff), note: stripeError ? `Stripe was not read: ${stripeError}` : null },
      { id: "platform_balance", label: `Platform balance (${chart.clearing} less coaches' money) vs Stripe's platform balance`, ledger: platformLedger, stripe: platformStripe, inTransit: platformTransit, difference: platformDiff, state: checkState(platformDiff), note: stripeError ? `Stripe was not read: ${stripeError}` : null },
    ];

    const states = [...rows.map((r) => r.state), ...checks.map((c) => c.state), ...coaches.map((c) => c.state)];
    const differences = states.filter((s) => s === "difference").length;
    records.push({
      id: `${day}_${currency}`,
      day,
      currency,
      rows,
      checks,
      coaches,
      sources: {
        ledger: { state: "read", error: null, entries: ledger.ofDay.filter((e) => e.currency === currency).length },
        fortnox: { state: fortnox ? "read" : "failed", error: fortnoxError, vouchers: fortnox?.vouchers ?? 0 },
        stripe: { state: stripe ? "read" : "failed", error: stripeError, accounts: accounts.length, transactions: stripe?.txns.filter((t) => t.currency === currency && t.createdMs >= fromMs && t.createdMs < toMs).length ?? 0 },
      },
      state: differences > 0 ? "difference" : states.includes("not_checked") ? "incomplete" : "ok",
      differences,
      checkedAt: now,
      runBy: input.runBy,
    });
  }

  for (const r of records) await deps.store.save(r);
  const differing = records.filter((r) => r.state === "difference");
  let alerted = false;
  if (differing.length > 0) {
    const what = (lang: "sv" | "en") =>
      differing
        .map((r) => `${r.currency.toUpperCase()}: ${lang === "sv" ? counted(r.differences, "skillnad", "skillnader") : counted(r.differences, "difference", "differences")}`)
        .join(", ");
    const result = await raiseAlert(
      { alerts: deps.alerts, clock: deps.clock },
      {
        id: `books_difference-${day}`,
        kind: "books_difference",
        ...alertText({
          sv: {
            title: `Böckerna stämmer inte ${day}`,
            message: `Huvudboken, Fortnox och Stripe är inte överens om ${day} (${what("sv")}). Avstämningstabellen på bokföringssidan visar varje kontos tre belopp och skillnaden.`,
          },
          en: {
            title: `The books differ on ${day}`,
            message: `Ledger, Fortnox and Stripe do not agree on ${day} (${what("en")}). The reconciliation table on the accountant's page shows each account's three figures and the difference.`,
          },
        }),
        link: "/accountant",
        objectPath: `booksReconciliations/${differing[0]?.id ?? day}`,
      },
    );
    alerted = result.raised;
  }
  return { day, records, differences: records.reduce((s, r) => s + r.differences, 0), alerted };
}
