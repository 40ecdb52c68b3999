import assert from "node:assert/strict";
import axios from "axios";
import { RateLimiter } from "../src/rate-limit.js";
import { apiClient, saleVoucher, startSandbox, storedVoucherCount } from "./helpers.js";

describe("rate limit", () => {
  it("answers 429 without Retry-After on the 26th request within 5 s", async () => {
    const sandbox = await startSandbox({ rateLimit: 25 });
    try {
      const api = await apiClient(sandbox);
      for (let i = 1; i <= 25; i++) assert.equal((await api.get("/financialyears")).status, 200, `request ${i}`);
      const refused = await api.get("/financialyears");
      assert.equal(refused.status, 429);
      assert.equal(refused.headers["retry-after"], undefined);
      assert.equal(refused.data.ErrorInformation.error, 1);
      // A refused POST must not book anything.
      assert.equal((await api.post("/vouchers", saleVoucher())).status, 429);
      assert.equal(await storedVoucherCount(sandbox.http), 0);
      // Controls are never limited.
      assert.equal((await sandbox.http.get("/__sandbox/health")).status, 200);
    } finally {
      await sandbox.close();
    }
  });

  it("the window slides: a slot frees 5 s after the request that used it", () => {
    let now = 0;
    const limiter = new RateLimiter(25, 5000, () => now);
    for (let i = 0; i < 25; i++) {
      now = i * 100;
      assert.equal(limiter.allow("c/t"), true);
    }
    now = 4999;
    assert.equal(limiter.allow("c/t"), false);
    assert.equal(limiter.allow("other/t"), true, "another client+tenant has its own window");
    now = 5000;
    assert.equal(limiter.allow("c/t"), true, "the request at t=0 has left the window");
    assert.equal(limiter.allow("c/t"), false, "the one at t=100 has not");
  });
});

describe("faults and request log", () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.http.post("/__sandbox/reset"));

  it("after_effect: the voucher is created but the client gets a 500", async () => {
    const api = await apiClient(sandbox);
    const rule = await sandbox.http.post("/__sandbox/faults", { method: "POST", path: "/3/vouchers", status: 500, count: 1, after_effect: true });
    assert.equal(rule.status, 201);
    const res = await api.post("/vouchers?financialyear=2", saleVoucher({ Description: "KASSA marker-1" }));
    assert.equal(res.status, 500);
    assert.equal(res.data.ErrorInformation.error, 1);
    const list = await api.get("/vouchers/sublist/A", { params: { financialyear: 2 } });
    assert.deepEqual(list.data.Vouchers.map((v: { Description: string; VoucherNumber: number }) => [v.Description, v.VoucherNumber]), [["KASSA marker-1", 1]]);
    // count: 1 is used up, the next POST goes through normally.
    assert.equal((await api.post("/vouchers?financialyear=2", saleVoucher())).data.Voucher.VoucherNumber, 2);
    assert.deepEqual((await sandbox.http.get("/__sandbox/faults")).data.faults, []);
  });

  it("a plain fault fails without doing the write", async () => {
    const api = await apiClient(sandbox);
    await sandbox.http.post("/__sandbox/faults", { method: "POST", path: "/3/vouchers", status: 503 });
    assert.equal((await api.post("/vouchers", saleVoucher())).status, 503);
    assert.equal((await api.post("/vouchers", saleVoucher())).status, 503, "without a count the rule stays");
    assert.equal((await api.get("/vouchers")).status, 200, "GETs do not match a POST rule");
    assert.equal(await storedVoucherCount(sandbox.http), 0);
    assert.equal((await sandbox.http.get("/__sandbox/faults")).data.faults.length, 1);
    await sandbox.http.delete("/__sandbox/faults");
    assert.equal((await api.post("/vouchers", saleVoucher())).status, 201);
  });

  it("after_effect with latency: the client times out, the voucher exists", async () => {
    const api = await apiClient(sandbox);
    await sandbox.http.post("/__sandbox/faults", { method: "POST", path: "/3/vouchers", status: 504, latency_ms: 1500, count: 1, after_effect: true });
    await assert.rejects(api.post("/vouchers", saleVoucher(), { timeout: 300 }), (err: unknown) => axios.isAxiosError(err) && err.code === "ECONNABORTED");
    assert.equal(await storedVoucherCount(sandbox.http), 1);
  });

  it("fraction 0 never fires; faults can hit the token endpoint", async () => {
    await sandbox.http.post("/__sandbox/faults", { path: "/3/", status: 500, fraction: 0 });
    const api = await apiClient(sandbox);
    assert.equal((await api.get("/accounts")).status, 200);
    await sandbox.http.post("/__sandbox/faults", { method: "POST", path: "/oauth-v1/token", status: 503, count: 1 });
    await assert.rejects(apiClient(sandbox), /client credentials failed/);
    assert.equal((await sandbox.http.post("/__sandbox/faults", { path: "no-slash", status: 500 })).status, 400);
  });

  it("logs method, path, status and time of Fortnox calls, and can be cleared", async () => {
    const api = await apiClient(sandbox);
    await api.post("/vouchers?financialyear=2", saleVoucher());
    await api.post("/vouchers?financialyear=2", saleVoucher({ Description: "" }));
    const posts = (await sandbox.http.get("/__sandbox/requests", { params: { method: "POST", path_prefix: "/3/vouchers" } })).data.requests;
    assert.deepEqual(posts.map((r: { method: string; path: string; status: number; query: string }) => [r.method, r.path, r.status, r.query]), [
      ["POST", "/3/vouchers", 201, "?financialyear=2"],
      ["POST", "/3/vouchers", 400, "?financialyear=2"],
    ]);
    assert.ok(!Number.isNaN(Date.parse(posts[0].time)));
    const all = (await sandbox.http.get("/__sandbox/requests")).data.requests;
    assert.equal(all[0].path, "/oauth-v1/token");
    await sandbox.http.delete("/__sandbox/requests");
    assert.equal((await sandbox.http.get("/__sandbox/requests")).data.requests.length, 0);
  });
});
