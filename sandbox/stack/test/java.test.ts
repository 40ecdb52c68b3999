import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { FIRESTORE_JAR_VARIABLE, prepareEmulators } from "../src/java.js";

describe("the Firestore emulator where the Debian package is missing", function () {
  this.timeout(30000);
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of [FIRESTORE_JAR_VARIABLE, "FIREBASE_EMULATORS_PATH", "FIRESTORE_EMULATOR_BINARY_PATH"]) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it(`takes the jar from ${FIRESTORE_JAR_VARIABLE} through a launcher whose Class-Path names it`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kassa-jar-"));
    const jar = path.join(dir, "cloud-firestore-emulator.jar");
    fs.writeFileSync(jar, "stand-in");
    delete process.env["FIRESTORE_EMULATOR_BINARY_PATH"];
    process.env["FIREBASE_EMULATORS_PATH"] = dir; // no firebase-tools download cached there
    process.env[FIRESTORE_JAR_VARIABLE] = jar;
    const prep = prepareEmulators(path.join(dir, "no-debian-package.jar"));
    const launcher = prep.env["FIRESTORE_EMULATOR_BINARY_PATH"];
    assert.ok(launcher && fs.existsSync(launcher), "a launcher jar was built");
    // The manifest the launcher was packed from sits beside it.
    const manifest = fs.readFileSync(path.join(launcher.replace(/\.jar$/, ""), "MANIFEST.MF"), "utf8");
    assert.match(manifest, new RegExp(`Class-Path: file://${jar.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    assert.match(manifest, /Main-Class: com\.google\.cloud\.datastore\.emulator\.firestore\.CloudFirestore/);
    assert.ok(prep.notes.some((n) => n.includes(FIRESTORE_JAR_VARIABLE)));
  });

  it("says clearly when the variable names a file that is not there", () => {
    process.env["FIREBASE_EMULATORS_PATH"] = os.tmpdir();
    delete process.env["FIRESTORE_EMULATOR_BINARY_PATH"];
    process.env[FIRESTORE_JAR_VARIABLE] = "/nowhere/cloud-firestore-emulator.jar";
    assert.throws(() => prepareEmulators("/nowhere/debian.jar"), /KASSA_FIRESTORE_EMULATOR_JAR=\/nowhere\/cloud-firestore-emulator.jar: no such file/);
  });
});
