/** Input pieces several contracts share. Messages are for logs; the web names fields itself. */
import { z } from "zod";
import { CSV_FORMATS } from "./vocabulary";

export const none = z.strictObject({});

export const day = z.string({ error: "must be a date written YYYY-MM-DD" }).regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");

/** Ids the client names (programs, plans): letters, digits, _ and -. */
export const slugId = (max: number) =>
  z
    .string({ error: "must be a string" })
    .min(1, "is required")
    .max(max, "is too long")
    .regex(/^[A-Za-z0-9_-]+$/, "has characters that are not allowed");

export const stripeId = z
  .string({ error: "is required" })
  .min(1, "is required")
  .max(255, "is too long")
  .regex(/^[A-Za-z0-9_]+$/, "is not a Stripe id");

/** The CSV file's format; left out, the standard one (what scripts and earlier clients expect). */
export const csvFormat = z.enum(CSV_FORMATS, { error: "must be excel-sv (Excel in Sweden) or standard" }).optional();
