/**
 * Posting one planned voucher to Fortnox, never twice and never blocking another voucher.
 *
 * Never twice: the voucher is reserved (state posting, with the date it is about to be posted
 * with) in a transaction before the POST. Fortnox has no idempotency key, so when the
 * reservation shows a POST may already have happened (a run that crashed or timed out after
 * sending, or a 5xx/timeout answer just now) the vouchers of the series on every date it was
 * attempted with are listed and its marker looked up before anything is posted again. The
 * marker carries the sequence (`#2`), so supplementary vouchers are found as themselves.
 *
 * Blocks only itself: a refusal (locked period with no open day, missing account, no financial
 * year, a currency other than SEK) marks this voucher failed with the reason and returns; the
 * run goes on with the next. Only a revoked connection stops the run (nothing can be posted).
 */
import { bookingDate } from "../../domain/accounting-dates";
import { flowOfLine, LATE_FLOW } from "../../domain/accounting-vouchers";
import type { AccountingFlow } from "../../domain/accounting";
import { DomainError, isDomainError } from "../../domain/errors";
import type { AccountingGateway, FinancialYear, PostedVoucherRef } from "../../ports/accounting-gateway";
import type { AccountingStore, VoucherError, VoucherRecord } from "../../ports/accounting-store";

/** The only currency Fortnox books in for this company. */
export const BOOKING_CURRENCY = "sek";
/** POST attempts per voucher within one run after ambiguous failures (each after a lookup). */
const MAX_POST_ATTEMPTS = 3;

export type PostOutcome =
  | { outcome: "posted" | "recovered"; reference: string }
  | { outcome: "failed"; error: VoucherError; firstFailure: boolean }
  | { outcome: "busy"; message: string }
  | { outcome: "done" };

export interface PostContext {
  store: AccountingStore;
  gateway: AccountingGateway;
  now: () => number;
  runId: string;
  series: string;
  leaseMs: number;
  /** Fortnox's last locked day, read once per run. */
  lockedThrough: string | null;
  /** Stockholm day of the run. */
  today: string;
  /** Financial years by date, cached for the run. */
  yearFor: (date: string) => Promise<FinancialYear | null>;
}

export const isReconnectError = (e: unknown): boolean => isDomainError(e) && e.details?.["reconnect"] === true;

function toVoucherError(e: unknown, at: number, ambiguous: boolean): VoucherError {
  if (isDomainError(e)) {
    const code = e.details?.["code"];
    return { message: e.message, ...(typeof code === "number" ? { code } : {}), kind: e.kind, ambiguous, at };
  }
  return { message: e instanceof Error ? e.message : String(e), kind: "internal", ambiguous, at };
}

/** Payments are "booked" by their sale; payouts by the transfer that paid them. */
const PRIMARY: Record<AccountingFlow, { payments: boolean; payouts: boolean }> = {
  sales: { payments: true, payouts: false },
  subscriptions: { payments: true, payouts: false },
  stripe_fees: { payments: false, payouts: false },
  transfers: { payments: false, payouts: true },
  refunds: { payments: false, payouts: false },
  disputes: { payments: false, payouts: false },
  payouts: { payments: false, payouts: false },
};

export async function postVoucher(ctx: PostContext, record: VoucherRecord): Promise<PostOutcome> {
  const now = ctx.now();
  const fail = async (error: unknown, ambiguous: boolean, previous: VoucherRecord, countAttempt = false): Promise<PostOutcome> => {
    const err = toVoucherError(error, ctx.now(), ambiguous);
    // A refusal before any reservation (currency, no open day) still counts as a try.
    const attempts = countAttempt ? { attempts: record.attempts + 1 } : {};
    await ctx.store.updateVoucher(record.id, { state: "failed", error: err, postingUntil: 0, updatedAt: ctx.now(), ...attempts });
    return { outcome: "failed", error: err, firstFailure: previous.alertedAt === undefined };
  };

  if (record.currency !== BOOKING_CURRENCY) {
    // Refused before any Fortnox call: Kassa books SEK from Stripe's settlement amounts, and an
    // entry still in another currency means the money settled in it (a coach account in EUR).
    return fail(
      new DomainError(
        "precondition",
        `This voucher is in ${record.currency.toUpperCase()}, and Fortnox is booked in SEK. Convert it at the rate the accountant chooses and book it by hand in Fortnox, then mark it booked by hand here.`,
      ),
      false,
      record,
      true,
    );
  }
  const date = bookingDate(record.day, ctx.lockedThrough, ctx.today);
  if (!date.ok) return fail(new DomainError("provider_rejected", date.reason, undefined, { code: 2000401 }), record.error?.ambiguous === true || record.state === "posting", record, true);

  const reserved = await ctx.store.reserveVoucher(
    record.id,
    {
      state: "posting",
      attempts: record.attempts + 1,
      runId: ctx.runId,
      postingUntil: now + ctx.leaseMs,
      attemptedDates: [...new Set([...record.attemptedDates, date.transactionDate])].sort(),
      updatedAt: now,
    },
    ctx.runId,
    now,
  );
  if (reserved.outcome === "done") return { outcome: "done" };
  if (reserved.outcome === "busy") return { outcome: "busy", message: `Another sync (run ${reserved.record.runId}) is posting this voucher right now.` };
  const previous = reserved.previous;
  let mayExist = previous.state === "posting" || previous.error?.ambiguous === true;
  const lookupDates = [...new Set([...previous.attemptedDates, date.transactionDate])].sort();

  let year: FinancialYear | null;
  try {
    year = await ctx.yearFor(date.transactionDate);
  } catch (error) {
    await fail(error, mayExist, previous);
    if (isReconnectError(error)) throw error;
    return { outcome: "failed", error: toVoucherError(error, ctx.now(), mayExist), firstFailure: previous.alertedAt === undefined };
  }
  if (!year) {
    const why = `Fortnox has no financial year covering ${date.transactionDate}. Create it in Fortnox; the voucher is retried every run.`;
    return fail(new DomainError("provider_rejected", why, undefined, { code: 2000595 }), mayExist, previous);
  }

  let lastError: unknown = null;
  for (let attempt = 1; attempt <= MAX_POST_ATTEMPTS; attempt++) {
    try {
      if (mayExist) {
        const found = await findByMarker(ctx, record, lookupDates);
        if (found) return await posted(ctx, record, found, date, "recovered");
      }
      const ref = await ctx.gateway.postVoucher(year.id, {
        description: record.marker,
        transactionDate: date.transactionDate,
        series: ctx.series,
        comments: comments(record, date.movedFromLockedPeriod ? ctx.lockedThrough : null),
        rows: record.rows,
      });
      return await posted(ctx, record, ref, date, "posted");
    } catch (error) {
      if (isReconnectError(error)) {
        await fail(error, mayExist, previous);
        throw error;
      }
      if (isDomainError(error) && error.kind === "provider_unavailable" && error.details?.["ambiguous"] === true) {
        mayExist = true;
        lastError = error;
        continue;
      }
      // A refusal (or a lookup that could not be made) is final for this run; the record
      // keeps `ambiguous` so the next run looks before it posts.
      return fail(error, mayExist || !isDomainError(error), previous);
    }
  }
  return fail(lastError, true, previous);
}

