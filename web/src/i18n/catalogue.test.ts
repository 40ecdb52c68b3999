import i18next from "i18next";
import { describe, expect, it } from "vitest";
import en from "./en";
import sv from "./sv";

type Tree = { [k: string]: string | Tree };
function leaves(t: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(t)) {
    if (typeof v === "string") out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("catalogues", () => {
  const e = leaves(en as unknown as Tree);
  const s = leaves(sv as unknown as Tree);
  it("have the same keys in Swedish and English", () => {
    expect([...s.keys()].sort()).toEqual([...e.keys()].sort());
    expect(e.size).toBeGreaterThan(100);
  });
  it("have no empty strings", () => {
    for (const [k, v] of [...e, ...s]) expect(v.trim(), k).not.toBe("");
  });
  it("use the same placeholders in both languages", () => {
    for (const [k, v] of e) expect(placeholders(s.get(k)!), k).toEqual(placeholders(v));
  });
  it("are translated: most Swedish strings differ from English", () => {
    const same = [...e].filter(([k, v]) => s.get(k) === v).length;
    expect(same / e.size).toBeLessThan(0.15);
  });
  it("resolve keys that contain dots (Stripe's codes) and Swedish plurals", async () => {
    const i = i18next.createInstance();
    await i.init({ lng: "sv", resources: { sv: { translation: sv }, en: { translation: en } } });
    expect(i.t("requirements.individual.dob")).toBe("Bekräfta ditt födelsedatum");
    expect(i.t("coach.disabledReasons.requirements.past_due")).toMatch(/^Stripe behöver/);
    expect(i.t("count.payments", { count: 1 })).toBe("1 betalning");
    expect(i.t("count.payments", { count: 3 })).toBe("3 betalningar");
    expect(i.t("count.payments", { count: 1, lng: "en" })).toBe("1 payment");
  });
});
