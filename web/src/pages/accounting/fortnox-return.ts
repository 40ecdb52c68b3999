/**
 * What the accountant reads after Fortnox sends the browser back with ?fortnox=error&reason=.
 * The reason is a code the server chose (FortnoxReturnReason), but the URL is anyone's to
 * write, so only known codes get their words; anything else gets one generic sentence and
 * the raw text is never shown (a crafted link could otherwise put "call this number" on
 * Kassa's own page).
 */
import type { FortnoxReturnReason } from "@server/contracts/shapes";
import { i18n } from "../../i18n";

/** What the accountant can do next after each refusal (the sentence after the reason). */
const NEXT: Record<FortnoxReturnReason, "tryAgain" | "setup" | "later" | null> = {
  access_denied: "tryAgain",
  invalid_request: "setup",
  unauthorized_client: "setup",
  unsupported_response_type: "setup",
  invalid_scope: "setup",
  server_error: "later",
  temporarily_unavailable: "later",
  no_code: "tryAgain",
  different_company_needs_admin: null,
  unknown: "tryAgain",
};

/** The message for a ?reason= value; an unknown or missing one gets the generic message. */
export function fortnoxReturnMessage(reason: string | null): string {
  // Object.hasOwn, not `in`: "toString" or "__proto__" in a URL must not reach the prototype.
  const known: FortnoxReturnReason = reason !== null && Object.hasOwn(NEXT, reason) ? (reason as FortnoxReturnReason) : "unknown";
  const next = NEXT[known];
  return i18n.t(`accounting.return.${known}`, { next: next ? i18n.t(`accounting.return.${next}`) : "" });
}
