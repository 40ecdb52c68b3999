import { invalid } from "./errors.js";
import type { Sandbox, TableName } from "./sandbox.js";

const tableByPrefix: Record<string, TableName> = {
  acct: "accounts",
  cus: "customers",
  prod: "products",
  price: "prices",
  cs: "checkoutSessions",
  pi: "paymentIntents",
  ch: "charges",
  py: "charges",
  re: "refunds",
  pyr: "refunds",
  dp: "disputes",
  tr: "transfers",
  trr: "transferReversals",
  fee: "applicationFees",
  fr: "feeRefunds",
  po: "payouts",
  sub: "subscriptions",
  in: "invoices",
  inpay: "invoicePayments",
  evt: "events",
  we: "webhookEndpoints",
  txn: "balanceTransactions",
};

export function lookupById(sb: Sandbox, id: string): unknown {
  const prefix = id.slice(0, id.lastIndexOf("_"));
  const table = tableByPrefix[prefix];
  return table ? sb.find(table, id) : undefined;
}

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

function expandPath(sb: Sandbox, node: Node, parts: string[], full: string): void {
  const [head, ...rest] = parts;
  if (head === undefined) return;
  if (head === "data" && Array.isArray(node.data) && node.object === "list") {
    for (const item of node.data) if (isNode(item)) expandPath(sb, item, rest, full);
    return;
  }
  if (!(head in node)) {
    if (node.object === "checkout.session" && head === "line_items") {
      const items = sb.state.checkoutLineItems[String(node.id)] ?? [];
      node.line_items = { object: "list", data: structuredClone(items), has_more: false, url: `/v1/checkout/sessions/${String(node.id)}/line_items` };
      return;
    }
    throw invalid(`This property cannot be expanded (${full}).`, "expand");
  }
  let value = node[head];
  if (typeof value === "string") {
    const found = lookupById(sb, value);
    if (found === undefined) throw invalid(`This property cannot be expanded (${full}).`, "expand");
    value = structuredClone(found);
    node[head] = value;
  }
  if (isNode(value) && rest.length) expandPath(sb, value, rest, full);
}

/** Applies `expand[]` to a response, on a copy so stored objects keep their id references. */
export function applyExpand(sb: Sandbox, body: unknown, expand: unknown, alwaysCopy = false): unknown {
  if (!Array.isArray(expand) || expand.length === 0 || !isNode(body)) return alwaysCopy ? structuredClone(body) : body;
  const copy = structuredClone(body);
  for (const path of expand) {
    if (typeof path !== "string") continue;
    const parts = path.split(".");
    if (parts.length > 4) throw invalid(`You cannot expand more than 4 levels of a property (${path}).`, "expand");
    expandPath(sb, copy, parts, path);
  }
  return copy;
}
