import type { ObjectSchema, Schema } from "./stripe-schema.js";

export interface Deviation {
  path: string;
  message: string;
}

export interface ValidateOptions {
  /**
   * expand[] of the request that produced the document (with their prefixes), or null for a
   * webhook payload, which Stripe never expands.
   */
  expand: Set<string> | null;
}

/** All prefixes of each expand path: `a.b.c` also expands `a` and `a.b`. */
export function expandSet(expand: unknown): Set<string> {
  const out = new Set<string>();
  const list = Array.isArray(expand) ? expand : typeof expand === "string" ? [expand] : [];
  for (const p of list) {
    if (typeof p !== "string") continue;
    const parts = p.split(".");
    for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join("."));
  }
  return out;
}

const describe = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const join = (base: string, key: string): string => (base ? `${base}.${key}` : key);

interface Walk {
  opts: ValidateOptions;
  out: Deviation[];
}

function literalProps(schema: ObjectSchema): Array<[string, string | number | boolean]> {
  const out: Array<[string, string | number | boolean]> = [];
  for (const [key, prop] of schema.props()) if (!prop.optional && prop.schema.kind === "literal") out.push([key, prop.schema.value]);
  return out;
}

function objectOption(options: ObjectSchema[], value: Record<string, unknown>, w: Walk, path: string, expandPath: string): Deviation[] {
  // Discriminate by literal fields (`object: "charge"`, `type: "charge.succeeded"`) first.
  let candidates = options.filter((o) => literalProps(o).every(([k, lit]) => value[k] === lit));
  if (candidates.length === 0) candidates = options;
  let best: Deviation[] | null = null;
  for (const c of candidates) {
    const trial: Walk = { opts: w.opts, out: [] };
    checkObject(value, c, trial, path, expandPath);
    if (best === null || trial.out.length < best.length) best = trial.out;
    if (best.length === 0) break;
  }
  return best ?? [];
}

function check(value: unknown, schema: Schema, w: Walk, path: string, expandPath: string): void {
  switch (schema.kind) {
    case "unknown":
      return;
    case "string":
      if (typeof value !== "string") w.out.push({ path, message: `expected string, got ${describe(value)}` });
      return;
    case "number":
      if (typeof value !== "number") w.out.push({ path, message: `expected number, got ${describe(value)}` });
      return;
    case "boolean":
      if (typeof value !== "boolean") w.out.push({ path, message: `expected boolean, got ${describe(value)}` });
      return;
    case "null":
      if (value !== null) w.out.push({ path, message: `expected null, got ${describe(value)}` });
      return;
    case "literal":
      if (value !== schema.value) w.out.push({ path, message: `expected ${JSON.stringify(schema.value)}, got ${JSON.stringify(value)}` });
      return;
    case "array":
      if (!Array.isArray(value)) {
        w.out.push({ path, message: `expected array, got ${describe(value)}` });
        return;
      }
      value.forEach((item, i) => check(item, schema.items, w, `${path}[${i}]`, expandPath));
      return;
    case "record":
      if (!isRecord(value)) {
        w.out.push({ path, message: `expected object, got ${describe(value)}` });
        return;
      }
      for (const [k, v] of Object.entries(value)) check(v, schema.values, w, join(path, k), join(expandPath, k));
      return;
    case "object":
      if (!isRecord(value)) {
        w.out.push({ path, message: `expected ${schema.name}, got ${describe(value)}` });
        return;
      }
      checkObject(value, schema, w, path, expandPath);
      return;
    case "union":
      checkUnion(value, schema.options, w, path, expandPath);
      return;
  }
}

function checkUnion(value: unknown, options: Schema[], w: Walk, path: string, expandPath: string): void {
  const literals = options.filter((o): o is Extract<Schema, { kind: "literal" }> => o.kind === "literal");
  const objects = options.filter((o): o is ObjectSchema => o.kind === "object");
  const has = (kind: Schema["kind"]): boolean => options.some((o) => o.kind === kind);
  if (options.some((o) => o.kind === "unknown")) return;
  if (value === null) {
    if (!has("null")) w.out.push({ path, message: "null is not allowed here" });
    return;
  }
  if (typeof value === "string") {
    if (has("string")) return;
    if (literals.some((l) => l.value === value)) return;
    if (literals.length > 0) w.out.push({ path, message: `${JSON.stringify(value)} is not one of ${literals.map((l) => JSON.stringify(l.value)).join(" | ")}` });
    else w.out.push({ path, message: `expected ${options.map((o) => o.kind).join(" | ")}, got string` });
    return;
  }
  if (typeof value === "number") {
    if (has("number") || literals.some((l) => l.value === value)) return;
    w.out.push({ path, message: `expected ${options.map((o) => o.kind).join(" | ")}, got number` });
    return;
  }
  if (typeof value === "boolean") {
    if (has("boolean") || literals.some((l) => l.value === value)) return;
    w.out.push({ path, message: `expected ${options.map((o) => o.kind).join(" | ")}, got boolean` });
    return;
  }
  if (Array.isArray(value)) {
    const arr = options.find((o) => o.kind === "array");
    if (arr) check(value, arr, w, path, expandPath);
    else w.out.push({ path, message: "array is not allowed here" });
    return;
  }
  if (isRecord(value)) {
    const record = options.find((o) => o.kind === "record");
    if (objects.length === 0) {
      if (record) check(value, record, w, path, expandPath);
      else w.out.push({ path, message: `expected ${options.map((o) => o.kind).join(" | ")}, got object` });
      return;
    }
    // `string | Stripe.X` is an expandable field: an object only when the request asked.
    if (has("string")) {
      const allowed = w.opts.expand !== null && w.opts.expand.has(expandPath);
      if (!allowed) w.out.push({ path, message: w.opts.expand === null ? "expanded in a webhook payload (Stripe never expands them)" : `expanded without expand[]=${expandPath}` });
    }
    w.out.push(...objectOption(objects, value, w, path, expandPath));
    return;
  }
  w.out.push({ path, message: `unexpected ${describe(value)}` });
}

