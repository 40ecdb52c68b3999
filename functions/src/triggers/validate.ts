/**
 * zod at the boundary: parse a callable's data and turn the first problem into an
 * invalid_input error that names the field, so a client knows exactly what to fix.
 */
import type { z } from "zod";
import { DomainError } from "../domain/errors";

export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code === "unrecognized_keys") {
    throw fieldError(issue.keys[0] ?? "data", "is not a known field", "unrecognized_keys");
  }
  const field = issue && issue.path.length > 0 ? issue.path.join(".") : "data";
  throw fieldError(field, issue?.message ?? "invalid", issue?.code ?? "invalid");
}

/**
 * The message is English for logs; a client names the field itself from `details`: the
 * field's path (`field`), the reason `invalid_field` (declared in every contract) and zod's
 * issue code (`issue`: too_small, invalid_type, ...), so no English text has to be shown.
 */
function fieldError(field: string, message: string, issue: string): DomainError {
  return new DomainError("invalid_input", `${field}: ${message}`, field, { reason: "invalid_field", issue });
}
