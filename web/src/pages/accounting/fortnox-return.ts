/**
 * What the accountant reads after Fortnox sends the browser back with ?fortnox=error&reason=.
 * The reason is a code the server chose (FortnoxReturnReason), but the URL is anyone's to
 * write, so only known codes get their words; anything else gets one generic sentence and
 * the raw text is never shown (a crafted link could otherwise put "call this number" on
 * Kassa's own page).
 */
import type { FortnoxReturnReason } from "@server/app/accounting/fortnox-connection";

const TRY_AGAIN = "Press Connect Fortnox to try again.";
const SETUP = "Check the Fortnox integration's client id, redirect URI and scopes (README, Fortnox).";

const MESSAGES: Record<FortnoxReturnReason, string> = {
  access_denied: `Fortnox did not connect: the consent was declined at Fortnox. ${TRY_AGAIN}`,
  invalid_request: `Fortnox did not connect: Fortnox found the connection request malformed. ${SETUP}`,
  unauthorized_client: `Fortnox did not connect: Fortnox does not allow this integration to connect. ${SETUP}`,
  unsupported_response_type: `Fortnox did not connect: Fortnox does not support the requested sign-in. ${SETUP}`,
  invalid_scope: `Fortnox did not connect: the requested permissions (scopes) are not enabled for this integration. ${SETUP}`,
  server_error: `Fortnox did not connect: Fortnox had an error. Try again in a few minutes.`,
  temporarily_unavailable: `Fortnox did not connect: Fortnox is temporarily unavailable. Try again in a few minutes.`,
  no_code: `Fortnox did not connect: Fortnox sent no authorization back. ${TRY_AGAIN}`,
  different_company_needs_admin: "Fortnox did not connect: you signed in to Fortnox for another company than the one Kassa books to. Only an admin can move the books to another company; nothing was changed and the admins were told.",
  unknown: `Fortnox did not connect. ${TRY_AGAIN}`,
};

/** The message for a ?reason= value; an unknown or missing one gets the generic message. */
export function fortnoxReturnMessage(reason: string | null): string {
  // Object.hasOwn, not `in`: "toString" or "__proto__" in a URL must not reach the prototype.
  return reason !== null && Object.hasOwn(MESSAGES, reason) ? MESSAGES[reason as FortnoxReturnReason] : MESSAGES.unknown;
}
