/**
 * The one place domain errors become transport errors. Callables get an HttpsError whose
 * code a client can branch on and whose message says why; anything unexpected is logged
 * with its stack and surfaces as `internal` without leaking provider details.
 */
import { HttpsError, type FunctionsErrorCode } from "firebase-functions/v2/https";
import { logger } from "firebase-functions";
import { type ErrorKind, isDomainError } from "../domain/errors";

const HTTPS_CODE: Record<ErrorKind, FunctionsErrorCode> = {
  invalid_input: "invalid-argument",
  unauthenticated: "unauthenticated",
  permission: "permission-denied",
  not_found: "not-found",
  precondition: "failed-precondition",
  conflict: "already-exists",
  provider_unavailable: "unavailable",
  provider_rejected: "aborted",
  rate_limited: "resource-exhausted",
};

const HTTP_STATUS: Record<ErrorKind, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  permission: 403,
  not_found: 404,
  precondition: 409,
  conflict: 409,
  provider_unavailable: 503,
  provider_rejected: 502,
  rate_limited: 429,
};

export function toHttpsError(error: unknown): HttpsError {
  if (error instanceof HttpsError) return error;
  if (isDomainError(error)) {
    return new HttpsError(HTTPS_CODE[error.kind], error.message, {
      kind: error.kind,
      ...(error.field ? { field: error.field } : {}),
      ...error.details,
    });
  }
  logger.error("unexpected error", { error: error instanceof Error ? error.stack : String(error) });
  return new HttpsError("internal", "Something went wrong on our side; it has been logged.");
}

export function toHttpStatus(error: unknown): number {
  return isDomainError(error) ? HTTP_STATUS[error.kind] : 500;
}
