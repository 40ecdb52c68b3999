/**
 * Connecting Kassa to a Fortnox company: the OAuth authorization-code flow (consent URL with
 * a server-side state, callback exchanging the code), client credentials with a tenant id,
 * status for the web app, and disconnect (revoke, then forget).
 */
import { DomainError, invalidInput } from "../../domain/errors";
import type { Clock } from "../../ports/clock";
import type { FortnoxAuth } from "../../ports/fortnox-auth";
import type { FortnoxConnectionStore, FortnoxConnectionStatus } from "../../ports/fortnox-connection-store";
import { FORTNOX_REFRESH_TOKEN_SECRET, type SecretStore } from "../../ports/secret-store";
import type { AuditLog } from "../../ports/audit-log";
import type { CompanyInformation } from "../../ports/company-information";
import { requireRole, type Caller } from "../caller";
import { alertText } from "../alerts/alerts";
import { expiresAt } from "./fortnox-tokens";

export interface ConnectionDeps {
  auth: FortnoxAuth;
  connection: FortnoxConnectionStore;
  secrets: SecretStore;
  clock: Clock;
  randomState: () => string;
  audit: AuditLog;
  /** Which company a fresh access token belongs to (Fortnox's /3/companyinformation). */
  identify: (accessToken: string) => Promise<CompanyInformation>;
  /** Tells the admins (alerts/{id}) that the books now go elsewhere, or nearly did. */
  alert: (draft: { id: string; title: string; message: string; en?: { title: string; message: string } }) => Promise<void>;
}

/** The reason code the web app turns into a sentence (fortnox-return.ts). */
export const DIFFERENT_COMPANY_NEEDS_ADMIN = "different_company_needs_admin" as const;

const STATE_TTL_MS = 10 * 60_000;
const RETURN_PATHS = ["/accountant", "/admin"] as const;

export interface FortnoxStatusView {
  status: FortnoxConnectionStatus;
  mode: string | null;
  tenantId: string | null;
  connectedAt: number | null;
  connectedBy: string | null;
  lastError: string | null;
}

export async function fortnoxStatus(deps: Pick<ConnectionDeps, "connection">, caller: Caller): Promise<FortnoxStatusView> {
  requireRole(caller, "admin", "accountant");
  const c = await deps.connection.get();
  return {
    status: c.status,
    mode: c.mode ?? null,
    tenantId: c.tenantId ?? null,
    connectedAt: c.connectedAt ?? null,
    connectedBy: c.connectedBy ?? null,
    lastError: c.lastError ?? null,
  };
}

export async function fortnoxConnectUrl(
  deps: ConnectionDeps,
  caller: Caller,
  input: { redirectUri: string; returnPath?: string },
): Promise<{ url: string }> {
  requireRole(caller, "admin", "accountant");
  const returnPath = input.returnPath ?? (caller.role === "admin" ? "/admin" : "/accountant");
  if (!(RETURN_PATHS as readonly string[]).includes(returnPath)) {
    throw invalidInput("returnPath", `must be one of ${RETURN_PATHS.join(", ")}`);
  }
  const state = deps.randomState();
  await deps.connection.saveOAuthState(state, {
    uid: caller.uid,
    role: caller.role,
    redirectUri: input.redirectUri,
    returnPath,
    createdAt: deps.clock.now().getTime(),
  });
  return { url: deps.auth.consentUrl({ state, redirectUri: input.redirectUri }) };
}

/**
 * Why a connection came back without a code, as the redirect's ?reason= carries it: the
 * authorization endpoint's OAuth error codes (RFC 6749 4.1.2.1), "no_code" when Fortnox sent
 * neither a code nor an error, "unknown" for anything else. Never Fortnox's free text: the
 * web app shows a fixed message per code, so nobody can put words on Kassa's page by
 * crafting a link.
 */
export const FORTNOX_RETURN_REASONS = [
  "access_denied",
  "invalid_request",
  "unauthorized_client",
  "unsupported_response_type",
  "invalid_scope",
  "server_error",
  "temporarily_unavailable",
  "no_code",
  // Kassa's own: the consent was for another company than the books go to, by a non-admin.
  "different_company_needs_admin",
  "unknown",
] as const;
export type FortnoxReturnReason = (typeof FORTNOX_RETURN_REASONS)[number];

const reasonOf = (error: string): FortnoxReturnReason =>
  (FORTNOX_RETURN_REASONS as readonly string[]).includes(error) ? (error as FortnoxReturnReason) : "unknown";

/**
 * The browser comes back from Fortnox. Returns where to send it: the page that started the
 * flow with ?fortnox=connected, or ?fortnox=error&reason=<FortnoxReturnReason>. A wrong or
 * stale state is refused before the code is touched (it could be a forged callback).
 */
