/**
 * App Check on every callable: a request must come from Kassa's own web app, not from a
 * script holding a signed-up user's ID token (the card-testing setup: sign up, then call
 * createPaymentIntent in a loop). firebase-functions refuses a missing or invalid token
 * before the handler runs (`enforceAppCheck`); in production the token is verified with the
 * Admin SDK (reCAPTCHA Enterprise attestation, see README, Deploying).
 *
 * The emulator verifies nothing (firebase-functions decodes App Check tokens there without
 * checking a signature, as it does ID tokens), and App Check's debug provider cannot be used
 * offline (it exchanges its debug token with Google's App Check service). So locally the web
 * app, the demo history and the tests send a token made for the local app id below, and this
 * check refuses any other: a missing token and one not made for Kassa are refused in the
 * emulator as in production.
 */
import type { CallableRequest } from "firebase-functions/v2/https";
import { DomainError } from "../domain/errors";

/** The app id the local stand-in's tokens name (`sub`); see web/src/app-check.ts. */
export const LOCAL_APP_CHECK_APP_ID = "kassa-local-web";

type Env = Readonly<Record<string, string | undefined>>;

const REFUSED = "This request did not come from the Kassa app (App Check). Reload the page and try again.";

/**
 * Refuses a request without App Check data, and in the emulator one whose token was not made
 * for the local app. `allowedAppIds` (APP_CHECK_APP_IDS, comma-separated; empty: any app of
 * the project) narrows production to the web app's id.
 */
export function requireAppCheck(app: CallableRequest["app"], env: Env, allowedAppIds: readonly string[] = []): void {
  if (!app) throw new DomainError("unauthenticated", REFUSED);
  if (env["FUNCTIONS_EMULATOR"] === "true") {
    if (app.appId !== LOCAL_APP_CHECK_APP_ID) throw new DomainError("unauthenticated", REFUSED);
    return;
  }
  if (allowedAppIds.length > 0 && !allowedAppIds.includes(app.appId)) throw new DomainError("unauthenticated", REFUSED);
}

export const parseAppIds = (value: string): string[] =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
