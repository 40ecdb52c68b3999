import { describe, expect, it } from "vitest";
import { mergePages, morePossible } from "./paged-rows";

const rows = (...ids: string[]) => ids.map((id) => ({ id }));

describe("paged rows", () => {
  it("puts the live page first and the older pages after it, in order", () => {
    expect(mergePages(rows("a", "b"), [rows("c", "d"), rows("e")]).map((r) => r.id)).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("shows a row pushed off the live page onto a fetched page once", () => {
    // A new alert "n" arrived: the live page is now n, a; b was fetched as the first older row.
    expect(mergePages(rows("n", "a"), [rows("a", "b"), rows("c")]).map((r) => r.id)).toEqual(["n", "a", "b", "c"]);
  });

  it("knows a short page was the last one", () => {
    expect(morePossible(50, 50)).toBe(true);
    expect(morePossible(49, 50)).toBe(false);
    expect(morePossible(0, 50)).toBe(false);
  });
});
