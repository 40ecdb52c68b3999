/**
 * zod at the boundary: parse a callable's data and turn the first problem into an
 * invalid_input error that names the field, so a client knows exactly what to fix.
 */
import type { z } from "zod";
import { invalidInput } from "../domain/errors";

export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code === "unrecognized_keys") {
    throw invalidInput(issue.keys[0] ?? "data", "is not a known field");
  }
  const field = issue && issue.path.length > 0 ? issue.path.join(".") : "data";
  throw invalidInput(field, issue?.message ?? "invalid");
}
