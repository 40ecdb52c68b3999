import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { SandboxContext } from "./context.js";
import { FortnoxError, oauthErrorReply } from "./errors.js";
import { html, json, redirect, type Reply } from "./http.js";
import { consentPage, oauthErrorPage } from "./pages.js";
import type { Grant, IssuedToken } from "./state.js";

const accessTokenLifetimeS = 3600;
const authCodeLifetimeMs = 10 * 60 * 1000;
const refreshTokenLifetimeMs = 45 * 24 * 3600 * 1000;
/** What a consent grants when the client asks for no scope, and what client credentials get by default. */
const defaultScope = "bookkeeping companyinformation";

function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Looks like Fortnox's JWT so clients that log its shape see the real thing; never verified by anyone. */
function accessTokenFor(grant: Grant, expiresAtMs: number): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const payload = { iss: "fortnox-sandbox", tenantId: grant.tenantId, clientId: grant.clientId, scope: grant.scope, exp: Math.floor(expiresAtMs / 1000), jti: randomToken(8) };
  return `${part({ alg: "HS256", typ: "JWT" })}.${part(payload)}.${randomToken(32)}`;
}

/** GET /oauth-v1/auth: the consent page. A bad client or redirect is shown, never redirected to. */
export function authPage(ctx: SandboxContext, query: URLSearchParams): Reply {
  const clientId = query.get("client_id") ?? "";
  const redirectUri = query.get("redirect_uri") ?? "";
  if (clientId !== ctx.config.clientId) return html(400, oauthErrorPage(`Unknown client_id "${clientId}".`));
  if (!isHttpUrl(redirectUri)) return html(400, oauthErrorPage("redirect_uri must be an absolute http(s) URL."));
  if (query.get("response_type") !== "code") return redirect(withParams(redirectUri, { error: "unsupported_response_type", state: query.get("state") ?? "" }));
  return html(
    200,
    consentPage({
      clientId,
      redirectUri,
      scope: query.get("scope") || defaultScope,
      state: query.get("state") ?? "",
      accountType: query.get("account_type") ?? "",
      tenantId: ctx.config.tenantId,
    }),
  );
}

/** POST /oauth-v1/auth/decision: the consent form's Allow / Deny. */
export function authDecision(ctx: SandboxContext, form: URLSearchParams): Reply {
  const clientId = form.get("client_id") ?? "";
  const redirectUri = form.get("redirect_uri") ?? "";
  const state = form.get("state") ?? "";
  if (clientId !== ctx.config.clientId || !isHttpUrl(redirectUri)) return html(400, oauthErrorPage("Invalid consent form."));
  if (form.get("decision") !== "allow") return redirect(withParams(redirectUri, { error: "access_denied", error_description: "The user denied the request", state }));
  const scope = form.get("scope") || defaultScope;
  const tenantId = ctx.config.tenantId;
  const s = ctx.store.state;
  if (form.get("account_type") === "service") s.serviceConsents[tenantId] = scope;
  const code = randomToken(24);
  s.authCodes[code] = { clientId, tenantId, scope, grantId: randomToken(12), redirectUri, expiresAtMs: ctx.store.nowMs() + authCodeLifetimeMs };
  ctx.store.save();
  return redirect(withParams(redirectUri, { code, state }));
}

/** POST /oauth-v1/token for the authorization_code, refresh_token and client_credentials grants. */
export function token(ctx: SandboxContext, headers: IncomingHttpHeaders, form: URLSearchParams): Reply {
  const clientError = checkClient(ctx, headers.authorization);
  if (clientError) return clientError;
  purgeExpired(ctx);
  const s = ctx.store.state;
  const now = ctx.store.nowMs();
  switch (form.get("grant_type")) {
    case "authorization_code": {
      const code = form.get("code") ?? "";
      const entry = s.authCodes[code];
      if (!entry || entry.expiresAtMs <= now) return oauthErrorReply(400, "invalid_grant", "Authorization code is invalid, expired or already used");
      if (entry.clientId !== ctx.config.clientId) return oauthErrorReply(400, "invalid_grant", "Authorization code was issued to another client");
      // A wrong redirect_uri does not burn the code: the check is about the request, not the code.
      if (form.get("redirect_uri") !== entry.redirectUri) return oauthErrorReply(400, "invalid_grant", "redirect_uri does not match the authorization request");
      delete s.authCodes[code];
      return issue(ctx, entry, true);
    }
    case "refresh_token": {
      const refresh = form.get("refresh_token") ?? "";
      const entry = s.refreshTokens[refresh];
      if (!entry || entry.expiresAtMs <= now) return oauthErrorReply(400, "invalid_grant", "Refresh token is invalid, expired, revoked or already used");
      // Single use, checked and deleted in one synchronous step: of two concurrent refreshes with
      // the same token exactly one wins, as on the real Fortnox.
      delete s.refreshTokens[refresh];
      return issue(ctx, entry, true);
    }
    case "client_credentials": {
      const tenantId = String(headers.tenantid ?? "");
      if (!tenantId) return oauthErrorReply(400, "invalid_request", "Header TenantId is required for client_credentials");
      const consented = s.serviceConsents[tenantId];
      const ownTenantWithoutConsent = tenantId === ctx.config.tenantId && !ctx.config.requireServiceConsent;
      if (consented === undefined && !ownTenantWithoutConsent) return oauthErrorReply(400, "unauthorized_client", `Tenant ${tenantId} has not given a service account consent to this client`);
      return issue(ctx, { clientId: ctx.config.clientId, tenantId, scope: consented ?? defaultScope, grantId: randomToken(12) }, false);
    }
    default:
      return oauthErrorReply(400, "unsupported_grant_type", "grant_type must be authorization_code, refresh_token or client_credentials");
  }
}

