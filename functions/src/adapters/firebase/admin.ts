/**
 * One lazily initialised Admin app per process. Lazy so importing a trigger module (as the
 * deploy tooling and unit tests do) never touches credentials.
 */
import { getApps, initializeApp, type App } from "firebase-admin/app";
import { getAuth, type Auth } from "firebase-admin/auth";
import { getFirestore, type Firestore } from "firebase-admin/firestore";

let app: App | undefined;

export function adminApp(): App {
  app ??= getApps()[0] ?? initializeApp();
  return app;
}

export const db = (): Firestore => getFirestore(adminApp());
export const auth = (): Auth => getAuth(adminApp());
