/**
 * The first script's boundary: what main.tsx reaches by static imports is the entry chunk every
 * visitor downloads before the sign-in page shows. Firestore's SDK (about 70 kB gzip) and the
 * Stripe packages must stay out of it, reached only through lazy `import()`s (firebase.ts says
 * why). This walks the same graph Rollup does for the entry: static imports from main.tsx.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.join(import.meta.dirname);
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm;

function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every module and package main.tsx reaches by static (non-type) imports. */
function entryGraph(): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of fs.readFileSync(file, "utf8").matchAll(STATIC_IMPORT)) {
      const spec = m[1]!;
      if (spec.startsWith(".")) {
        const target = resolve(file, spec);
        if (target && /\.tsx?$/.test(target)) visit(target);
      } else if (!packages.has(spec)) packages.set(spec, path.relative(SRC, file));
    }
  };
  visit(path.join(SRC, "main.tsx"));
  return { files, packages };
}

describe("the entry chunk", () => {
  const { files, packages } = entryGraph();

  it("walks the app's frame (sanity: the walk follows imports)", () => {
    const rel = [...files].map((f) => path.relative(SRC, f));
    expect(rel).toEqual(expect.arrayContaining(["App.tsx", "auth.tsx", "firebase.ts", "components/Layout.tsx", "lib/live-count.ts"]));
    expect(packages.has("firebase/auth")).toBe(true);
  });

  it("does not import Firestore's SDK or the Firestore client module", () => {
    expect([...packages.entries()].filter(([p]) => p.startsWith("firebase/firestore"))).toEqual([]);
    expect([...files].map((f) => path.relative(SRC, f))).not.toContain("firestore.ts");
  });

  it("does not import Stripe's packages (the card form is lazy)", () => {
    expect([...packages.keys()].filter((p) => p.startsWith("@stripe/"))).toEqual([]);
  });
});
