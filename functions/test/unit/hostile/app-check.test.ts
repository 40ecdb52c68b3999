/**
 * App Check as the callables apply it (functions/src/triggers/app-check.ts): no App Check data
 * is refused everywhere; in the emulator only the local stand-in's app id passes (it cannot
 * verify a signature, so the app id is what tells Kassa's own token from any other); in
 * production the Admin SDK has verified the token and APP_CHECK_APP_IDS can narrow the apps.
 */
import assert from "node:assert/strict";
import { DomainError } from "../../../src/domain/errors";
import { LOCAL_APP_CHECK_APP_ID, parseAppIds, requireAppCheck } from "../../../src/triggers/app-check";

const app = (appId: string) => ({ appId, token: {} as never });
const refused = (f: () => void) =>
  assert.throws(f, (e: unknown) => e instanceof DomainError && e.kind === "unauthenticated" && /App Check/.test(e.message));
const emulator = { FUNCTIONS_EMULATOR: "true" };

describe("App Check on callables", () => {
  it("refuses a request without App Check data, in the emulator and in production", () => {
    refused(() => requireAppCheck(undefined, emulator));
    refused(() => requireAppCheck(undefined, {}));
    refused(() => requireAppCheck(undefined, {}, ["1:1:web:a"]));
  });

  it("in the emulator accepts only the local app's token, whatever the allowed list says", () => {
    requireAppCheck(app(LOCAL_APP_CHECK_APP_ID), emulator);
    refused(() => requireAppCheck(app("1:123:web:forged"), emulator));
    refused(() => requireAppCheck(app(""), emulator, [""]));
    refused(() => requireAppCheck(app("1:1:web:a"), emulator, ["1:1:web:a"]));
  });

  it("in production accepts any verified app of the project, or only the listed ones", () => {
    requireAppCheck(app("1:1:web:a"), {});
    requireAppCheck(app("1:1:web:a"), {}, ["1:1:web:a", "1:1:web:b"]);
    refused(() => requireAppCheck(app("1:1:android:c"), {}, ["1:1:web:a"]));
    refused(() => requireAppCheck(app(LOCAL_APP_CHECK_APP_ID), {}, ["1:1:web:a"]));
  });

  it("reads APP_CHECK_APP_IDS as a comma-separated list, ignoring blanks", () => {
    assert.deepEqual(parseAppIds(""), []);
    assert.deepEqual(parseAppIds(" 1:1:web:a , ,1:1:web:b "), ["1:1:web:a", "1:1:web:b"]);
  });
});
