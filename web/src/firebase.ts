/**
 * The Firebase client. In development (and whenever VITE_USE_EMULATORS=true) it talks to the
 * local emulators with the demo project, so nothing reaches Google; a production build reads
 * the real project's config from VITE_FIREBASE_* at build time.
 *
 * Firestore is not here but in firestore.ts: the sign-in page and the app's frame need only
 * Auth, and keeping Firestore's SDK (about 70 kB gzip) out of the first script lets the sign-in
 * page load without it; the pages that read Firestore are lazy chunks and fetch it alongside.
 */
import { initializeApp } from "firebase/app";
import {
  browserLocalPersistence,
  browserSessionPersistence,
  connectAuthEmulator,
  indexedDBLocalPersistence,
  initializeAuth,
} from "firebase/auth";
import { connectFunctionsEmulator, getFunctions } from "firebase/functions";
import { startAppCheck } from "./app-check";

/** True where the app talks to the local emulators (the Auth emulator has no TOTP: see security/). */
export const useEmulators = import.meta.env.DEV || import.meta.env.VITE_USE_EMULATORS === "true";

export const app = initializeApp({
  apiKey: import.meta.env.VITE_FIREBASE_API_KEY ?? "demo-api-key",
  authDomain: import.meta.env.VITE_FIREBASE_AUTH_DOMAIN ?? "demo-kassa.firebaseapp.com",
  projectId: import.meta.env.VITE_FIREBASE_PROJECT_ID ?? "demo-kassa",
  appId: import.meta.env.VITE_FIREBASE_APP_ID ?? "demo-app",
});

// Before any callable: the callables refuse requests without App Check (see app-check.ts).
startAppCheck(app, useEmulators, import.meta.env.VITE_RECAPTCHA_ENTERPRISE_SITE_KEY);

// getAuth() minus the popup/redirect resolver: Kassa signs in with email and password only,
// and the resolver loads https://apis.google.com/js/api.js and an iframe from the auth domain
// (at start-up on Safari and mobile browsers), which the hosting's Content-Security-Policy
// (firebase.json: script-src 'self' https://js.stripe.com) rightly refuses.
export const auth = initializeAuth(app, {
  persistence: [indexedDBLocalPersistence, browserLocalPersistence, browserSessionPersistence],
});
export const functions = getFunctions(app, import.meta.env.VITE_FUNCTIONS_REGION ?? "europe-west1");

if (useEmulators) {
  connectAuthEmulator(auth, "http://127.0.0.1:9099", { disableWarnings: true });
  connectFunctionsEmulator(functions, "127.0.0.1", 5001);
}
