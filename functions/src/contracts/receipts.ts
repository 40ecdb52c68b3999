/** A customer's receipt (kvitto) for one of their payments, with its PDF in their language. */
import { z } from "zod";
import type { Receipt } from "./shapes";
import { contract } from "./contract";

export const purchaseReceipt = contract<{ receipt: Receipt; pdfBase64: string }>()({
  name: "purchaseReceipt",
  input: z.strictObject({
    paymentId: z
      .string({ error: "is required" })
      .min(1, "is required")
      .max(255, "is too long")
      .regex(/^[A-Za-z0-9_]+$/, "is not a payment id"),
    language: z.enum(["sv", "en"], { error: "must be sv or en" }),
  }),
  errors: ["not-found", "failed-precondition"],
});
