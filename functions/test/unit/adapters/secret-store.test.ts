import assert from "node:assert/strict";
import { secretStore } from "../../../src/adapters/secrets/secret-store";

const loaded = () => Object.keys(require.cache).filter((k) => k.includes("@google-cloud/secret-manager"));

describe("secret store selection", () => {
  it("does not load the Secret Manager client library until a secret is used", () => {
    // Every function instance loads the adapters; only the Fortnox token flow needs the
    // library, which costs ~0.3 s of cold start to require.
    const before = process.env["FUNCTIONS_EMULATOR"];
    process.env["FUNCTIONS_EMULATOR"] = "false";
    process.env["GCLOUD_PROJECT"] ??= "demo-kassa";
    try {
      const store = secretStore({} as never);
      assert.equal(store.constructor.name, "SecretManagerStore");
      assert.deepEqual(loaded(), []);
    } finally {
      if (before === undefined) delete process.env["FUNCTIONS_EMULATOR"];
      else process.env["FUNCTIONS_EMULATOR"] = before;
    }
  });

  it("uses the Firestore stand-in under the emulator", () => {
    const before = process.env["FUNCTIONS_EMULATOR"];
    process.env["FUNCTIONS_EMULATOR"] = "true";
    try {
      assert.equal(secretStore({} as never).constructor.name, "FirestoreSecretStore");
    } finally {
      if (before === undefined) delete process.env["FUNCTIONS_EMULATOR"];
      else process.env["FUNCTIONS_EMULATOR"] = before;
    }
  });
});
