/**
 * Turns Firebase errors into sentences a person can act on, in the active language. Never a
 * field path, an HTTP status or an öre amount: a known reason code gets its own sentence, a
 * callable's error code a generic one, and the server's own message is added only when it
 * still reads as a sentence once its field path and status are stripped.
 */
import { i18n } from "../i18n";
import { formatMoney } from "./money";
import { reportMfaRequired } from "../security/mfa-notice";

const AUTH_KEYS: Record<string, string> = {
  "auth/invalid-credential": "errors.wrongCredentials",
  // The Auth emulator (and older projects without email enumeration protection) still
  // answers with the two specific codes; the message stays the same on purpose.
  "auth/wrong-password": "errors.wrongCredentials",
  "auth/user-not-found": "errors.wrongCredentials",
  "auth/invalid-email": "errors.invalidEmail",
  "auth/user-disabled": "errors.userDisabled",
  "auth/email-already-in-use": "errors.emailInUse",
  "auth/weak-password": "errors.weakPassword",
  "auth/too-many-requests": "errors.tooManyRequests",
  "auth/network-request-failed": "errors.network",
};

const CODE_KEYS: Record<string, string> = {
  unavailable: "errors.unavailable",
  internal: "errors.internal",
  "permission-denied": "errors.permissionDenied",
  unauthenticated: "errors.unauthenticated",
  "not-found": "errors.notFound",
  "already-exists": "errors.alreadyExists",
  "failed-precondition": "errors.failedPrecondition",
  "invalid-argument": "errors.invalidArgument",
  "resource-exhausted": "errors.resourceExhausted",
  "deadline-exceeded": "errors.deadlineExceeded",
};

interface Details {
  reason?: string;
  currency?: string;
  remaining?: number;
  available?: number;
  minimum?: number;
}

/**
 * The server's message when a person can read it: the leading field path ("price.amount: ")
 * and a trailing status ("[400]") removed; null when what is left still shows machine
 * values (a bare number of öre, an amount with a currency code, a path or an identifier).
 */
export function humanServerMessage(message: string | undefined): string | null {
  if (!message) return null;
  let m = message.trim().replace(/\s*\[\d{3}\]\s*$/, "");
  m = m.replace(/^[A-Za-z_][\w]*(?:\[\d+\])?(?:\.[\w]+(?:\[\d+\])?)*:\s+/, "");
  if (!m) return null;
  // Email addresses and dates are for people; what remains is checked for machine values.
  const probe = m.replace(/[^\s@]+@[^\s@]+\.\w+/g, "EMAIL").replace(/\b\d{4}-\d{2}-\d{2}\b/g, "DAY");
  if (/\d{4,}/.test(probe)) return null; // öre amounts, ids
  if (/\b\d+(?:[.,]\d+)?\s*(?:SEK|EUR|NOK|DKK|USD)\b/i.test(probe)) return null;
  if (/\b\w*_\w+\b|\b[a-z_]{2,}(?:\.[a-z_]{2,})+\b/i.test(probe)) return null; // field paths and codes inside the text
  if (/^\d|\b(?:HTTP|status)\s*\d{3}\b/i.test(m)) return null;
  m = m.charAt(0).toUpperCase() + m.slice(1);
  return /[.!?]$/.test(m) ? m : `${m}.`;
}

const money = (amount: unknown, currency: unknown): string =>
  typeof amount === "number" && Number.isSafeInteger(amount) && typeof currency === "string" ? formatMoney({ amount, currency }) : "";

export function describeError(error: unknown): string {
  const t = i18n.t.bind(i18n);
  const e = (error ?? {}) as { code?: string; message?: string; details?: unknown };
  const code = typeof e.code === "string" ? e.code : "";
  if (AUTH_KEYS[code]) return t(AUTH_KEYS[code]!);
  const details = (e.details && typeof e.details === "object" ? e.details : {}) as Details;
  // Wherever the refusal is shown, the top bar also links to the page that fixes it.
  if (details.reason === "mfa_required") reportMfaRequired();
  if (details.reason && i18n.exists(`errors.reasons.${details.reason}`)) {
    return t(`errors.reasons.${details.reason}`, {
      remaining: money(details.remaining, details.currency),
      available: money(details.available, details.currency),
      minimum: money(details.minimum, details.currency),
    });
  }
  const bare = code.replace(/^functions\//, "");
  // Internal and unavailable errors carry provider wording at best: the generic sentence only.
  if (bare === "internal" || bare === "unavailable") return t(CODE_KEYS[bare]!);
  const generic = t(CODE_KEYS[bare] ?? "errors.generic");
  const human = humanServerMessage(e.message);
  return human ? t("errors.withServer", { generic, detail: human }) : generic;
}
