/**
 * Firestore for the pages that read it. Apart from firebase.ts so that only lazily loaded
 * modules import it, and its SDK stays out of the first script (see firebase.ts).
 */
import { connectFirestoreEmulator, getFirestore } from "firebase/firestore";
import { app, useEmulators } from "./firebase";

export const db = getFirestore(app);

if (useEmulators) connectFirestoreEmulator(db, "127.0.0.1", 8080);
