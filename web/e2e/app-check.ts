/**
 * The header the web app's local App Check stand-in adds to every callable
 * (web/src/app-check.ts), for tests that call a callable directly rather than through the page.
 */
export function appCheckHeader(): { "X-Firebase-AppCheck": string } {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  return { "X-Firebase-AppCheck": `${part({ alg: "none", typ: "JWT" })}.${part({ sub: "kassa-local-web", iat: now, exp: now + 3600 })}.` };
}