/**
 * Includable fields that Stripe sends without expand[] under a documented condition:
 * "External accounts are only returned for requests where `controller[is_controller]` is true"
 * (Account.external_accounts), which holds for the platform reading its Express accounts.
 */
const includedWhen: Record<string, (doc: Record<string, unknown>) => boolean> = {
  "Account.external_accounts": (doc) => {
    const controller = doc.controller;
    return typeof controller === "object" && controller !== null && (controller as { is_controller?: unknown }).is_controller === true;
  },
};

/**
 * Enums Stripe's API reference documents for fields the SDK types only as `string`; without
 * these a made-up payout or refund status would pass. Values from the API reference pages of
 * each object (docs.stripe.com/api).
 */
const documentedEnums: Record<string, readonly string[]> = {
  "Payout.status": ["canceled", "failed", "in_transit", "paid", "pending"],
  "Payout.method": ["instant", "standard"],
  "Payout.source_type": ["bank_account", "card", "fpx"],
  "Refund.status": ["canceled", "failed", "pending", "requires_action", "succeeded"],
  "BalanceTransaction.status": ["available", "pending"],
  // Reporting categories (docs.stripe.com/reports/reporting-categories).
  "BalanceTransaction.reporting_category": [
    "advance", "advance_funding", "anticipation_repayment", "charge", "charge_failure", "climate_order_purchase", "climate_order_refund",
    "connect_collection_transfer", "connect_reserved_funds", "contribution", "dispute", "dispute_reversal", "fee", "financing_paydown",
    "financing_paydown_reversal", "financing_payout", "financing_payout_reversal", "issuing_authorization_hold", "issuing_authorization_release",
    "issuing_dispute", "issuing_transaction", "network_cost", "other_adjustment", "partial_capture_reversal", "payout", "payout_reversal",
    "platform_earning", "platform_earning_refund", "refund", "refund_failure", "risk_reserved_funds", "tax", "topup", "topup_reversal",
    "transfer", "transfer_reversal", "unreconciled_customer_funds",
  ],
  "InvoicePayment.status": ["canceled", "open", "paid"],
  "Dispute.reason": ["bank_cannot_process", "check_returned", "credit_not_processed", "customer_initiated", "debit_not_authorized", "duplicate", "fraudulent", "general", "incorrect_account_details", "insufficient_funds", "noncompliant", "product_not_received", "product_unacceptable", "subscription_canceled", "unrecognized"],
};

function checkObject(value: Record<string, unknown>, schema: ObjectSchema, w: Walk, path: string, expandPath: string): void {
  const props = schema.props();
  for (const key of Object.keys(value)) {
    if (!props.has(key)) w.out.push({ path: join(path, key), message: `field not in ${schema.name}` });
  }
  for (const [key, prop] of props) {
    const p = join(path, key);
    const e = join(expandPath, key);
    if (!(key in value)) {
      if (!prop.optional) w.out.push({ path: p, message: `missing required field (${schema.name})` });
      continue;
    }
    if (prop.includable && !(w.opts.expand?.has(e) ?? false) && !(includedWhen[`${schema.name}.${key}`]?.(value) ?? false)) {
      w.out.push({ path: p, message: w.opts.expand === null ? "includable field in a webhook payload" : `includable field without expand[]=${e}` });
    }
    check(value[key], prop.schema, w, p, e);
    const documented = documentedEnums[`${schema.name}.${key}`];
    const v = value[key];
    if (documented && typeof v === "string" && !documented.includes(v)) w.out.push({ path: p, message: `${JSON.stringify(v)} is not one of the documented ${documented.map((d) => JSON.stringify(d)).join(" | ")}` });
  }
}

/** Every way `value` differs from `schema`; empty when the document conforms. */
export function validate(value: unknown, schema: Schema, opts: ValidateOptions): Deviation[] {
  const w: Walk = { opts, out: [] };
  check(value, schema, w, "", "");
  return w.out;
}
