/**
 * Composition root: the only place adapters are built and handed to use cases. Built per
 * call (cheap: SDK clients are cached underneath) so secrets are read at run time.
 */
import { FirestoreAuditLog } from "../adapters/firebase/firestore-audit-log";
import { auth, db } from "../adapters/firebase/admin";
import { FirebaseUserDirectory } from "../adapters/firebase/user-directory";
import { runtimeClock as systemClock } from "../adapters/clock/stack-clock";

export const userDeps = () => ({ users: new FirebaseUserDirectory(auth(), db()), clock: systemClock, audit: new FirestoreAuditLog(db()) });
