/** Turns Firebase errors into sentences a person can act on. */
const AUTH_MESSAGES: Record<string, string> = {
  "auth/invalid-credential": "Wrong email or password.",
  // The Auth emulator (and older projects without email enumeration protection) still
  // answers with the two specific codes; the message stays the same on purpose.
  "auth/wrong-password": "Wrong email or password.",
  "auth/user-not-found": "Wrong email or password.",
  "auth/invalid-email": "That email address does not look right.",
  "auth/user-disabled": "This account is disabled; contact an admin.",
  "auth/email-already-in-use": "An account with this email exists; sign in instead.",
  "auth/weak-password": "Choose a password of at least 6 characters.",
  "auth/too-many-requests": "Too many attempts; wait a minute and try again.",
  "auth/network-request-failed": "Cannot reach the sign-in service. Is the local stack running (npm start)?",
};

export function describeError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  if (e.code && AUTH_MESSAGES[e.code]) return AUTH_MESSAGES[e.code]!;
  if (e.code === "functions/unavailable" || e.code === "functions/internal") {
    return `${e.message ?? "The server failed"}. Try again in a moment.`;
  }
  if (e.code === "permission-denied") return "You do not have access to this.";
  return e.message ?? String(error);
}
