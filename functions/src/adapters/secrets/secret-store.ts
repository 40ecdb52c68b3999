/** Which SecretStore runs: Firestore in the emulator, Secret Manager when deployed. */
import type { Firestore } from "firebase-admin/firestore";
import type { SecretStore } from "../../ports/secret-store";
import { FirestoreSecretStore } from "./firestore-secret-store";
import { SecretManagerStore } from "./secret-manager-store";

export function secretStore(db: Firestore): SecretStore {
  if (process.env["FUNCTIONS_EMULATOR"] === "true") return new FirestoreSecretStore(db);
  const projectId = process.env["GCLOUD_PROJECT"] ?? process.env["GOOGLE_CLOUD_PROJECT"];
  if (!projectId) throw new Error("GCLOUD_PROJECT is not set; cannot reach Secret Manager");
  return new SecretManagerStore(projectId);
}
