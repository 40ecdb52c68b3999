/**
 * The Firebase client. In development (and whenever VITE_USE_EMULATORS=true) it talks to the
 * local emulators with the demo project, so nothing reaches Google; a production build reads
 * the real project's config from VITE_FIREBASE_* at build time.
 */
import { initializeApp } from "firebase/app";
import { connectAuthEmulator, getAuth } from "firebase/auth";
import { connectFirestoreEmulator, getFirestore } from "firebase/firestore";
import { connectFunctionsEmulator, getFunctions } from "firebase/functions";

const useEmulators = import.meta.env.DEV || import.meta.env.VITE_USE_EMULATORS === "true";

const app = initializeApp({
  apiKey: import.meta.env.VITE_FIREBASE_API_KEY ?? "demo-api-key",
  authDomain: import.meta.env.VITE_FIREBASE_AUTH_DOMAIN ?? "demo-kassa.firebaseapp.com",
  projectId: import.meta.env.VITE_FIREBASE_PROJECT_ID ?? "demo-kassa",
  appId: import.meta.env.VITE_FIREBASE_APP_ID ?? "demo-app",
});

export const auth = getAuth(app);
export const db = getFirestore(app);
export const functions = getFunctions(app, import.meta.env.VITE_FUNCTIONS_REGION ?? "europe-west1");

if (useEmulators) {
  connectAuthEmulator(auth, "http://127.0.0.1:9099", { disableWarnings: true });
  connectFirestoreEmulator(db, "127.0.0.1", 8080);
  connectFunctionsEmulator(functions, "127.0.0.1", 5001);
}
