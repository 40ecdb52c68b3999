import assert from "node:assert/strict";
import { ChartCache } from "../../../src/app/accounting/chart-cache";
import type { AccountingGateway, BookkeepingAccount } from "../../../src/ports/accounting-gateway";

/** A gateway whose chart reads are answered by the test, in any order. */
function controlledGateway() {
  const reads: { year: number; resolve: (a: BookkeepingAccount[]) => void; reject: (e: Error) => void }[] = [];
  const gateway = {
    accounts: (year: number) =>
      new Promise<BookkeepingAccount[]>((resolve, reject) => {
        reads.push({ year, resolve, reject });
      }),
  } as unknown as AccountingGateway;
  return { gateway, reads };
}
const chart = (name: string): BookkeepingAccount[] => [{ number: 1930, description: name, active: true }];
const tick = () => new Promise((r) => setImmediate(r));

describe("ChartCache", () => {
  it("keeps a year's chart for the TTL, each year apart", async () => {
    let now = 0;
    const { gateway, reads } = controlledGateway();
    const cache = new ChartCache(() => now, 1000);
    const a = cache.accounts(gateway, 1);
    const b = cache.accounts(gateway, 1);
    cache.accounts(gateway, 2).catch(() => undefined);
    assert.equal(reads.length, 2, "one read per year, shared while it is under way");
    reads[0]!.resolve(chart("Bank"));
    assert.deepEqual(await a, chart("Bank"));
    assert.equal(await b, await a);
    now = 999;
    await cache.accounts(gateway, 1);
    assert.equal(reads.length, 2);
    now = 1000;
    void cache.accounts(gateway, 1);
    assert.equal(reads.length, 3, "read again at the TTL");
  });

  it("an old read that fails late does not throw away a newer one that succeeded", async () => {
    let now = 0;
    const { gateway, reads } = controlledGateway();
    const cache = new ChartCache(() => now, 1000);
    const old = cache.accounts(gateway, 1);
    now = 1000; // the slow read is past the TTL: the next view starts its own
    const newer = cache.accounts(gateway, 1);
    reads[1]!.resolve(chart("Ny"));
    await newer;
    reads[0]!.reject(new Error("timeout"));
    await assert.rejects(old);
    await tick();
    assert.deepEqual(await cache.accounts(gateway, 1), chart("Ny"));
    assert.equal(reads.length, 2, "the newer chart is still kept");
  });

  it("two failed reads, the newer failing first: both forgotten, nothing thrown on the side", async () => {
    let now = 0;
    const { gateway, reads } = controlledGateway();
    const cache = new ChartCache(() => now, 1000);
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on("unhandledRejection", onUnhandled);
    try {
      const old = cache.accounts(gateway, 1);
      now = 1000;
      const newer = cache.accounts(gateway, 1);
      reads[1]!.reject(new Error("down"));
      await assert.rejects(newer);
      reads[0]!.reject(new Error("down"));
      await assert.rejects(old);
      await tick();
      await tick();
      assert.deepEqual(unhandled, []);
      void cache.accounts(gateway, 1);
      assert.equal(reads.length, 3, "the next view asks Fortnox again");
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
