import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import axios from "axios";

describe("main.ts (npm start)", () => {
  it("reads the environment, announces its URL, and writes state on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fortnox-main-"));
    const stateFile = join(dir, "state.json");
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: new URL("..", import.meta.url).pathname,
      env: { ...process.env, FORTNOX_SANDBOX_PORT: "0", FORTNOX_SANDBOX_STATE_FILE: stateFile, FORTNOX_SANDBOX_TENANT_ID: "7654321", FORTNOX_SANDBOX_PUBLIC_URL: "http://fortnox.test" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const match = /fortnox sandbox listening on (http:\/\/\S+)/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        child.once("exit", (code) => reject(new Error(`exited early with ${code}`)));
      });
      assert.deepEqual((await axios.get(`${url}/__sandbox/health`)).data, { ok: true });
      const basic = `Basic ${Buffer.from("kassa-local:kassa-local-secret").toString("base64")}`;
      const token = await axios.post(`${url}/oauth-v1/token`, "grant_type=client_credentials", { headers: { authorization: basic, TenantId: "7654321" } });
      const years = await axios.get(`${url}/3/financialyears`, { headers: { authorization: `Bearer ${token.data.access_token}` } });
      assert.equal(years.data.FinancialYears[0]["@url"], "http://fortnox.test/3/financialyears/1");
      await axios.post(`${url}/__sandbox/lockedperiod`, { date: "2001-01-31" });
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      assert.equal(await exited, 0);
      assert.equal((JSON.parse(readFileSync(stateFile, "utf8")) as { lockedPeriodEnd: string }).lockedPeriodEnd, "2001-01-31");
    } finally {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
