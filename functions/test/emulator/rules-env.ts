/**
 * A rules-test environment on the running Firestore emulator with the repo's firestore.rules.
 * Each suite passes its own project id so suites never see each other's documents.
 */
import { initializeTestEnvironment, type RulesTestEnvironment } from "@firebase/rules-unit-testing";
import { setLogLevel } from "firebase/firestore";
import fs from "node:fs";
import path from "node:path";
import { requireStack } from "./stack";

export async function rulesEnv(projectId: string): Promise<RulesTestEnvironment> {
  requireStack();
  // Denied reads and writes are the point of these tests; the SDK would log each one.
  setLogLevel("silent");
  const [host, port] = (process.env["FIRESTORE_EMULATOR_HOST"] ?? "127.0.0.1:8080").split(":");
  return initializeTestEnvironment({
    projectId,
    firestore: {
      host: host!,
      port: Number(port),
      rules: fs.readFileSync(path.join(__dirname, "../../../firestore.rules"), "utf8"),
    },
  });
}

/** Firestore as a signed-in user with the given role claim. */
export const asRole = (env: RulesTestEnvironment, uid: string, role: string) =>
  env.authenticatedContext(uid, { role }).firestore();
