import qs from "qs";
import { invalid, missing, unknownParam, ApiError } from "./errors.js";

// Stripe bodies are form-encoded with qs bracket nesting (`line_items[0][price]=...`).
// Generous limits: qs turns arrays longer than arrayLimit into objects, and Kassa sends
// checkout sessions with several line items and metadata keys.
export function parseForm(text: string): Record<string, unknown> {
  if (!text) return {};
  return qs.parse(text, { depth: 20, arrayLimit: 1000, parameterLimit: 5000, allowDots: false }) as Record<string, unknown>;
}

export const currencies = ["sek", "eur", "usd", "gbp", "nok", "dkk", "chf"] as const;

type Scalar = "string" | "int" | "amount" | "nonneg" | "bool" | "currency" | "metadata" | "url" | "id";
export type Spec =
  | Scalar
  | { kind: "enum"; values: readonly string[] }
  | { kind: "object"; fields: Fields }
  | { kind: "array"; of: Spec }
  /** A unix time or a range of one: `created=1700000000` or `created[gte]=...&created[lt]=...`. */
  | { kind: "range" };
/** A key ending in "!" is required. */
export type Fields = Record<string, Spec>;

export const oneOf = (...values: string[]): Spec => ({ kind: "enum", values });
export const obj = (fields: Fields): Spec => ({ kind: "object", fields });
export const arr = (of: Spec): Spec => ({ kind: "array", of });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function asArray(v: unknown, name: string): unknown[] {
  if (Array.isArray(v)) return v;
  // qs yields an object with numeric keys when indices are sparse or large.
  if (isRecord(v) && Object.keys(v).every((k) => /^\d+$/.test(k))) {
    return Object.keys(v)
      .sort((a, b) => Number(a) - Number(b))
      .map((k) => v[k]);
  }
  throw invalid(`Invalid array`, name, "parameter_invalid_array");
}

function coerce(value: unknown, spec: Spec, name: string): unknown {
  if (typeof spec === "string") {
    switch (spec) {
      case "string":
      case "url":
      case "id":
        if (typeof value !== "string") throw invalid(`Invalid string: ${JSON.stringify(value)}`, name, "parameter_invalid_string");
        if (spec === "url" && value !== "" && !/^https?:\/\//.test(value)) throw invalid(`Not a valid URL`, name, "url_invalid");
        return value;
      case "int":
      case "amount":
      case "nonneg": {
        if (typeof value !== "string" || !/^-?\d+$/.test(value)) {
          throw invalid(`Invalid integer: ${typeof value === "string" ? value : JSON.stringify(value)}`, name, "parameter_invalid_integer");
        }
        const n = Number(value);
        if (!Number.isSafeInteger(n)) throw invalid(`Invalid integer: ${value}`, name, "parameter_invalid_integer");
        if (spec === "amount" && n < 1) throw invalid(`This value must be greater than or equal to 1.`, name, "parameter_invalid_integer");
        if (spec === "nonneg" && n < 0) throw invalid(`This value must be greater than or equal to 0.`, name, "parameter_invalid_integer");
        return n;
      }
      case "bool":
        if (value === "true" || value === true) return true;
        if (value === "false" || value === false) return false;
        throw invalid(`Invalid boolean: ${String(value)}`, name, "parameter_invalid_boolean");
      case "currency": {
        const c = typeof value === "string" ? value.toLowerCase() : "";
        if (!(currencies as readonly string[]).includes(c)) {
          throw invalid(`Invalid currency: ${String(value)}. Stripe currently supports these currencies: ${currencies.join(", ")}`, name, "parameter_invalid");
        }
        return c;
      }
      case "metadata": {
        // metadata="" clears all keys, as in Stripe.
        if (value === "") return {};
        if (!isRecord(value)) throw invalid(`Invalid object`, name, "parameter_invalid_object");
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(value)) {
          if (typeof v !== "string") throw invalid(`Invalid string: ${JSON.stringify(v)}`, `${name}[${k}]`, "parameter_invalid_string");
          if (k.length > 40) throw invalid(`Metadata keys can have up to 40 characters.`, `${name}[${k}]`);
          if (v.length > 500) throw invalid(`Metadata values can have up to 500 characters.`, `${name}[${k}]`);
          out[k] = v;
        }
        if (Object.keys(out).length > 50) throw invalid(`Metadata can have up to 50 keys.`, name);
        return out;
      }
    }
  }
  switch (spec.kind) {
    case "enum":
      if (typeof value !== "string" || !spec.values.includes(value)) {
        throw invalid(`Invalid ${name}: must be one of ${spec.values.join(", ")}`, name, "parameter_invalid");
      }
      return value;
    case "object":
      if (!isRecord(value)) throw invalid(`Invalid object`, name, "parameter_invalid_object");
      return validateFields(value, spec.fields, name);
    case "array":
      return asArray(value, name).map((v, i) => coerce(v, spec.of, `${name}[${i}]`));
    case "range":
      if (typeof value === "string") return coerce(value, "int", name);
      if (!isRecord(value)) throw invalid(`Invalid object`, name, "parameter_invalid_object");
      return validateFields(value, { gt: "int", gte: "int", lt: "int", lte: "int" }, name);
  }
}

function validateFields(raw: Record<string, unknown>, fields: Fields, prefix: string): Record<string, unknown> {
  const specs = new Map<string, { spec: Spec; required: boolean }>();
  for (const [key, spec] of Object.entries(fields)) {
    const required = key.endsWith("!");
    specs.set(required ? key.slice(0, -1) : key, { spec, required });
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const name = prefix ? `${prefix}[${key}]` : key;
    const entry = specs.get(key);
    if (!entry) throw unknownParam(name);
    out[key] = coerce(value, entry.spec, name);
  }
  for (const [key, { required }] of specs) {
    if (required && (out[key] === undefined || out[key] === "")) throw missing(prefix ? `${prefix}[${key}]` : key);
  }
  return out;
}

/**
 * Checks a request's parameters against the endpoint's accepted fields and returns them
 * with numbers and booleans coerced. The caller then reads them through the SDK's own
 * `*Params` type: this check is what makes that view true.
 */
export function validate<T>(raw: Record<string, unknown>, fields: Fields, opts: { expand?: boolean } = {}): T {
  // Every endpoint takes expand[] except the few deletes whose parameters are empty.
  const all: Fields = opts.expand === false ? { ...fields } : { expand: arr("string"), ...fields };
  specObserver?.(all);
  return validateFields(raw, all, "") as T;
}

/**
 * Set by the server around a handler when someone records what each route accepts (the
 * conformance suite compares it with the SDK's *Params types); null otherwise.
 */
let specObserver: ((fields: Fields) => void) | null = null;
export function observeSpecs(fn: ((fields: Fields) => void) | null): void {
  specObserver = fn;
}

/** For endpoints that take no parameters besides expand. */
export const noParams: Fields = {};

export function requireOneOf(p: Record<string, unknown>, keys: string[]): void {
  if (!keys.some((k) => p[k] !== undefined)) {
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "parameter_missing",
      message: `You must provide one of: ${keys.join(", ")}.`,
      param: keys[0],
    });
  }
}
