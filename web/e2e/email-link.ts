/**
 * The email verification link the Auth emulator "sent" (it keeps out-of-band codes instead of
 * mailing them: GET /emulator/v1/projects/{project}/oobCodes), opened as the person would.
 */
const AUTH = process.env["FIREBASE_AUTH_EMULATOR_HOST"] ?? "127.0.0.1:9099";
const PROJECT = process.env["GCLOUD_PROJECT"] ?? "demo-kassa";

export async function openVerificationLink(email: string): Promise<void> {
  const res = await fetch(`http://${AUTH}/emulator/v1/projects/${PROJECT}/oobCodes`);
  const { oobCodes } = (await res.json()) as { oobCodes: { email: string; requestType: string; oobLink: string }[] };
  const link = oobCodes.filter((c) => c.email === email && c.requestType === "VERIFY_EMAIL").at(-1);
  if (!link) throw new Error(`no verification email was sent to ${email}`);
  const opened = await fetch(link.oobLink);
  if (!opened.ok) throw new Error(`opening the verification link failed: ${opened.status}`);
}
