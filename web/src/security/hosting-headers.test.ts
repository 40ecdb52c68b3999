/**
 * The response headers Firebase Hosting sends with every page and asset (firebase.json,
 * hosting.headers). The local stack serves the web app from Vite's dev server, so nothing but
 * this test sees them before a deploy.
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

interface Hosting {
  ignore: string[];
  headers: { source: string; headers: { key: string; value: string }[] }[];
}
const firebaseJson = fileURLToPath(new URL("../../../firebase.json", import.meta.url));
const hosting = (JSON.parse(fs.readFileSync(firebaseJson, "utf8")) as { hosting: Hosting }).hosting;

/** Headers of the rule that covers every path. */
function everyPath(): Map<string, string> {
  const rule = hosting.headers.find((h) => h.source === "**");
  expect(rule, 'a headers rule with source "**"').toBeDefined();
  return new Map(rule!.headers.map((h) => [h.key.toLowerCase(), h.value]));
}

function csp(): Map<string, string[]> {
  const value = everyPath().get("content-security-policy");
  expect(value, "Content-Security-Policy").toBeDefined();
  const directives = new Map<string, string[]>();
  for (const part of value!.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(directives.has(name), `${name} given twice (browsers keep only the first)`).toBe(false);
    directives.set(name, sources);
  }
  return directives;
}

/** Whether a CSP source list lets the page reach `url` (host sources and 'self' only). */
function allows(sources: string[], url: string): boolean {
  const { protocol, host } = new URL(url);
  return sources.some((s) => {
    if (!s.startsWith("https://")) return false;
    const allowed = s.slice("https://".length);
    if (protocol !== "https:") return false;
    return allowed.startsWith("*.") ? host.endsWith(allowed.slice(1)) : host === allowed;
  });
}

describe("hosting headers (firebase.json)", () => {
  it("sends the hardening headers with every path", () => {
    const h = everyPath();
    expect(h.get("x-content-type-options")).toBe("nosniff");
    expect(h.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(h.get("x-frame-options")).toBe("DENY");
    expect(h.get("permissions-policy")).toBe('camera=(), microphone=(), geolocation=(), payment=(self "https://js.stripe.com")');
    const hsts = h.get("strict-transport-security") ?? "";
    expect(Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0), "HSTS max-age of at least a year").toBeGreaterThanOrEqual(31_536_000);
  });

  it("Content-Security-Policy: no framing, no eval, scripts only from Kassa and Stripe", () => {
    const d = csp();
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("default-src")).toEqual(["'self'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    // reCAPTCHA Enterprise is App Check's attestation provider (web/src/app-check.ts).
    expect(d.get("script-src")).toEqual(["'self'", "https://js.stripe.com", "https://www.google.com/recaptcha/", "https://www.gstatic.com/recaptcha/"]);
    expect(d.get("form-action")).toEqual(["'self'", "https://checkout.stripe.com"]);
    expect(d.get("frame-src")).toEqual(["https://js.stripe.com", "https://hooks.stripe.com", "https://checkout.stripe.com", "https://www.google.com/recaptcha/", "https://recaptcha.google.com/recaptcha/"]);
    expect(d.get("img-src")).toEqual(["'self'", "data:", "https://*.stripe.com"]);
    // React sets style through the DOM (allowed); the build has no inline <style> (bundle test).
    expect(d.get("style-src")).toEqual(["'self'"]);
    for (const [name, sources] of d) {
      expect(sources, name).not.toContain("'unsafe-eval'");
      expect(sources, name).not.toContain("*");
      expect(sources, name).not.toContain("https:");
    }
    expect(d.get("script-src")).not.toContain("'unsafe-inline'");
  });

  it("connect-src reaches what the production web app calls, and nothing like a script host", () => {
    const connect = csp().get("connect-src") ?? [];
    expect(connect[0]).toBe("'self'");
    for (const url of [
      "https://identitytoolkit.googleapis.com/v1/accounts:signInWithPassword", // Auth sign-in
      "https://securetoken.googleapis.com/v1/token", // Auth token refresh
      "https://firestore.googleapis.com/google.firestore.v1.Firestore/Listen/channel", // Firestore
      "https://europe-west1-kassa-prod.cloudfunctions.net/fortnoxStatus", // callables (REGION)
      "https://api.stripe.com/v1/tokens",
    ]) {
      expect(allows(connect, url), url).toBe(true);
    }
    expect(allows(connect, "https://evil.example/collect")).toBe(false);
    // The Auth popup helper the app does not use (web/src/firebase.ts) stays refused.
    expect(allows(csp().get("script-src") ?? [], "https://apis.google.com/js/api.js")).toBe(false);
  });

  it("lets the in-app card form load Stripe.js, its Elements and 3-D Secure frames, and call Stripe", () => {
    const d = csp();
    // The script @stripe/stripe-js 10 injects, and the frames Stripe.js opens (Payment Element,
    // the 3-D Secure challenge); the Stripe sandbox's stand-in (http://127.0.0.1) stays refused.
    expect(allows(d.get("script-src") ?? [], "https://js.stripe.com/endive/stripe.js")).toBe(true);
    expect(allows(d.get("script-src") ?? [], "https://js.stripe.com/v3")).toBe(true);
    expect(allows(d.get("frame-src") ?? [], "https://js.stripe.com/v3/elements-inner-payment.html")).toBe(true);
    expect(allows(d.get("frame-src") ?? [], "https://hooks.stripe.com/3d_secure_2/hosted")).toBe(true);
    expect(allows(d.get("connect-src") ?? [], "https://api.stripe.com/v1/payment_intents/pi_1/confirm")).toBe(true);
    expect(allows(d.get("script-src") ?? [], "http://127.0.0.1:12111/v3")).toBe(false);
  });

  it("does not deploy source maps", () => {
    expect(hosting.ignore).toContain("**/*.map");
  });
});
