/** The three-way reconciliation of the books (Stripe, the ledger, Fortnox): on demand and the page's read. */
import { z } from "zod";
import type { DayReconciliation } from "./shapes";
import { contract } from "./contract";
import { day } from "./fields";

export const reconcileBooksNowInput = z.strictObject({ day });

export const reconcileBooksNow = contract<{
  day: string;
  differences: number;
  alerted: boolean;
  records: { id: string; currency: string; state: string; differences: number }[];
}>()({ name: "reconcileBooksNow", input: reconcileBooksNowInput, errors: ["failed-precondition", "unavailable", "aborted"] });

export const booksReconciliations = contract<{ records: DayReconciliation[] }>()({
  name: "booksReconciliations",
  input: z.strictObject({
    limit: z.number().int("must be a whole number").min(1).max(60).optional(),
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD").optional(),
  }),
});
