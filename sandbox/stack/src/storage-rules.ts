/**
 * The Storage emulator offline. It always starts a rules runtime that firebase-tools downloads
 * on first use (a jar); with no internet that fails and the whole emulator suite stops. When
 * firebase-tools has no cached runtime, and STORAGE_EMULATOR_BINARY_PATH is not set, the stack
 * builds a small deny-all stand-in (storage-rules/DenyAllStorageRules.java: refuses every
 * client request, refuses to load rules that allow anything) and points firebase-tools at it.
 * Kassa's storage.rules deny all, and the server's Admin SDK bypasses rules, so nothing the
 * product does depends on rules the stand-in cannot evaluate.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { EMULATOR_TOOLS_DIR, ROOT } from "./config.js";

const SOURCE = path.join(ROOT, "sandbox", "stack", "storage-rules", "DenyAllStorageRules.java");

function firebaseToolsStorageRuntime(): string {
  const require = createRequire(path.join(ROOT, "package.json"));
  const info = JSON.parse(fs.readFileSync(require.resolve("firebase-tools/lib/emulator/downloadableEmulatorInfo.json"), "utf8")) as {
    storage: { downloadPathRelativeToCacheDir: string };
  };
  const cacheDir = process.env["FIREBASE_EMULATORS_PATH"] ?? path.join(os.homedir(), ".cache", "firebase", "emulators");
  return path.join(cacheDir, info.storage.downloadPathRelativeToCacheDir);
}

function javaTool(name: "javac" | "jar"): string {
  const homes = [process.env["JAVA_HOME"], ...(fs.existsSync("/usr/lib/jvm") ? fs.readdirSync("/usr/lib/jvm").map((d) => path.join("/usr/lib/jvm", d)) : [])];
  for (const home of homes) {
    if (home && fs.existsSync(path.join(home, "bin", name))) return path.join(home, "bin", name);
  }
  return name;
}

/** Builds the stand-in's jar when missing or older than its source; returns its path. */
export function buildStorageRulesStandIn(dir = EMULATOR_TOOLS_DIR): string {
  const jar = path.join(dir, "storage-rules-standin.jar");
  if (fs.existsSync(jar) && fs.statSync(jar).mtimeMs >= fs.statSync(SOURCE).mtimeMs) return jar;
  const classes = path.join(dir, "storage-rules-standin");
  fs.rmSync(classes, { recursive: true, force: true });
  fs.mkdirSync(classes, { recursive: true });
  execFileSync(javaTool("javac"), ["--release", "11", "-d", classes, SOURCE], { stdio: "inherit" });
  fs.writeFileSync(path.join(classes, "MANIFEST.MF"), "Main-Class: DenyAllStorageRules\n");
  execFileSync(javaTool("jar"), ["cfm", jar, path.join(classes, "MANIFEST.MF"), "-C", classes, "DenyAllStorageRules.class"], { stdio: "inherit" });
  return jar;
}

/** Extra environment for firebase-tools so the Storage emulator starts offline. */
export function storageRulesRuntimeEnv(notes: string[]): Record<string, string> {
  if (process.env["STORAGE_EMULATOR_BINARY_PATH"]) {
    notes.push("STORAGE_EMULATOR_BINARY_PATH set by you: using it for Storage rules");
    return {};
  }
  if (fs.existsSync(firebaseToolsStorageRuntime())) {
    notes.push("firebase-tools has its own Storage rules runtime: using it");
    return {};
  }
  notes.push("Storage emulator: using Kassa's offline deny-all rules stand-in (storage.rules denies all clients)");
  return { STORAGE_EMULATOR_BINARY_PATH: buildStorageRulesStandIn() };
}
