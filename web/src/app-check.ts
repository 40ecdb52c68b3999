/**
 * App Check: every callable refuses requests that do not come from this app (functions/src/
 * triggers/app-check.ts), which is what stops a script with a signed-up user's ID token from
 * calling createPaymentIntent in a loop (card testing).
 *
 * - Production: reCAPTCHA Enterprise attests the browser (VITE_RECAPTCHA_ENTERPRISE_SITE_KEY,
 *   see README, Deploying). Without a key App Check is not started and every callable is
 *   refused: a build that forgot the key fails closed, and says so in the console.
 * - Locally (the emulators): App Check's debug provider cannot work offline (it exchanges its
 *   debug token with Google's App Check service), and the Functions emulator decodes App Check
 *   tokens without verifying them. So a stand-in makes an unsigned token for the local app id,
 *   the one the emulator's callables accept; it is never used outside the emulators.
 */
import type { FirebaseApp } from "firebase/app";
import { CustomProvider, initializeAppCheck, ReCaptchaEnterpriseProvider } from "firebase/app-check";

export const LOCAL_APP_CHECK_APP_ID = "kassa-local-web";

const base64url = (o: object) => btoa(JSON.stringify(o)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

/** An unsigned App Check token for the local app, valid an hour (what the emulator decodes). */
export function localAppCheckToken(nowMs: number = Date.now()): { token: string; expireTimeMillis: number } {
  const now = Math.floor(nowMs / 1000);
  const token = `${base64url({ alg: "none", typ: "JWT" })}.${base64url({ sub: LOCAL_APP_CHECK_APP_ID, iat: now, exp: now + 3600 })}.`;
  return { token, expireTimeMillis: (now + 3600) * 1000 };
}

export function startAppCheck(app: FirebaseApp, useEmulators: boolean, siteKey: string | undefined): void {
  if (useEmulators) {
    initializeAppCheck(app, { provider: new CustomProvider({ getToken: async () => localAppCheckToken() }), isTokenAutoRefreshEnabled: true });
    return;
  }
  if (!siteKey) {
    console.error("App Check is not configured (VITE_RECAPTCHA_ENTERPRISE_SITE_KEY is empty): Kassa's server will refuse every request. See README, Deploying.");
    return;
  }
  initializeAppCheck(app, { provider: new ReCaptchaEnterpriseProvider(siteKey), isTokenAutoRefreshEnabled: true });
}
