/**
 * The closed set of failures Kassa reports. Use cases throw these; the trigger layer maps
 * them once to HttpsError codes (callables) or HTTP statuses (webhooks), so a provider's
 * own error never leaks to a client and every failure says why in words a person can act on.
 */
export type ErrorKind =
  | "invalid_input"
  | "unauthenticated"
  | "permission"
  | "not_found"
  | "precondition"
  | "conflict"
  | "provider_unavailable"
  | "provider_rejected"
  /** Too many of something in a window (a quota): try again later. */
  | "rate_limited";

export class DomainError extends Error {
  override readonly name = "DomainError";

  constructor(
    readonly kind: ErrorKind,
    message: string,
    /** The input field at fault, when one is (e.g. "amount", "uid"). */
    readonly field?: string,
    /** Machine-readable details safe to show a client (never secrets). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const invalidInput = (field: string, message: string): DomainError =>
  new DomainError("invalid_input", `${field}: ${message}`, field);

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
