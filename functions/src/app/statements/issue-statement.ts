/**
 * Payout statements: issued when a payout becomes paid (a trigger on the payout document),
 * or on first request if that trigger has not run yet; shown to the coach and as a PDF.
 *
 * Why the number is allocated when the payout becomes paid, in the same transaction that
 * writes the statement (and lazily only as a fallback): the series then follows the order
 * payouts were paid in, every paid payout has its number whether or not the coach ever
 * opens it, and the year's last number equals the year's count of paid payouts, which is
 * how an accountant sees the series is unbroken. Allocating only on first request would
 * number in the order coaches happen to look, leave paid payouts unnumbered, and put a
 * December payout opened in January at the end of the wrong year's series. Either way the
 * transaction (counter + statement, keyed by the payout) is what makes a retried trigger or
 * two concurrent first requests get one number, never two, and never skip one.
 */
import { inLedgerCurrency } from "../payments/payment-record";
import { dayOf } from "../../domain/calendar-day";
import { DEFAULT_BAS_MAPPING } from "../../domain/accounting";
import { DomainError } from "../../domain/errors";
import { buildStatement, type PayoutStatement, type StatementAdjustment, type StatementSale } from "../../domain/statements/payout-statement";
import type { AccountingStore } from "../../ports/accounting-store";
import type { Clock } from "../../ports/clock";
import type { PayoutRecord } from "../../ports/payout-store";
import type { StatementPdfRenderer, StatementSources, StatementStore } from "../../ports/statement-store";
import { requireRole, type Caller } from "../caller";

export interface StatementDeps {
  statements: StatementStore;
  sources: StatementSources;
  settings: Pick<AccountingStore, "settings">;
  clock: Clock;
}

/** The year whose series numbers a payout: the Stockholm year of the day it was paid. */
export const statementYear = (paidAt: number): number => Number(dayOf(paidAt).slice(0, 4));

export async function issueStatement(deps: StatementDeps, input: { payoutId: string; paidAt?: number }): Promise<{ statement: PayoutStatement; created: boolean }> {
  const existing = await deps.statements.get(input.payoutId);
  if (existing) return { statement: existing, created: false };
  const payout = await deps.sources.payout(input.payoutId);
  if (!payout) throw new DomainError("not_found", `payoutId: no payout ${input.payoutId}`, "payoutId");
  if (payout.status !== "paid") throw new DomainError("precondition", `Payout ${payout.id} is ${payout.status}: a statement is made once it is paid.`);
  // A record without updatedAt (written by hand) is numbered for the moment it is issued,
  // rather than failing for ever: the trigger retries, and a date it cannot read never changes.
  const paidAt = input.paidAt ?? (Number.isFinite(payout.updatedAt) ? payout.updatedAt : deps.clock.now().getTime());
  const [payments, settings] = await Promise.all([deps.sources.payments(payout.relatedPaymentIds), deps.settings.settings()]);
  const sales: StatementSale[] = payments.map((p) => ({ paymentId: p.id, date: p.date, description: p.description ?? p.programId ?? "Sale", grossMinor: inLedgerCurrency(p).gross, feeMinor: inLedgerCurrency(p).fee, coachShareMinor: inLedgerCurrency(p).coach }));
  const adjustments: StatementAdjustment[] = payout.lineItems.filter((l) => l.kind === "adjustment").map((l) => ({ description: l.description, amountMinor: l.coachAmount }));
  const year = statementYear(paidAt);
  const issuedAt = deps.clock.now().getTime();
  return deps.statements.issue(payout.id, year, (sequence) =>
    buildStatement({
      payoutId: payout.id,
      coachId: payout.coachId,
      stripeAccountId: payout.stripeAccountId,
      currency: payout.currency,
      amountMinor: payout.amount,
      paidAt,
      year,
      sequence,
      vatBps: settings?.mapping.vatBps ?? DEFAULT_BAS_MAPPING.vatBps,
      sales,
      adjustments,
      issuedAt,
    }),
  );
}

/** The trigger's rule: a statement is due when a payout has just become paid. */
export const becamePaid = (before: Pick<PayoutRecord, "status"> | null, after: Pick<PayoutRecord, "status"> | null): boolean => after?.status === "paid" && before?.status !== "paid";

async function readable(deps: StatementDeps, caller: Caller, payoutId: string): Promise<PayoutStatement> {
  requireRole(caller, "coach", "admin", "accountant");
  const existing = await deps.statements.get(payoutId);
  const owner = existing?.coachId ?? (await deps.sources.payout(payoutId))?.coachId;
  // A coach asking for another coach's payout learns nothing about it, not even that it exists.
  if (!owner || (caller.role === "coach" && owner !== caller.uid)) throw new DomainError("not_found", `payoutId: no statement for payout ${payoutId}`, "payoutId");
  return existing ?? (await issueStatement(deps, { payoutId })).statement;
}

export const payoutStatement = (deps: StatementDeps, caller: Caller, input: { payoutId: string }): Promise<PayoutStatement> => readable(deps, caller, input.payoutId);

export async function payoutStatementPdf(deps: StatementDeps & { pdf: StatementPdfRenderer }, caller: Caller, input: { payoutId: string }): Promise<{ fileName: string; bytes: Uint8Array; number: string }> {
  const statement = await readable(deps, caller, input.payoutId);
  return { fileName: `kassa-statement-${statement.number}.pdf`, bytes: await deps.pdf.render(statement), number: statement.number };
}

export async function myStatements(deps: Pick<StatementDeps, "statements">, caller: Caller): Promise<{ statements: PayoutStatement[] }> {
  requireRole(caller, "coach");
  return { statements: await deps.statements.forCoach(caller.uid, 50) };
}