/** POST /oauth-v1/revoke: ends the whole grant (refresh and access tokens), so a disconnect is immediate. */
export function revoke(ctx: SandboxContext, headers: IncomingHttpHeaders, form: URLSearchParams): Reply {
  const clientError = checkClient(ctx, headers.authorization);
  if (clientError) return clientError;
  const value = form.get("token") ?? "";
  if (!value) return oauthErrorReply(400, "invalid_request", "token is required");
  const s = ctx.store.state;
  const entry = s.refreshTokens[value] ?? s.accessTokens[value];
  // RFC 7009: an unknown token is not an error, the client's goal (token unusable) is met.
  if (entry) {
    revokeGrant(ctx, entry.grantId);
    ctx.store.save();
  }
  return { status: 200, headers: {}, body: "" };
}

/** Resolves the bearer token of an API call, or the 401 Fortnox answers. */
export function authenticate(ctx: SandboxContext, authorization: string | undefined): IssuedToken | FortnoxError {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!match?.[1]) return new FortnoxError(401, null, "missing Authorization: Bearer <access token>");
  const entry = ctx.store.state.accessTokens[match[1]];
  if (!entry) return new FortnoxError(401, null, "invalid or revoked access token");
  if (entry.expiresAtMs <= ctx.store.nowMs()) return new FortnoxError(401, null, "access token has expired");
  return entry;
}

export function hasScope(token: Grant, scope: string): boolean {
  return token.scope.split(/\s+/).includes(scope);
}

export function activeTokenCounts(ctx: SandboxContext): { access_tokens: number; refresh_tokens: number; auth_codes: number } {
  const now = ctx.store.nowMs();
  const live = (m: Record<string, { expiresAtMs: number }>) => Object.values(m).filter((t) => t.expiresAtMs > now).length;
  const s = ctx.store.state;
  return { access_tokens: live(s.accessTokens), refresh_tokens: live(s.refreshTokens), auth_codes: live(s.authCodes) };
}

function issue(ctx: SandboxContext, grant: Grant, withRefresh: boolean): Reply {
  const s = ctx.store.state;
  const now = ctx.store.nowMs();
  const base: Grant = { clientId: grant.clientId, tenantId: grant.tenantId, scope: grant.scope, grantId: grant.grantId };
  const accessExpires = now + accessTokenLifetimeS * 1000;
  const access = accessTokenFor(base, accessExpires);
  s.accessTokens[access] = { ...base, expiresAtMs: accessExpires };
  const body: Record<string, unknown> = { access_token: access, scope: base.scope, expires_in: accessTokenLifetimeS, token_type: "bearer" };
  if (withRefresh) {
    const refresh = randomToken(30);
    s.refreshTokens[refresh] = { ...base, expiresAtMs: now + refreshTokenLifetimeMs };
    body.refresh_token = refresh;
  }
  ctx.store.save();
  return json(200, body, { "cache-control": "no-store" });
}

function revokeGrant(ctx: SandboxContext, grantId: string): void {
  const s = ctx.store.state;
  for (const map of [s.accessTokens, s.refreshTokens]) {
    for (const [key, value] of Object.entries(map)) if (value.grantId === grantId) delete map[key];
  }
}

function purgeExpired(ctx: SandboxContext): void {
  const now = ctx.store.nowMs();
  const s = ctx.store.state;
  for (const map of [s.accessTokens, s.refreshTokens, s.authCodes] as Array<Record<string, { expiresAtMs: number }>>) {
    for (const [key, value] of Object.entries(map)) if (value.expiresAtMs <= now) delete map[key];
  }
}

/** Fortnox authenticates the client with HTTP Basic only (no secret in the form body). */
function checkClient(ctx: SandboxContext, authorization: string | undefined): Reply | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? "");
  if (!match?.[1]) return oauthErrorReply(401, "invalid_client", "HTTP Basic client authentication is required");
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const sep = decoded.indexOf(":");
  const id = safeDecode(decoded.slice(0, sep));
  const secret = safeDecode(decoded.slice(sep + 1));
  if (sep < 0 || id !== ctx.config.clientId || secret !== ctx.config.clientSecret) return oauthErrorReply(401, "invalid_client", "Unknown client or wrong client secret");
  return undefined;
}

/** RFC 6749 form-encodes Basic credentials; most clients do not, and both must work. */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

function withParams(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v !== "") url.searchParams.set(k, v);
  return url.toString();
}
