/** The accountant's side of the reconciliation: re-run a day now, and read the stored results for the page. */
import { assertDay, dayOf } from "../../domain/calendar-day";
import { invalidInput } from "../../domain/errors";
import { CURRENCIES } from "../../domain/money";
import type { DayReconciliation } from "../../ports/books-reconciliation-store";
import { requireRole, type Caller } from "../caller";
import { reconcileBooks, type ReconcileBooksDeps, type ReconcileBooksResult } from "./reconcile-books";

/** The day the 04:00 run reconciles: yesterday in Stockholm, which the 02:00 sync booked (24 h back from 04:00 is yesterday on DST days too). */
export const dayBefore = (nowMs: number): string => dayOf(nowMs - 86_400_000);

export async function reconcileBooksNow(deps: ReconcileBooksDeps, caller: Caller, input: { day: string }): Promise<ReconcileBooksResult> {
  requireRole(caller, "accountant", "admin");
  assertDay(input.day, "day");
  const today = dayOf(deps.clock.now().getTime());
  if (input.day >= today) throw invalidInput("day", `${input.day} is not over yet: reconcile a day before ${today}`);
  return reconcileBooks(deps, { day: input.day, runBy: caller.uid });
}

/** The newest days, or with `day` that day's records (one per currency): a day re-run long after, which the newest no longer reach. */
export async function listBooksReconciliations(deps: Pick<ReconcileBooksDeps, "store">, caller: Caller, input: { limit?: number; day?: string }): Promise<{ records: DayReconciliation[] }> {
  requireRole(caller, "accountant", "admin");
  if (input.day !== undefined) {
    assertDay(input.day, "day");
    const day = input.day;
    const found = await Promise.all(CURRENCIES.map((c) => deps.store.get(day, c)));
    return { records: found.filter((r): r is DayReconciliation => r !== null) };
  }
  return { records: await deps.store.latest(Math.min(Math.max(input.limit ?? 14, 1), 60)) };
}
