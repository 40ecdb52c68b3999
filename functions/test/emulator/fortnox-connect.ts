import assert from "node:assert/strict";
import { consentCode } from "../fakes/fortnox-sandbox";
import { call, idToken } from "./stack";

/**
 * Connects Kassa to the Fortnox sandbox as an admin does it in the web app: the connect URL,
 * the sandbox's consent page, and the OAuth callback, which answers with a redirect back to the
 * app. Returns that redirect's target.
 */
export async function connectFortnoxAsAdmin(): Promise<string> {
  const token = await idToken("admin@kassa.test");
  const res = await call<{ url: string }>("fortnoxConnectUrl", {}, token);
  assert.ok(res.result?.url, JSON.stringify(res.error));
  const { code, state } = await consentCode(res.result.url);
  const redirect = new URL(new URL(res.result.url).searchParams.get("redirect_uri")!);
  redirect.searchParams.set("code", code);
  redirect.searchParams.set("state", state);
  const back = await fetch(redirect, { redirect: "manual" });
  assert.equal(back.status, 302);
  return back.headers.get("location") ?? "";
}
