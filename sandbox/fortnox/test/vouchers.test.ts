import assert from "node:assert/strict";
import type { AxiosInstance } from "axios";
import { apiClient, currentYear, saleVoucher, startSandbox, storedVoucherCount, today } from "./helpers.js";

describe("bookkeeping reads", () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let api: AxiosInstance;
  before(async () => {
    sandbox = await startSandbox();
    api = await apiClient(sandbox);
  });
  after(() => sandbox.close());

  it("seeds last year as 1 and this year as 2; ?date= finds the year of a date", async () => {
    const all = await api.get("/financialyears");
    assert.deepEqual(
      all.data.FinancialYears.map((y: { Id: number; FromDate: string; ToDate: string }) => [y.Id, y.FromDate, y.ToDate]),
      [
        [1, `${currentYear() - 1}-01-01`, `${currentYear() - 1}-12-31`],
        [2, `${currentYear()}-01-01`, `${currentYear()}-12-31`],
      ],
    );
    const byDate = await api.get("/financialyears", { params: { date: today() } });
    assert.deepEqual(byDate.data.FinancialYears.map((y: { Id: number }) => y.Id), [2]);
    const none = await api.get("/financialyears", { params: { date: `${currentYear() - 5}-03-01` } });
    assert.equal(none.data.FinancialYears.length, 0);
  });

  it("serves the BAS accounts Kassa books on, with 3990 inactive", async () => {
    const res = await api.get("/accounts", { params: { financialyear: 2 } });
    const accounts = res.data.Accounts as Array<{ Number: number; Active: boolean; Year: number }>;
    for (const n of [1580, 1930, 2611, 2890, 3041, 6570]) assert.equal(accounts.find((a) => a.Number === n)?.Active, true, `account ${n}`);
    assert.equal(accounts.find((a) => a.Number === 3990)?.Active, false);
    assert.ok(accounts.every((a) => a.Year === 2));
  });

  it("has series A for manual vouchers and S that is not", async () => {
    const res = await api.get("/voucherseries");
    const series = res.data.VoucherSeriesCollection as Array<{ Code: string; Manual: boolean }>;
    assert.deepEqual(series.map((s) => [s.Code, s.Manual]), [["A", true], ["S", false]]);
  });

  it("locks up to the end of the month three months back, leaving today open", async () => {
    const res = await api.get("/settings/lockedperiod");
    const end = res.data.LockedPeriod.EndDate as string;
    assert.match(end, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(end < today());
    const d = new Date(`${today().slice(0, 7)}-01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - 2);
    assert.ok(end < d.toISOString().slice(0, 10), "the two previous months stay open");
  });
});

describe("vouchers", () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let api: AxiosInstance;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(() => sandbox.close());
  beforeEach(async () => {
    await sandbox.http.post("/__sandbox/reset");
    api = await apiClient(sandbox);
  });

  it("creates a balanced voucher with the next number and reads it back with rows", async () => {
    const first = await api.post("/vouchers?financialyear=2", saleVoucher());
    assert.equal(first.status, 201);
    assert.equal(first.data.Voucher.VoucherNumber, 1);
    assert.equal(first.data.Voucher.VoucherSeries, "A");
    assert.equal(first.data.Voucher.Year, 2);
    const second = await api.post("/vouchers?financialyear=2", saleVoucher({ Description: "KASSA second", Comments: "dag 2" }));
    assert.equal(second.data.Voucher.VoucherNumber, 2);

    const read = await api.get("/vouchers/A/2", { params: { financialyear: 2 } });
    assert.equal(read.status, 200);
    const v = read.data.Voucher;
    assert.equal(v.Description, "KASSA second");
    assert.equal(v.Comments, "dag 2");
    assert.equal(v.TransactionDate, today());
    assert.deepEqual(
      v.VoucherRows.map((r: { Account: number; Debit: number; Credit: number }) => [r.Account, r.Debit, r.Credit]),
      [
        [1580, 499, 0],
        [2890, 0, 399.2],
        [3041, 0, 79.84],
        [2611, 0, 19.96],
      ],
    );
    assert.equal(v.VoucherRows[3].TransactionInformation, "moms 25 %");
    const missing = await api.get("/vouchers/A/3", { params: { financialyear: 2 } });
    assert.equal(missing.status, 404);
    assert.deepEqual(Object.keys(missing.data.ErrorInformation), ["Error", "Message", "Code"], "404s capitalise the keys");
  });

  it("without financialyear a voucher goes into the preselected year, not the year of its date", async () => {
    const res = await api.post("/vouchers", saleVoucher());
    assert.equal(res.status, 201);
    assert.equal(res.data.Voucher.Year, 2, "the seed preselects this year");
    assert.deepEqual((await sandbox.http.post("/__sandbox/financialyears/preselected", { id: 1 })).data, { id: 1 });
    await sandbox.http.post("/__sandbox/lockedperiod", { date: null });
    const refused = await api.post("/vouchers", saleVoucher());
    assert.equal(refused.status, 400);
    assert.equal(refused.data.ErrorInformation.code, 2000595, "today is outside the preselected year 1");
    const lastYear = await api.post("/vouchers", saleVoucher({ TransactionDate: `${currentYear() - 1}-12-30` }));
    assert.equal(lastYear.data.Voucher.Year, 1);
    assert.equal((await api.post("/vouchers?financialyear=2", saleVoucher())).data.Voucher.Year, 2, "the parameter wins");
    // Reads without the parameter use the preselected year too.
    const listed = await api.get("/vouchers");
    assert.deepEqual(listed.data.Vouchers.map((v: { Year: number }) => v.Year), [1]);
    assert.equal((await sandbox.http.post("/__sandbox/financialyears/preselected", { id: 9 })).status, 400);
  });

  it("numbers restart in each financial year", async () => {
    await api.post("/vouchers?financialyear=2", saleVoucher());
    await sandbox.http.post("/__sandbox/lockedperiod", { date: null });
    const lastYear = await api.post("/vouchers?financialyear=1", saleVoucher({ TransactionDate: `${currentYear() - 1}-12-30` }));
    assert.equal(lastYear.status, 201);
    assert.equal(lastYear.data.Voucher.VoucherNumber, 1);
    assert.equal(lastYear.data.Voucher.Year, 1);
  });

  const y = currentYear();
  const failures: Array<[string, Parameters<typeof saleVoucher>[0], number, string?]> = [
    ["unbalanced", { VoucherRows: [{ Account: 1580, Debit: 100 }, { Account: 3041, Credit: 99.99 }] }, 2000755],
    ["unknown account", { VoucherRows: [{ Account: 1580, Debit: 100 }, { Account: 1234, Credit: 100 }] }, 2001304],
    ["inactive account", { VoucherRows: [{ Account: 1580, Debit: 100 }, { Account: 3990, Credit: 100 }] }, 2000551],
    ["account below 1000", { VoucherRows: [{ Account: 1580, Debit: 100 }, { Account: 999, Credit: 100 }] }, 2001304],
    ["account above 9999", { VoucherRows: [{ Account: 1580, Debit: 100 }, { Account: 10000, Credit: 100 }] }, 2001304],
    ["locked period", { TransactionDate: `${y - 1}-02-15` }, 2000401, "1"],
    ["no financial year", { TransactionDate: `${y - 3}-06-15` }, 2000595, ""],
    ["date outside the given year", { TransactionDate: `${y - 1}-12-30` }, 2000595],
    ["series not for manual vouchers", { VoucherSeries: "S" }, 2000712],
    ["unknown series", { VoucherSeries: "Q" }, 9000103],
    ["missing series", { VoucherSeries: undefined }, 9000103],
    ["series not alphanumeric", { VoucherSeries: "A-1" }, 2000106],
    ["description not text", { Description: 42 as unknown as string }, 2000106],
    ["missing description", { Description: undefined }, 9000101],
    ["blank description", { Description: "  " }, 9000101],
    ["description over 200", { Description: "x".repeat(201) }, 9000101],
    ["missing date", { TransactionDate: undefined }, 9000102],
    ["impossible date", { TransactionDate: `${y}-02-30` }, 9000102],
    ["comments over 1000", { Comments: "x".repeat(1001) }, 9000104],
    ["one row", { VoucherRows: [{ Account: 1580, Debit: 100 }] }, 2001897],
    ["three decimals", { VoucherRows: [{ Account: 1580, Debit: 100.005 }, { Account: 3041, Credit: 100.005 }] }, 9000105],
    ["negative amount", { VoucherRows: [{ Account: 1580, Debit: -100 }, { Account: 3041, Credit: -100 }] }, 9000105],
  ];
  for (const [name, overrides, code, financialYear] of failures) {
    it(`refuses ${name} with code ${code} and creates nothing`, async () => {
      const res = await api.post(`/vouchers${financialYear === "" ? "" : `?financialyear=${financialYear ?? 2}`}`, saleVoucher(overrides));
      assert.equal(res.status, 400);
      assert.equal(res.data.ErrorInformation.error, 1);
      assert.equal(res.data.ErrorInformation.code, code);
      assert.ok(res.data.ErrorInformation.message.length > 0);
      assert.equal(await storedVoucherCount(sandbox.http), 0);
      const list = await api.get("/vouchers", { params: { financialyear: 2 } });
      assert.equal(list.data.MetaInformation["@TotalResources"], 0);
      // The next valid voucher still gets number 1: a refusal must not use up a number.
      assert.equal((await api.post("/vouchers?financialyear=2", saleVoucher())).data.Voucher.VoucherNumber, 1);
    });
  }

  it("the controls make and fix inactive-account and locked-period failures", async () => {
    const inactive = saleVoucher({ VoucherRows: [{ Account: 1580, Debit: 10 }, { Account: 3990, Credit: 10 }] });
    assert.equal((await api.post("/vouchers?financialyear=2", inactive)).data.ErrorInformation.code, 2000551);
    await sandbox.http.post("/__sandbox/accounts/3990", { active: true });
    assert.equal((await api.post("/vouchers?financialyear=2", inactive)).status, 201);

    await sandbox.http.post("/__sandbox/accounts/1580", { active: false });
    assert.equal((await api.post("/vouchers?financialyear=2", saleVoucher())).data.ErrorInformation.code, 2000551);
    await sandbox.http.post("/__sandbox/accounts/1580", { active: true });

    await sandbox.http.post("/__sandbox/lockedperiod", { date: today() });
    assert.equal((await api.post("/vouchers?financialyear=2", saleVoucher())).data.ErrorInformation.code, 2000401);
    assert.equal((await api.get("/settings/lockedperiod")).data.LockedPeriod.EndDate, today());
    await sandbox.http.post("/__sandbox/lockedperiod", { date: `${y - 1}-12-31` });
    assert.equal((await api.post("/vouchers?financialyear=2", saleVoucher())).status, 201);

    const missing = saleVoucher({ VoucherRows: [{ Account: 1580, Debit: 10 }, { Account: 3051, Credit: 10 }] });
    assert.equal((await api.post("/vouchers?financialyear=2", missing)).data.ErrorInformation.code, 2001304);
    await sandbox.http.post("/__sandbox/accounts/3051", { active: true, description: "Försäljning varor" });
    assert.equal((await api.post("/vouchers?financialyear=2", missing)).status, 201);
    assert.equal(await storedVoucherCount(sandbox.http), 3);
  });

  it("lists with paging; reading every page gives every voucher once, with list fields", async () => {
    for (let i = 1; i <= 7; i++) assert.equal((await api.post("/vouchers?financialyear=2", saleVoucher({ Description: `KASSA day ${i}` }))).status, 201);
    const seen: number[] = [];
    let page = 1;
    let totalPages = 1;
    do {
      const res = await api.get("/vouchers/sublist/A", { params: { financialyear: 2, page, limit: 3 } });
      assert.equal(res.status, 200);
      assert.equal(res.data.MetaInformation["@TotalResources"], 7);
      assert.equal(res.data.MetaInformation["@CurrentPage"], page);
      totalPages = res.data.MetaInformation["@TotalPages"];
      for (const item of res.data.Vouchers) {
        assert.equal(item.Description, `KASSA day ${item.VoucherNumber}`);
        assert.equal(item.TransactionDate, today());
        assert.equal(item.VoucherSeries, "A");
        assert.equal(item.Year, 2);
        assert.equal(item.VoucherRows, undefined);
        assert.equal(item.Comments, undefined);
        seen.push(item.VoucherNumber);
      }
      page++;
    } while (page <= totalPages);
    assert.equal(totalPages, 3);
    assert.deepEqual(seen, [1, 2, 3, 4, 5, 6, 7]);
    assert.equal((await api.get("/vouchers", { params: { limit: 501 } })).status, 400);
  });

  it("filters the list by fromdate/todate and the sublist by series", async () => {
    const may = `${y}-10-01`;
    await sandbox.http.post("/__sandbox/lockedperiod", { date: null });
    await api.post("/vouchers?financialyear=2", saleVoucher({ TransactionDate: may, Description: "KASSA early" }));
    await api.post("/vouchers?financialyear=2", saleVoucher({ Description: "KASSA today" }));
    const onlyToday = await api.get("/vouchers", { params: { financialyear: 2, fromdate: today(), todate: today() } });
    assert.deepEqual(onlyToday.data.Vouchers.map((v: { Description: string }) => v.Description), today() === may ? ["KASSA early", "KASSA today"] : ["KASSA today"]);
    const seriesS = await api.get("/vouchers/sublist/S", { params: { financialyear: 2 } });
    assert.deepEqual(seriesS.data.MetaInformation, { "@TotalResources": 0, "@TotalPages": 0, "@CurrentPage": 1 }, "an empty list has 0 pages");
    const lastYear = await api.get("/vouchers", { params: { financialyear: 1 } });
    assert.equal(lastYear.data.Vouchers.length, 0);
  });

  it("the accountant's page shows each voucher with its rows", async () => {
    await api.post("/vouchers?financialyear=2", saleVoucher({ Description: "KASSA <sales> 2026" }));
    const page = await sandbox.http.get("/");
    assert.equal(page.status, 200);
    const text = page.data as string;
    assert.match(text, /id="voucher-2-A-1"/);
    assert.match(text, /KASSA &lt;sales&gt; 2026/);
    assert.match(text, /<td>2890<\/td><td>Övriga kortfristiga skulder<\/td><td class="num"><\/td><td class="num">399,20<\/td>/);
    assert.match(text, /499,00/);
  });
});