export async function completeFortnoxConnect(
  deps: ConnectionDeps,
  query: { state?: string; code?: string; error?: string; error_description?: string },
): Promise<{ returnPath: string; outcome: "connected" | "error"; reason?: FortnoxReturnReason }> {
  const record = query.state ? await deps.connection.takeOAuthState(query.state) : null;
  if (!record || deps.clock.now().getTime() - record.createdAt > STATE_TTL_MS) {
    throw new DomainError("permission", "This Fortnox connection link is not valid (unknown or expired state). Start again from Kassa.", "state");
  }
  if (query.error || !query.code) {
    return { returnPath: record.returnPath, outcome: "error", reason: query.error ? reasonOf(query.error) : "no_code" };
  }
  const tokens = await deps.auth.exchangeCode(query.code, record.redirectUri);
  if (!tokens.refreshToken) throw new DomainError("provider_rejected", "Fortnox returned no refresh token");
  const now = deps.clock.now().getTime();
  // Whose books these are: consenting as a user of another company would send every later
  // voucher there. The first connection sets the company; moving to another takes an admin.
  const company = await deps.identify(tokens.accessToken);
  const before = await deps.connection.get();
  const previous = before.organisationNumber ?? null;
  const moved = previous !== null && company.organisationNumber !== previous;
  const by = { by: record.uid, byRole: record.role ?? null, target: "fortnox", at: now };
  const companies = { from: previous, fromName: before.companyName ?? null, to: company.organisationNumber, toName: company.name };
  if (moved && record.role !== "admin") {
    await deps.auth.revoke(tokens.refreshToken);
    await deps.audit.append({ ...by, action: "fortnox_repoint_refused", details: companies });
    const org = company.organisationNumber;
    await deps.alert({
      id: `fortnox-repoint-refused-${now}`,
      ...alertText({
        sv: {
          title: "Byte av Fortnox-företag nekades",
          message: `En ${record.role === "accountant" ? "redovisningsekonom" : "användare"} (${record.uid}) försökte koppla Kassa till ${company.name} (${org ?? "inget organisationsnummer"}) i stället för ${before.companyName ?? ""} (${previous}). Inget ändrades; bara en administratör kan flytta bokföringen till ett annat företag.`,
        },
        en: {
          title: "Fortnox re-point refused",
          message: `A ${record.role ?? "user"} (${record.uid}) tried to connect Kassa to ${company.name} (${org ?? "no organisation number"}) instead of ${before.companyName ?? ""} (${previous}). Nothing changed; only an admin can move the books to another company.`,
        },
      }),
    });
    return { returnPath: record.returnPath, outcome: "error", reason: DIFFERENT_COMPANY_NEEDS_ADMIN };
  }
  // Store the refresh token before the access token is used for anything.
  await deps.secrets.writeVersion(FORTNOX_REFRESH_TOKEN_SECRET, tokens.refreshToken);
  await deps.connection.set({
    status: "connected",
    mode: "authorization_code",
    scope: tokens.scope,
    connectedAt: now,
    connectedBy: record.uid,
    accessToken: tokens.accessToken,
    accessTokenExpiresAt: expiresAt(deps.clock, tokens),
    organisationNumber: company.organisationNumber,
    companyName: company.name,
  });
  await deps.audit.append({ ...by, action: moved ? "fortnox_repointed" : "fortnox_connected", details: companies });
  if (moved) {
    const org = company.organisationNumber ?? null;
    await deps.alert({
      id: `fortnox-repointed-${now}`,
      ...alertText({
        sv: {
          title: "Fortnox bokför nu till ett annat företag",
          message: `En administratör (${record.uid}) kopplade Kassa till ${company.name} (${org ?? "inget organisationsnummer"}); tidigare bokfördes till ${before.companyName ?? ""} (${previous}).`,
        },
        en: {
          title: "Fortnox now books to another company",
          message: `An admin (${record.uid}) connected Kassa to ${company.name} (${org ?? "no organisation number"}); it booked to ${before.companyName ?? ""} (${previous}) before.`,
        },
      }),
    });
  }
  return { returnPath: record.returnPath, outcome: "connected" };
}

export async function connectFortnoxClientCredentials(
  deps: ConnectionDeps,
  caller: Caller,
  input: { tenantId: string },
): Promise<FortnoxStatusView> {
  requireRole(caller, "admin");
  // Proves the tenant's service consent now, rather than at 02:00.
  const tokens = await deps.auth.clientCredentials(input.tenantId);
  await deps.secrets.clear(FORTNOX_REFRESH_TOKEN_SECRET);
  await deps.connection.set({
    status: "connected",
    mode: "client_credentials",
    tenantId: input.tenantId,
    scope: tokens.scope,
    connectedAt: deps.clock.now().getTime(),
    connectedBy: caller.uid,
    accessToken: tokens.accessToken,
    accessTokenExpiresAt: expiresAt(deps.clock, tokens),
  });
  return fortnoxStatus(deps, caller);
}

export async function disconnectFortnox(deps: ConnectionDeps, caller: Caller): Promise<FortnoxStatusView> {
  requireRole(caller, "admin", "accountant");
  const refreshToken = await deps.secrets.readLatest(FORTNOX_REFRESH_TOKEN_SECRET);
  // Revoke first: if it fails the token still works and the admin can try again.
  if (refreshToken) await deps.auth.revoke(refreshToken);
  await deps.secrets.clear(FORTNOX_REFRESH_TOKEN_SECRET);
  const before = await deps.connection.get();
  // The company is remembered: reconnecting to another one still takes an admin.
  await deps.connection.set({ status: "disconnected", ...(before.organisationNumber !== undefined ? { organisationNumber: before.organisationNumber, companyName: before.companyName ?? "" } : {}) });
  await deps.audit.append({ action: "fortnox_disconnected", by: caller.uid, byRole: caller.role, target: "fortnox", at: deps.clock.now().getTime(), details: { organisationNumber: before.organisationNumber ?? null } });
  return fortnoxStatus(deps, caller);
}
