import assert from "node:assert/strict";
import { checkedWebAppUrl, webAppUrlValue } from "../../../src/config/web-app-url";
import { DomainError } from "../../../src/domain/errors";
import { toHttpsError } from "../../../src/triggers/errors";

const deployed = {}; // Cloud Functions in a real project: FUNCTIONS_EMULATOR is not set
const emulator = { FUNCTIONS_EMULATOR: "true" };

/** The configuration error a deployed project gets, or a failure if the value was accepted. */
function refusal(value: string, env: Record<string, string>): DomainError {
  try {
    checkedWebAppUrl(value, env);
  } catch (e) {
    assert.ok(e instanceof DomainError, `expected a DomainError, got ${String(e)}`);
    return e;
  }
  assert.fail(`${JSON.stringify(value)} was accepted in a deployed project`);
}

describe("config: WEB_APP_URL", () => {
  it("a deployed project refuses the local default, any loopback host and an empty value, saying how to fix it", () => {
    for (const value of [
      "http://127.0.0.1:5173", // the param's default
      "",
      "   ",
      "http://localhost:5173",
      "https://LOCALHOST",
      "http://app.localhost:3000",
      "http://127.1.2.3",
      "http://[::1]:5173",
      "http://[::ffff:127.0.0.1]/",
      "http://0.0.0.0:5173",
      "http://2130706433/", // 127.0.0.1 as one number; URL normalises it
      "not a url",
    ]) {
      const e = refusal(value, deployed);
      assert.equal(e.kind, "precondition", value);
      assert.equal(e.field, "WEB_APP_URL");
      assert.match(e.message, /^WEB_APP_URL is not set for this project: set it in functions\/\.env\.<project> \(see README, Deploying\)/);
    }
  });

  it("reaches a callable's client as failed-precondition with the same words", () => {
    const mapped = toHttpsError(refusal("http://127.0.0.1:5173", deployed));
    assert.equal(mapped.code, "failed-precondition");
    assert.match(mapped.message, /WEB_APP_URL is not set for this project/);
  });

  it("a deployed project uses its real hosting URL as given", () => {
    assert.equal(checkedWebAppUrl("https://kassa-prod.web.app", deployed), "https://kassa-prod.web.app");
    assert.equal(checkedWebAppUrl(" https://pay.example.se/ ", deployed), "https://pay.example.se/");
    // FUNCTIONS_EMULATOR set to anything but "true" is still a deployed project.
    assert.equal(refusal("http://127.0.0.1:5173", { FUNCTIONS_EMULATOR: "false" }).kind, "precondition");
  });

  it("the emulator keeps the local dev server the stack writes into functions/.env.local", () => {
    assert.equal(checkedWebAppUrl("http://127.0.0.1:5173", emulator), "http://127.0.0.1:5173");
    assert.equal(checkedWebAppUrl("http://localhost:5173", emulator), "http://localhost:5173");
  });

  it("the reader the triggers' deps call applies the check to the WEB_APP_URL param", () => {
    const saved = { url: process.env["WEB_APP_URL"], emulator: process.env["FUNCTIONS_EMULATOR"] };
    const restore = (name: string, value: string | undefined) => (value === undefined ? delete process.env[name] : (process.env[name] = value));
    try {
      delete process.env["FUNCTIONS_EMULATOR"];
      process.env["WEB_APP_URL"] = "http://127.0.0.1:5173";
      assert.throws(webAppUrlValue, (e: unknown) => e instanceof DomainError && e.kind === "precondition");
      process.env["WEB_APP_URL"] = "https://kassa-prod.web.app";
      assert.equal(webAppUrlValue(), "https://kassa-prod.web.app");
    } finally {
      restore("WEB_APP_URL", saved.url);
      restore("FUNCTIONS_EMULATOR", saved.emulator);
    }
  });
});
