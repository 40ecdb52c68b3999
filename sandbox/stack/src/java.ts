/**
 * The Firestore emulator offline. firebase-tools downloads its jar on first use; with no
 * internet that fails, but the machine image carries the same emulator as a Debian package.
 * We step in only when firebase-tools has no cached jar of its own, so a user with internet
 * keeps the normal path. See shared/design/local-runtime.md.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { EMULATOR_TOOLS_DIR, ROOT } from "./config.js";

const DEBIAN_JAR = "/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar";
const FIRESTORE_MAIN = "com.google.cloud.datastore.emulator.firestore.CloudFirestore";
const MIN_JAVA_FOR_FIREBASE_TOOLS = 21;

export interface EmulatorPrep {
  /** Extra environment for the firebase-tools process. */
  env: Record<string, string>;
  notes: string[];
}

function javaMajor(javaBin: string): number | null {
  // `java -version` prints on stderr; spawnSync keeps both streams.
  const out = spawnSync(javaBin, ["-version"], { encoding: "utf8" });
  return out.error ? null : parseMajor(`${out.stdout}${out.stderr}`);
}

function parseMajor(text: string): number | null {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (!m?.[1]) return null;
  const first = Number(m[1]);
  return first === 1 && m[2] ? Number(m[2]) : first;
}

function firebaseToolsFirestoreJar(): string {
  const require = createRequire(path.join(ROOT, "package.json"));
  const infoPath = require.resolve("firebase-tools/lib/emulator/downloadableEmulatorInfo.json");
  const info = JSON.parse(fs.readFileSync(infoPath, "utf8")) as {
    firestore: { downloadPathRelativeToCacheDir: string };
  };
  const cacheDir = process.env["FIREBASE_EMULATORS_PATH"] ?? path.join(os.homedir(), ".cache", "firebase", "emulators");
  return path.join(cacheDir, info.firestore.downloadPathRelativeToCacheDir);
}

/** A jar with only a manifest: Main-Class plus a Class-Path pointing at the Debian jar. */
function launcherJar(): string {
  const dir = path.join(EMULATOR_TOOLS_DIR, "firestore-launcher");
  const jar = path.join(EMULATOR_TOOLS_DIR, "firestore-launcher.jar");
  if (fs.existsSync(jar)) return jar;
  fs.mkdirSync(dir, { recursive: true });
  const manifest = path.join(dir, "MANIFEST.MF");
  fs.writeFileSync(manifest, `Main-Class: ${FIRESTORE_MAIN}\nClass-Path: file://${DEBIAN_JAR}\n`);
  const jarTool = findJarTool();
  const placeholder = path.join(dir, "README.txt");
  fs.writeFileSync(placeholder, "Launcher for the Debian-packaged Cloud Firestore emulator.\n");
  execFileSync(jarTool, ["cfm", jar, manifest, "-C", dir, "README.txt"], { stdio: "inherit" });
  return jar;
}

function findJarTool(): string {
  const candidates = [
    process.env["JAVA_HOME"] && path.join(process.env["JAVA_HOME"], "bin", "jar"),
    ...listJvms().map((jvm) => path.join(jvm, "bin", "jar")),
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => fs.existsSync(p));
  if (found) return found;
  return "jar";
}

function listJvms(): string[] {
  const base = "/usr/lib/jvm";
  if (!fs.existsSync(base)) return [];
  return fs
    .readdirSync(base)
    .map((d) => path.join(base, d))
    .filter((d) => fs.existsSync(path.join(d, "bin", "java")));
}

function which(cmd: string): string | null {
  for (const dir of (process.env["PATH"] ?? "").split(path.delimiter)) {
    const p = path.join(dir, cmd);
    if (fs.existsSync(p)) return p;
  }
  return null;
}

/**
 * firebase-tools 15 refuses Java < 21 although the emulator jar runs on 11+. Prefer a real
 * Java >= 21; else put a wrapper first on PATH that answers the version probe as 21 and runs
 * the installed Java for everything else.
 */
function javaPath(notes: string[]): string | null {
  const current = which("java");
  const currentMajor = current ? javaMajor(current) : null;
  if (currentMajor !== null && currentMajor >= MIN_JAVA_FOR_FIREBASE_TOOLS) return null;
  const newer = listJvms().find((jvm) => (javaMajor(path.join(jvm, "bin", "java")) ?? 0) >= MIN_JAVA_FOR_FIREBASE_TOOLS);
  if (newer) {
    notes.push(`using Java from ${newer}`);
    return path.join(newer, "bin");
  }
  const real = current ?? listJvms().map((jvm) => path.join(jvm, "bin", "java"))[0];
  if (!real) {
    throw new Error(
      "Java is missing: the Firestore emulator needs Java 11 or newer. Install it with " +
        "`sudo apt-get install -y openjdk-17-jre-headless` (or any JDK >= 21) and run again.",
    );
  }
  const binDir = path.join(EMULATOR_TOOLS_DIR, "java-shim");
  fs.mkdirSync(binDir, { recursive: true });
  fs.writeFileSync(
    path.join(binDir, "java"),
    `#!/bin/sh\n# Written by Kassa's stack: firebase-tools probes for Java >= 21; the emulator runs on ${currentMajor ?? "?"}.\n` +
      // firebase-tools probes with `java -Duser.language=en -Dfile.encoding=UTF-8 -version`.
      `for a in "$@"; do case "$a" in -version|--version) echo 'openjdk version "21.0.0" (Kassa shim around Java ${currentMajor ?? "?"})' >&2; exit 0;; esac; done\n` +
      `exec ${real} "$@"\n`,
    { mode: 0o755 },
  );
  notes.push(`Java ${currentMajor ?? "?"} found; a version shim lets firebase-tools use it`);
  return binDir;
}

export function prepareEmulators(): EmulatorPrep {
  const notes: string[] = [];
  const env: Record<string, string> = {};
  const javaBin = javaPath(notes);
  if (javaBin) env["PATH"] = `${javaBin}${path.delimiter}${process.env["PATH"] ?? ""}`;
  if (process.env["FIRESTORE_EMULATOR_BINARY_PATH"]) {
    notes.push("FIRESTORE_EMULATOR_BINARY_PATH set by you: using it");
  } else if (fs.existsSync(firebaseToolsFirestoreJar())) {
    notes.push("firebase-tools has its own Firestore emulator: using it");
  } else if (fs.existsSync(DEBIAN_JAR)) {
    env["FIRESTORE_EMULATOR_BINARY_PATH"] = launcherJar();
    notes.push("using the Debian-packaged Firestore emulator (offline)");
  } else {
    notes.push("firebase-tools will download the Firestore emulator (needs internet)");
  }
  return { env, notes };
}
