/** A coach's programs (title, description, price). */
import { z } from "zod";
import { contract } from "./contract";
import { CURRENCIES } from "./vocabulary";

export const saveProgram = contract<{ programId: string; priceVersion: number; stripePriceId: string }>()({
  name: "saveProgram",
  input: z.strictObject({
    programId: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[A-Za-z0-9_-]+$/, "has characters that are not allowed")
      .optional(),
    coachId: z.string().min(1).max(128).optional(),
    title: z
      .string({ error: "is required" })
      .trim()
      .min(3, "must be at least 3 characters")
      .max(120, "must be at most 120 characters"),
    description: z.string().trim().max(2000, "must be at most 2000 characters").default(""),
    price: z.strictObject({
      amount: z
        .number({ error: "must be a number of minor units (öre)" })
        .int("must be whole minor units (öre)")
        .positive("must be greater than 0")
        .max(10_000_000, "is too large"),
      currency: z.enum(CURRENCIES, { error: `must be one of ${CURRENCIES.join(", ")}` }),
    }),
    active: z.boolean().default(true),
  }),
  errors: ["not-found", "failed-precondition", "aborted"],
  reasons: ["below_stripe_minimum"],
});
