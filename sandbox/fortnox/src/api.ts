import {
  companyInformation,
  getAccount,
  getFinancialYear,
  getVoucherSeries,
  listAccounts,
  listFinancialYears,
  listVoucherSeries,
  lockedPeriod,
} from "./bookkeeping.js";
import type { SandboxContext } from "./context.js";
import { FortnoxCode, FortnoxError, fortnoxErrorReply } from "./errors.js";
import type { Reply } from "./http.js";
import { authenticate, hasScope } from "./oauth.js";
import { createVoucher, getVoucher, listVouchers } from "./vouchers.js";

/**
 * /3/*: bearer auth, then the per client+tenant rate limit, then the scope the endpoint
 * needs (bookkeeping for everything but company information), then the endpoint.
 */
export function handleApi(ctx: SandboxContext, method: string, path: string, query: URLSearchParams, authorization: string | undefined, bodyText: string): Reply {
  const token = authenticate(ctx, authorization);
  if (token instanceof FortnoxError) return fortnoxErrorReply(token);
  if (!ctx.rateLimiter.allow(`${token.clientId}/${token.tenantId}`)) {
    // Fortnox sends no Retry-After; clients must back off on their own.
    return fortnoxErrorReply(new FortnoxError(429, FortnoxCode.rateLimited, "Too Many Requests: max 25 requests per 5 seconds per client and tenant"));
  }
  const result = route(ctx, method, path, query, bodyText, (scope) => hasScope(token, scope));
  return result instanceof FortnoxError ? fortnoxErrorReply(result) : result;
}

function route(ctx: SandboxContext, method: string, path: string, query: URLSearchParams, bodyText: string, scoped: (s: string) => boolean): Reply | FortnoxError {
  let parts: string[];
  try {
    parts = path.split("/").filter(Boolean).slice(1).map(decodeURIComponent);
  } catch {
    return new FortnoxError(400, FortnoxCode.invalidParameter, `Malformed path: ${path}`);
  }
  const [resource, a, b] = parts;
  const need = (scope: string) => (scoped(scope) ? undefined : new FortnoxError(403, FortnoxCode.missingScope, `The access token lacks the scope "${scope}" this endpoint needs`));

  if (resource === "companyinformation" && method === "GET" && parts.length === 1) return need("companyinformation") ?? companyInformation(ctx);
  const bookkeeping = need("bookkeeping");
  if (method === "GET" && resource === "settings" && a === "lockedperiod" && parts.length === 2) {
    return scoped("settings") ? lockedPeriod(ctx) : (bookkeeping ?? lockedPeriod(ctx));
  }
  const known = ["financialyears", "accounts", "voucherseries", "vouchers"];
  if (resource && known.includes(resource) && bookkeeping) return bookkeeping;

  if (method === "GET" && resource === "financialyears") {
    if (parts.length === 1) return listFinancialYears(ctx, query);
    if (parts.length === 2 && a) return getFinancialYear(ctx, a);
  }
  if (method === "GET" && resource === "accounts") {
    if (parts.length === 1) return listAccounts(ctx, query);
    if (parts.length === 2 && a) return getAccount(ctx, a, query);
  }
  if (method === "GET" && resource === "voucherseries") {
    if (parts.length === 1) return listVoucherSeries(ctx, query);
    if (parts.length === 2 && a) return getVoucherSeries(ctx, a, query);
  }
  if (resource === "vouchers") {
    if (method === "POST" && parts.length === 1) return createVoucher(ctx, query, bodyText);
    if (method === "GET" && parts.length === 1) return listVouchers(ctx, query);
    if (method === "GET" && parts.length === 3 && a === "sublist" && b) return listVouchers(ctx, query, b);
    if (method === "GET" && parts.length === 3 && a && b) return getVoucher(ctx, a, b, query);
  }
  return new FortnoxError(404, FortnoxCode.notFound, `No such endpoint in the sandbox: ${method} ${path}`);
}
