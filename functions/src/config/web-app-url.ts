/**
 * WEB_APP_URL, checked. The param defaults to the local dev server (http://127.0.0.1:5173) so
 * the emulator needs no setup; a deployed project that forgot to set it would otherwise send
 * Stripe Checkout, Connect onboarding and the Fortnox callback back to the user's own
 * machine. Outside the emulator an empty, unparsable or loopback value is a configuration
 * error, raised where the URL is read (the triggers' deps), before any work is done.
 */
import { DomainError } from "../domain/errors";
import { webAppUrl } from "./params";

type Env = Readonly<Record<string, string | undefined>>;

const NOT_SET = "WEB_APP_URL is not set for this project: set it in functions/.env.<project> (see README, Deploying)";

/** 127.0.0.0/8, ::1, localhost (and its subdomains), 0.0.0.0: all mean "this machine". */
function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    /^127(\.\d{1,3}){3}$/.test(host) ||
    host === "::1" ||
    host.startsWith("::ffff:7f") || // ::ffff:127.x.x.x, as URL writes it
    host === "0.0.0.0" ||
    host === "::"
  );
}

/** The URL to use, or a `precondition` error in a deployed project whose value is empty or loopback. */
export function checkedWebAppUrl(value: string, env: Env): string {
  if (env["FUNCTIONS_EMULATOR"] === "true") return value;
  const trimmed = value.trim();
  if (trimmed === "") throw new DomainError("precondition", NOT_SET, "WEB_APP_URL");
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new DomainError("precondition", `${NOT_SET}; "${trimmed}" is not a URL`, "WEB_APP_URL");
  }
  if (isLoopback(url.hostname)) {
    throw new DomainError("precondition", `${NOT_SET}; ${url.origin} is this machine, not the deployed web app`, "WEB_APP_URL");
  }
  return trimmed;
}

/** WEB_APP_URL as the triggers read it: call inside a handler, like any param's `.value()`. */
export const webAppUrlValue = (): string => checkedWebAppUrl(webAppUrl.value(), process.env);
