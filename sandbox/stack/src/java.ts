/**
 * The Firestore emulator offline. firebase-tools downloads its jar on first use; with no
 * internet that fails, but the machine image carries the same emulator as a Debian package.
 * We step in only when firebase-tools has no cached jar of its own, so a user with internet
 * keeps the normal path. See shared/design/local-runtime.md.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
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

/**
 * Where the Firestore emulator jar is on machines without the Debian package and without
 * internet (a copy kept next to the project, say): the stack builds the same launcher for it.
 */
export const FIRESTORE_JAR_VARIABLE = "KASSA_FIRESTORE_EMULATOR_JAR";

/** A jar with only a manifest: Main-Class plus a Class-Path pointing at the real emulator jar. */
function launcherJar(emulatorJar: string): string {
  // One launcher per emulator jar: the path is baked into the manifest.
  const tag = emulatorJar === DEBIAN_JAR ? "" : `-${createHash("sha256").update(emulatorJar).digest("hex").slice(0, 8)}`;
  const dir = path.join(EMULATOR_TOOLS_DIR, `firestore-launcher${tag}`);
  const jar = path.join(EMULATOR_TOOLS_DIR, `firestore-launcher${tag}.jar`);
  if (fs.existsSync(jar)) return jar;
  fs.mkdirSync(dir, { recursive: true });
  const manifest = path.join(dir, "MANIFEST.MF");
  fs.writeFileSync(manifest, `Main-Class: ${FIRESTORE_MAIN}\nClass-Path: ${pathToFileURL(emulatorJar).href}\n`);
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

export function prepareEmulators(debianJar = DEBIAN_JAR): EmulatorPrep {
  const notes: string[] = [];
  const env: Record<string, string> = {};
  const javaBin = javaPath(notes);
  if (javaBin) env["PATH"] = `${javaBin}${path.delimiter}${process.env["PATH"] ?? ""}`;
  if (process.env["FIRESTORE_EMULATOR_BINARY_PATH"]) {
    notes.push("FIRESTORE_EMULATOR_BINARY_PATH set by you: using it");
  } else if (fs.existsSync(firebaseToolsFirestoreJar())) {
    notes.push("firebase-tools has its own Firestore emulator: using it");
  } else if (fs.existsSync(debianJar)) {
    env["FIRESTORE_EMULATOR_BINARY_PATH"] = launcherJar(debianJar);
    notes.push("using the Debian-packaged Firestore emulator (offline)");
  } else if (process.env[FIRESTORE_JAR_VARIABLE]) {
    const given = path.resolve(process.env[FIRESTORE_JAR_VARIABLE]);
    if (!fs.existsSync(given)) throw new Error(`${FIRESTORE_JAR_VARIABLE}=${given}: no such file (it should be cloud-firestore-emulator.jar)`);
    env["FIRESTORE_EMULATOR_BINARY_PATH"] = launcherJar(given);
    notes.push(`using the Firestore emulator jar from ${FIRESTORE_JAR_VARIABLE} (${given})`);
  } else {
    notes.push(`firebase-tools will download the Firestore emulator (needs internet; offline, set ${FIRESTORE_JAR_VARIABLE} to a cloud-firestore-emulator.jar)`);
  }
  return { env, notes };
}
