/**
 * Where to go after signing in: the page a signed-out person opened (with its filters), kept
 * in the sign-in URL as ?next=/admin/payments%3Fcoach%3Dx. Only a path inside this app is
 * followed (it starts with one "/"), so a link cannot send someone to another site.
 */
export function signInPath(path: string, search: string): string {
  const target = `${path}${search}`;
  return target === "/" || path === "/signin" ? "/signin" : `/signin?next=${encodeURIComponent(target)}`;
}

export function nextPath(search: string): string | null {
  const next = new URLSearchParams(search).get("next");
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.startsWith("/signin")) return null;
  return next;
}
