/**
 * The production build, as `npm run build` makes it for Firebase Hosting: no source maps (a
 * public .map hands out the source), and nothing the hosting's Content-Security-Policy would
 * refuse (inline scripts or styles, Firebase Auth's popup iframe). Builds into a temp dir,
 * about 10-15 s.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const WEB = fileURLToPath(new URL("../..", import.meta.url));
const VITE = fileURLToPath(new URL("../../../node_modules/vite/bin/vite.js", import.meta.url));
let out = "";

const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));

/** Built files (relative names) whose text holds `needle`; names only, a minified file is no message. */
const filesContaining = (name: RegExp, needle: string): string[] =>
  filesUnder(out)
    .filter((f) => name.test(f) && fs.readFileSync(f, "utf8").includes(needle))
    .map((f) => path.relative(out, f));

describe("production bundle (vite build)", () => {
  beforeAll(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "kassa-web-dist-"));
    // A production build as the deploy makes it, not one shaped by the test runner's env.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "NODE_ENV" && k !== "TEST"));
    await promisify(execFile)(process.execPath, [VITE, "build", "--outDir", out, "--emptyOutDir", "--logLevel", "error"], { cwd: WEB, env });
  }, 180_000);
  afterAll(() => {
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  it("has no source maps and no sourceMappingURL comments", () => {
    const files = filesUnder(out);
    expect(files.some((f) => f.endsWith(".js")), "the build wrote JS").toBe(true);
    expect(files.filter((f) => f.endsWith(".map")).map((f) => path.relative(out, f))).toEqual([]);
    expect(filesContaining(/\.(js|css|html)$/, "sourceMappingURL")).toEqual([]);
  });

  it("index.html has no inline script or style for the CSP to refuse", () => {
    const html = fs.readFileSync(path.join(out, "index.html"), "utf8");
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/assets\//);
      expect(body!.trim()).toBe("");
    }
    expect(html).not.toMatch(/<style\b/);
    expect(html).not.toMatch(/\sstyle=/);
  });

  it("does not ship Firebase Auth's popup/redirect resolver (its iframe and Google script are refused by the CSP)", () => {
    // The resolver frames <authDomain>/__/auth/iframe after loading apis.google.com/js/api.js
    // (that URL itself is a constant every firebase/auth bundle carries, so look for the frame).
    expect(filesContaining(/\.js$/, "__/auth/iframe")).toEqual([]);
  });
});
