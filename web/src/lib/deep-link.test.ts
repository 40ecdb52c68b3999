import { describe, expect, it } from "vitest";
import { nextPath, signInPath } from "./deep-link";

describe("deep links through sign-in", () => {
  it("keeps the page and its filters", () => {
    const to = signInPath("/admin/payments", "?coach=demo-coach-2&status=refunded");
    expect(to).toBe("/signin?next=%2Fadmin%2Fpayments%3Fcoach%3Ddemo-coach-2%26status%3Drefunded");
    expect(nextPath(to.slice("/signin".length))).toBe("/admin/payments?coach=demo-coach-2&status=refunded");
  });

  it("has nothing to keep for the start page or sign-in itself", () => {
    expect(signInPath("/", "")).toBe("/signin");
    expect(signInPath("/signin", "?next=%2Fadmin")).toBe("/signin");
    expect(nextPath("")).toBeNull();
  });

  it("never follows a link out of the app", () => {
    for (const bad of ["https://evil.example", "//evil.example/x", "/\\evil.example", "admin", "/signin?next=/admin"]) {
      expect(nextPath(`?next=${encodeURIComponent(bad)}`), bad).toBeNull();
    }
  });
});
