/** The app's TotpSdk over its one Auth instance (kept apart so tests never load firebase.ts). */
import { auth, useEmulators } from "../firebase";
import { firebaseTotpSdk } from "./totp-sdk";

export const totp = firebaseTotpSdk(auth);
/** The Auth emulator cannot enroll TOTP (firebase-tools #6224); the page says so instead of trying. */
export const totpUnavailableHere = useEmulators;
