import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { stackClock, stackClockFile } from "../../../src/adapters/clock/stack-clock";

describe("the stack clock (one clock for the local product)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kassa-clock-"));
  const file = path.join(dir, "clock.json");
  const real = () => Date.UTC(2026, 11, 1, 12, 0, 0);
  const day = 86_400_000;
  fs.writeFileSync(file, JSON.stringify({ offsetMs: 8 * day }));
  const emulator = { FUNCTIONS_EMULATOR: "true", GCLOUD_PROJECT: "demo-kassa", KASSA_CLOCK_FILE: file };

  it("adds the stack's offset in the emulator with a demo- project", () => {
    assert.equal(stackClock(emulator, real).now().getTime(), real() + 8 * day);
  });

  it("sees a move on the very next call (no caching across requests)", () => {
    const clock = stackClock(emulator, real);
    fs.writeFileSync(file, JSON.stringify({ offsetMs: 9 * day }));
    assert.equal(clock.now().getTime(), real() + 9 * day);
    fs.writeFileSync(file, JSON.stringify({ offsetMs: 8 * day }));
  });

  it("cannot be enabled by a deployed configuration, whatever its environment says", () => {
    // Deployed: FUNCTIONS_EMULATOR is not "true", and a real project's id never starts with demo-.
    const deployed = [
      { GCLOUD_PROJECT: "kassa-prod", KASSA_CLOCK_FILE: file },
      { FUNCTIONS_EMULATOR: "true", GCLOUD_PROJECT: "kassa-prod", KASSA_CLOCK_FILE: file },
      { FUNCTIONS_EMULATOR: "false", GCLOUD_PROJECT: "demo-kassa", KASSA_CLOCK_FILE: file },
      { FUNCTIONS_EMULATOR: "true", FIREBASE_CONFIG: JSON.stringify({ projectId: "kassa-prod" }), KASSA_CLOCK_FILE: file },
      { FUNCTIONS_EMULATOR: "1", GCLOUD_PROJECT: "demo-kassa", KASSA_CLOCK_FILE: file },
    ];
    for (const env of deployed) {
      assert.equal(stackClockFile(env), null, JSON.stringify(env));
      assert.equal(stackClock(env, real).now().getTime(), real(), JSON.stringify(env));
    }
  });

  it("reads the project id from FIREBASE_CONFIG when GCLOUD_PROJECT is absent", () => {
    const env = { FUNCTIONS_EMULATOR: "true", FIREBASE_CONFIG: JSON.stringify({ projectId: "demo-kassa" }), KASSA_CLOCK_FILE: file };
    assert.equal(stackClock(env, real).now().getTime(), real() + 8 * day);
  });

  it("follows an offset into the past (the first start's demo history), up to a year back", () => {
    const f = path.join(dir, "past.json");
    fs.writeFileSync(f, JSON.stringify({ offsetMs: -35 * day }));
    assert.equal(stackClock({ ...emulator, KASSA_CLOCK_FILE: f }, real).now().getTime(), real() - 35 * day);
  });

  it("is real time when the offset file is missing, malformed, or more than a year back", () => {
    for (const content of [null, "not json", JSON.stringify({ offsetMs: -400 * day }), JSON.stringify({ offsetMs: "8d" })]) {
      const f = path.join(dir, "other.json");
      fs.rmSync(f, { force: true });
      if (content !== null) fs.writeFileSync(f, content);
      assert.equal(stackClock({ ...emulator, KASSA_CLOCK_FILE: f }, real).now().getTime(), real(), String(content));
    }
  });
});
