/** Where everything in the local stack lives: one place for ports, paths and demo credentials. */
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const DATA_DIR = process.env["KASSA_DATA_DIR"] ?? path.join(ROOT, ".kassa-data");
export const EMULATOR_TOOLS_DIR = path.join(ROOT, ".emulators");
export const PROJECT_ID = "demo-kassa";
export const REGION = "europe-west1";

export const PORTS = {
  hub: 4400,
  logging: 4500,
  auth: 9099,
  firestore: 8080,
  functions: 5001,
  tasks: 9499,
  storage: 9199,
  web: 5173,
  /** The stack's clock and Cloud Scheduler (npm run clock, the web app's clock bar). */
  clock: 12110,
} as const;

export const HOST = "127.0.0.1";
export const WEB_URL = `http://${HOST}:${PORTS.web}`;
export const CLOCK_URL = `http://${HOST}:${PORTS.clock}`;
export const FUNCTIONS_ORIGIN = `http://${HOST}:${PORTS.functions}`;
export const FUNCTIONS_URL = `http://${HOST}:${PORTS.functions}/${PROJECT_ID}/${REGION}`;

/** Environment a process needs to talk to the local stack with the Admin SDK. */
export const emulatorEnv = (): Record<string, string> => ({
  GCLOUD_PROJECT: PROJECT_ID,
  FIREBASE_PROJECT_ID: PROJECT_ID,
  FIRESTORE_EMULATOR_HOST: `${HOST}:${PORTS.firestore}`,
  FIREBASE_AUTH_EMULATOR_HOST: `${HOST}:${PORTS.auth}`,
  CLOUD_TASKS_EMULATOR_HOST: `${HOST}:${PORTS.tasks}`,
  FIREBASE_STORAGE_EMULATOR_HOST: `${HOST}:${PORTS.storage}`,
  FUNCTIONS_EMULATOR_URL: FUNCTIONS_URL,
  KASSA_WEB_URL: WEB_URL,
  KASSA_CLOCK_URL: CLOCK_URL,
});
