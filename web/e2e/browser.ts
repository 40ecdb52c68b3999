/**
 * Debian's Chromium driven by playwright-core (Playwright's own browser download cannot run
 * here). Flags keep it from reaching for the network this machine does not have; Playwright
 * gives every launch a fresh temporary profile.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

export const WEB_URL = process.env["KASSA_WEB_URL"] ?? "http://127.0.0.1:5173";
export const SCREENSHOTS = path.join(import.meta.dirname, "screenshots");

const CHROMIUM_CANDIDATES = [process.env["CHROMIUM_PATH"], "/usr/bin/chromium", "/usr/bin/chromium-browser"];

export async function launch(): Promise<Browser> {
  const executablePath = CHROMIUM_CANDIDATES.find((p): p is string => Boolean(p && fs.existsSync(p)));
  if (!executablePath) throw new Error("Chromium not found: `sudo apt-get install -y chromium` (CI installs it)");
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A page that fails the test on any console error or uncaught exception. The app is Swedish by
 * default; tests that select by English text get English (`lang`), chosen the way a person would
 * have it remembered (localStorage), and only when nothing was chosen yet, so a switch made in
 * the test survives reloads. `lang: null` leaves the app's default.
 */
export async function newPage(browser: Browser, viewport = { width: 1200, height: 800 }, lang: "sv" | "en" | null = "en"): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: lang === "sv" ? "sv-SE" : "en-GB" });
  if (lang) await context.addInitScript((l) => {
    if (!localStorage.getItem("kassa.lang")) localStorage.setItem("kassa.lang", l);
  }, lang);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return { page, errors };
}

export async function signIn(page: Page, email: string, password = "kassa-demo"): Promise<void> {
  await page.goto(`${WEB_URL}/signin`);
  await signInHere(page, email, password);
}

/** Signs in on the (English) sign-in page already shown, e.g. after a deep link sent it there with ?next=. */
export async function signInHere(page: Page, email: string, password = "kassa-demo"): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** signIn on the Swedish sign-in page (a browser whose language is Swedish, the default). */
export async function signInSwedish(page: Page, email: string, password = "kassa-demo"): Promise<void> {
  await page.goto(`${WEB_URL}/signin`);
  await page.getByLabel("E-post").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  await page.getByRole("button", { name: "Logga in" }).click();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Polls `probe` until it returns a value (not undefined), or fails naming `what` after `ms`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 60000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}`);
}
