import { json, type Reply } from "./http.js";

/**
 * Fortnox error codes the sandbox answers with. The ones fortnox.md lists as seen in
 * production (account not found 2001304 / 2000423, locked period 2000401) are used as is;
 * the others are the sandbox's own, stable so tests can match on them. Clients should
 * treat the code as a hint and the HTTP status plus message as the contract, as they
 * must with the real Fortnox.
 */
export const FortnoxCode = {
  invalidToken: 2000311,
  missingScope: 2000663,
  badRequest: 2000106,
  notFound: 2000434,
  rateLimited: 2000429,
  descriptionInvalid: 2000755,
  transactionDateInvalid: 2000756,
  voucherSeriesInvalid: 2000757,
  commentsTooLong: 2000758,
  tooFewRows: 2000759,
  amountInvalid: 2000760,
  accountNotFound: 2001304,
  accountOutOfRange: 2000423,
  accountInactive: 2000551,
  unbalanced: 2000586,
  noFinancialYear: 2000595,
  lockedPeriod: 2000401,
  seriesNotManual: 2000712,
  injectedFault: 2000500,
} as const;

/** A failure in Fortnox's shape; `status` is the HTTP status it travels with. */
export class FortnoxError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export function fortnoxEnvelope(message: string, code: number): { ErrorInformation: { error: 1; message: string; code: number } } {
  return { ErrorInformation: { error: 1, message, code } };
}

export function fortnoxErrorReply(err: FortnoxError): Reply {
  return json(err.status, fortnoxEnvelope(err.message, err.code));
}

/** OAuth endpoints (apps.fortnox.se) answer RFC 6749 errors, not the API envelope. */
export function oauthErrorReply(status: 400 | 401, error: string, description: string): Reply {
  const headers: Record<string, string> = status === 401 ? { "www-authenticate": 'Basic realm="fortnox-sandbox"' } : {};
  return json(status, { error, error_description: description }, headers);
}
