/**
 * The contracts module is the one description of Kassa's callables that the web app imports:
 * it is only true if every callable the functions export is built from a contract of the same
 * name, and no contract describes a callable that does not exist (the web would call nothing).
 */
import assert from "node:assert/strict";
import * as kassa from "../../../src/index";
import { contracts } from "../../../src/contracts";

type Endpoint = { __endpoint?: { callableTrigger?: unknown } };

const exported = Object.entries(kassa)
  .filter(([, v]) => typeof v === "function" && Boolean((v as Endpoint).__endpoint?.callableTrigger))
  .map(([name]) => name)
  .sort();

describe("contracts: one per exported callable", () => {
  it("finds the callables (a filter that matched nothing would prove nothing)", () => {
    assert.ok(exported.length >= 40, `only ${exported.length} callables found`);
  });

  it("every exported callable has a contract, and every contract an exported callable", () => {
    const described = Object.keys(contracts).sort();
    assert.deepEqual(exported.filter((n) => !described.includes(n)), [], "callables without a contract");
    assert.deepEqual(described.filter((n) => !exported.includes(n)), [], "contracts without a callable");
  });

  it("each contract's name is the name its callable is exported under (the name the web calls)", () => {
    for (const [key, c] of Object.entries(contracts)) assert.equal(c.name, key);
  });
});
