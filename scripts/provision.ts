/**
 * What `npm test` needs from the machine beyond `npm install`, provisioned the way `npm start`
 * provisions the emulators: the browser tests drive Debian's Chromium (Playwright's own browser
 * download cannot run offline). Installed with apt when we are root; otherwise we stop before
 * running anything and print the one command to run.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const CHROMIUM_CANDIDATES = [process.env["CHROMIUM_PATH"], "/usr/bin/chromium", "/usr/bin/chromium-browser"];
export const INSTALL_CHROMIUM = "sudo apt-get update && sudo apt-get install -y chromium";

export const findChromium = (candidates = CHROMIUM_CANDIDATES): string | null => candidates.find((p): p is string => Boolean(p && fs.existsSync(p))) ?? null;

const hasApt = (): boolean => spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status === 0;
const isRoot = (): boolean => process.getuid?.() === 0;

/** Returns null when Chromium is there (now), or the message to stop with. */
export function provisionChromium(say: (line: string) => void): string | null {
  if (findChromium()) return null;
  if (!isRoot() || !hasApt()) {
    return `the browser tests need Chromium and it is not installed. Run:\n\n  ${INSTALL_CHROMIUM}\n\nthen npm test again (or CHROMIUM_PATH=/path/to/chromium npm test). Nothing was run.`;
  }
  say("Chromium is missing: installing Debian's package (apt-get install chromium), once");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", "chromium"]]) {
    const r = spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env });
    if (r.status !== 0) return `installing Chromium failed (apt-get ${args.join(" ")} exited ${r.status}). Run:\n\n  ${INSTALL_CHROMIUM}\n\nthen npm test again. Nothing was run.`;
  }
  return findChromium() ? null : `apt-get installed chromium but no binary was found at ${CHROMIUM_CANDIDATES.filter(Boolean).join(", ")}`;
}