function comments(record: VoucherRecord, lockedThrough: string | null): string {
  const moved = lockedThrough
    ? ` Business day ${record.day}: its period was locked through ${lockedThrough}, so it is booked in the first open period and refers to ${record.day}.`
    : "";
  const supplementary =
    record.flow === LATE_FLOW
      ? ` Supplementary voucher #${record.sequence} for ${record.day}: entries of that day, of every flow (each row names its flow), that reached Kassa after the day's earlier vouchers were made.`
      : record.sequence > 1
        ? ` Supplementary voucher #${record.sequence} for ${record.day}: entries that reached Kassa after its earlier vouchers were posted.`
        : "";
  return `Kassa ${record.id}: ${record.entryCount} ledger entries, specification in Kassa under Accounting > ${record.id}.${supplementary}${moved}`.slice(0, 1000);
}

async function findByMarker(ctx: PostContext, record: VoucherRecord, dates: string[]): Promise<PostedVoucherRef | null> {
  for (const d of dates) {
    const year = await ctx.yearFor(d);
    if (!year) continue;
    const listed = await ctx.gateway.listVouchers({ financialYearId: year.id, series: ctx.series, fromDate: d, toDate: d });
    const found = listed.find((v) => v.description === record.marker);
    if (found) return found;
  }
  return null;
}

async function posted(
  ctx: PostContext,
  record: VoucherRecord,
  ref: PostedVoucherRef,
  date: { transactionDate: string; movedFromLockedPeriod: boolean },
  outcome: "posted" | "recovered",
): Promise<PostOutcome> {
  const year = await ctx.yearFor(ref.transactionDate || date.transactionDate);
  const calendarYear = Number((year?.fromDate ?? ref.transactionDate).slice(0, 4));
  const reference = `${ref.series}-${ref.number} (${calendarYear})`;
  const now = ctx.now();
  await ctx.store.updateVoucher(record.id, {
    state: "posted",
    financialYearId: ref.financialYearId,
    series: ref.series,
    number: ref.number,
    year: calendarYear,
    reference,
    transactionDate: ref.transactionDate || date.transactionDate,
    movedFromLockedPeriod: date.movedFromLockedPeriod,
    postedAt: now,
    postingUntil: 0,
    error: null,
    referencesWritten: false,
    updatedAt: now,
  });
  await writeReferences(ctx, record, reference);
  return { outcome, reference };
}

/** Failing here leaves referencesWritten false; a later run writes them (no Fortnox call). */
export async function writeReferences(ctx: Pick<PostContext, "store">, record: VoucherRecord, reference: string): Promise<boolean> {
  try {
    const lines = (await ctx.store.specChunks(record.id, record.chunkCount)).flatMap((c) => c.lines);
    // Per flow: a supplementary voucher holds several, and a sale's voucher is its payment's primary one.
    const byFlow = new Map<AccountingFlow, typeof lines>();
    for (const l of lines) {
      const flow = flowOfLine(l, record.flow);
      const list = byFlow.get(flow);
      if (list) list.push(l);
      else byFlow.set(flow, [l]);
    }
    for (const [flow, flowLines] of byFlow) {
      await ctx.store.writeReferences({
        paymentIds: [...new Set(flowLines.flatMap((l) => (l.paymentId ? [l.paymentId] : [])))],
        payoutIds: [...new Set(flowLines.flatMap((l) => (l.payoutId ? [l.payoutId] : [])))],
        reference,
        voucherId: record.id,
        primary: PRIMARY[flow],
      });
    }
    await ctx.store.updateVoucher(record.id, { referencesWritten: true });
    return true;
  } catch {
    return false;
  }
}
