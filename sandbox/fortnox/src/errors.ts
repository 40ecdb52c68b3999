import { json, type Reply } from "./http.js";

/**
 * Codes Fortnox is confirmed to send (fortnox.md, "Errors"): the sandbox uses each one only
 * for its confirmed meaning, so a client tuned on the sandbox never learns a wrong mapping.
 */
export const ConfirmedCode = {
  accountNotFound: 2001304,
  lockedPeriod: 2000401,
  unbalanced: 2000755,
  tooFewRows: 2001897,
  missingScope: 2000663,
  notAlphanumeric: 2000106,
} as const;

/**
 * The sandbox's own codes for conditions whose real code nobody has confirmed. None equals a
 * confirmed code. The first three keep the numbers earlier sandbox versions used (Kassa's
 * tests and its "no financial year" error refer to them); the rest are 9000xxx, a range
 * Fortnox does not use, so a reader sees at once they are not Fortnox's. The README lists them.
 */
export const SandboxCode = {
  accountInactive: 2000551,
  seriesNotManual: 2000712,
  noFinancialYear: 2000595,
  malformedBody: 9000100,
  descriptionInvalid: 9000101,
  transactionDateInvalid: 9000102,
  voucherSeriesInvalid: 9000103,
  commentsTooLong: 9000104,
  amountInvalid: 9000105,
  transactionInformationInvalid: 9000106,
  invalidParameter: 9000110,
  notFound: 9000404,
  rateLimited: 9000429,
  injectedFault: 9000500,
} as const;

export const FortnoxCode = { ...ConfirmedCode, ...SandboxCode } as const;

/**
 * A failure in Fortnox's shape. `status` is the HTTP status it travels with; the envelope
 * follows from it (see `fortnoxErrorReply`). A 401 carries no code: Fortnox sends none.
 */
export class FortnoxError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | null,
    message: string,
  ) {
    super(message);
  }
}

/** 400s (and the other statuses whose body nobody has recorded): lower-case keys. */
export function fortnoxEnvelope(message: string, code: number): { ErrorInformation: { error: 1; message: string; code: number } } {
  return { ErrorInformation: { error: 1, message, code } };
}

/** 404s: Fortnox capitalises the keys here (fortnox.md, "Errors"). */
export function fortnoxNotFoundEnvelope(message: string, code: number): { ErrorInformation: { Error: 1; Message: string; Code: number } } {
  return { ErrorInformation: { Error: 1, Message: message, Code: code } };
}

/** What a /3 call without a valid bearer token gets: no envelope, no code. */
export const unauthorizedBody = { message: "unauthorized" } as const;

export function fortnoxErrorReply(err: FortnoxError): Reply {
  if (err.status === 401) return json(401, unauthorizedBody);
  const code = err.code ?? SandboxCode.injectedFault;
  if (err.status === 404) return json(404, fortnoxNotFoundEnvelope(err.message, code));
  return json(err.status, fortnoxEnvelope(err.message, code));
}

/**
 * OAuth endpoints (apps.fortnox.se) answer RFC 6749 errors, not the API envelope, and often
 * label them text/plain or text/html: served as text/plain here so clients parse the body
 * whatever the content type says.
 */
export function oauthErrorReply(status: 400 | 401, error: string, description: string): Reply {
  const headers: Record<string, string> = status === 401 ? { "www-authenticate": 'Basic realm="fortnox-sandbox"' } : {};
  return { status, headers: { "content-type": "text/plain; charset=utf-8", ...headers }, body: JSON.stringify({ error, error_description: description }) };
}
