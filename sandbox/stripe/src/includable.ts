/**
 * Includable fields: list-valued properties Stripe sends only when a request asks for them
 * with expand[] (`invoice.payments` since 2025-03-31, `charge.refunds` since 2022-11-15) and
 * never in webhook payloads. The sandbox stores them for its own bookkeeping and strips them on
 * the way out, so Kassa cannot come to rely on a field real Stripe does not send.
 */
const includable: Record<string, readonly string[]> = {
  invoice: ["payments", "confirmation_secret"],
  charge: ["refunds"],
  "checkout.session": ["line_items"],
  customer: ["sources", "subscriptions", "tax_ids"],
};

const isNode = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const join = (base: string, key: string): string => (base ? `${base}.${key}` : key);

/** All prefixes of each expand path (`a.b` expands `a` too). */
export function expandedPaths(expand: unknown): Set<string> {
  const out = new Set<string>();
  const list = Array.isArray(expand) ? expand : [];
  for (const p of list) {
    if (typeof p !== "string") continue;
    const parts = p.split(".");
    for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join("."));
  }
  return out;
}

function strip(node: unknown, expanded: Set<string>, path: string): void {
  if (Array.isArray(node)) {
    for (const item of node) strip(item, expanded, path);
    return;
  }
  if (!isNode(node)) return;
  const kind = typeof node.object === "string" ? node.object : "";
  for (const key of includable[kind] ?? []) {
    if (key in node && !expanded.has(join(path, key))) delete node[key];
  }
  for (const [key, value] of Object.entries(node)) strip(value, expanded, join(path, key));
}

/** Removes includable fields that were not asked for, in place; pass a copy. */
export function withoutIncludables<T>(body: T, expand: unknown = []): T {
  strip(body, expandedPaths(expand), "");
  return body;
}
