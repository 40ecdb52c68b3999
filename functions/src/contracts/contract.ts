/**
 * What a callable promises its caller, declared once: its name, the zod schema of its input,
 * the type of its result and the errors it can answer with. The functions build the callable
 * from it (triggers/callable.ts) and the web app types its client from it (web/src/lib/callable.ts),
 * so the two sides cannot drift. Depends on zod only: the browser imports this folder.
 */
import type { z } from "zod";

/** The HttpsError codes Kassa's callables answer with (triggers/errors.ts maps error kinds to them). */
export const CALLABLE_ERROR_CODES = [
  "invalid-argument",
  "unauthenticated",
  "permission-denied",
  "not-found",
  "failed-precondition",
  "already-exists",
  "unavailable",
  "aborted",
  "resource-exhausted",
  "internal",
] as const;
export type CallableErrorCode = (typeof CALLABLE_ERROR_CODES)[number];

/**
 * Codes every callable can answer with, whatever it does: no App Check token or no sign-in
 * (unauthenticated), a role that may not call it or staff without a second factor
 * (permission-denied), input its schema refuses (invalid-argument), Auth not reachable for the
 * session check (unavailable), and anything unexpected (internal).
 */
export const COMMON_ERROR_CODES = ["unauthenticated", "permission-denied", "invalid-argument", "unavailable", "internal"] as const;

/**
 * App-level reasons (`details.reason`) every callable can set: `invalid_field` for input its
 * schema refuses (with `details.field`, the field's path, and `details.issue`), `mfa_required`
 * for staff who signed in with a password only.
 */
export const COMMON_REASONS = ["invalid_field", "mfa_required"] as const;

export interface CallableContract<N extends string = string, S extends z.ZodType = z.ZodType, R = unknown> {
  readonly name: N;
  readonly input: S;
  /** Every HttpsError code it can answer with, the common ones included. */
  readonly errors: readonly CallableErrorCode[];
  /** Every `details.reason` it can set, the common ones included. */
  readonly reasons: readonly string[];
  /** Type only, never a value: what the callable returns. */
  readonly result?: R;
}

/**
 * `contract<Result>()({ name, input, errors, reasons })`: curried so the result type is named
 * while the name and schema are inferred. `errors` and `reasons` list what this callable adds
 * to the common ones.
 */
export function contract<R>() {
  return <const N extends string, S extends z.ZodType>(def: {
    name: N;
    input: S;
    errors?: readonly CallableErrorCode[];
    reasons?: readonly string[];
  }): CallableContract<N, S, R> => ({
    name: def.name,
    input: def.input,
    errors: [...new Set([...COMMON_ERROR_CODES, ...(def.errors ?? [])])],
    reasons: [...new Set([...COMMON_REASONS, ...(def.reasons ?? [])])],
  });
}

export type InputOfContract<C> = C extends CallableContract<string, infer S, unknown> ? z.input<S> : never;
export type ParsedInputOfContract<C> = C extends CallableContract<string, infer S, unknown> ? z.output<S> : never;
export type ResultOfContract<C> = C extends CallableContract<string, z.ZodType, infer R> ? R : never;
