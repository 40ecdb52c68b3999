import type { Fields, Spec } from "../../src/form.js";
import type { ObjectSchema, Schema } from "./stripe-schema.js";
import type { Deviation } from "./validate.js";

/** The object members of a parameter type (`Emptyable<T>` is `null | "" | T`). */
function objectsOf(schema: Schema): ObjectSchema[] {
  if (schema.kind === "object") return [schema];
  if (schema.kind === "union") return schema.options.flatMap(objectsOf);
  return [];
}

function arrayItems(schema: Schema): Schema[] {
  if (schema.kind === "array") return [schema.items];
  if (schema.kind === "union") return schema.options.flatMap(arrayItems);
  return [];
}

function literals(schema: Schema): Array<string | number | boolean> | null {
  if (schema.kind === "literal") return [schema.value];
  if (schema.kind === "union") {
    const parts = schema.options.map(literals);
    if (parts.some((p) => p === null)) return null;
    return parts.flat() as Array<string | number | boolean>;
  }
  return null;
}

function compareValue(spec: Spec, schema: Schema, path: string, out: Deviation[]): void {
  if (typeof spec === "string") return;
  switch (spec.kind) {
    case "object": {
      const objects = objectsOf(schema);
      if (objects.length === 0) {
        out.push({ path, message: "the sandbox takes an object where Stripe's parameter is not one" });
        return;
      }
      compareFields(spec.fields, objects, path, out);
      return;
    }
    case "array": {
      const items = arrayItems(schema);
      if (items.length === 0) {
        out.push({ path, message: "the sandbox takes an array where Stripe's parameter is not one" });
        return;
      }
      for (const item of items) compareValue(spec.of, item, `${path}[]`, out);
      return;
    }
    case "enum": {
      const allowed = literals(schema);
      if (!allowed) return;
      for (const v of spec.values) if (!allowed.includes(v)) out.push({ path, message: `the sandbox accepts ${JSON.stringify(v)}, not one of Stripe's ${allowed.map((a) => JSON.stringify(a)).join(" | ")}` });
      return;
    }
    case "range":
      return;
  }
}

function compareFields(fields: Fields, objects: ObjectSchema[], path: string, out: Deviation[]): void {
  const props = new Map(objects.flatMap((o) => [...o.props()]));
  // As validate() reads a spec: a later `name!` overrides an earlier `name`.
  const accepted = new Map<string, { spec: Spec; required: boolean }>();
  for (const [rawKey, spec] of Object.entries(fields)) {
    const required = rawKey.endsWith("!");
    accepted.set(required ? rawKey.slice(0, -1) : rawKey, { spec, required });
  }
  const specKeys = new Set(accepted.keys());
  for (const [key, { spec, required }] of accepted) {
    const p = path ? `${path}[${key}]` : key;
    const prop = props.get(key);
    if (!prop) {
      out.push({ path: p, message: `the sandbox accepts a parameter Stripe's ${objects[0]?.name ?? "type"} does not have` });
      continue;
    }
    if (!prop.optional && !required) out.push({ path: p, message: "Stripe requires this parameter; the sandbox does not" });
    compareValue(spec, prop.schema, p, out);
  }
  for (const [key, prop] of props) {
    if (!prop.optional && !specKeys.has(key)) out.push({ path: path ? `${path}[${key}]` : key, message: "Stripe requires this parameter; the sandbox does not know it" });
  }
}

/**
 * Differences between what a sandbox route accepts (its validate() spec) and the SDK's parameter
 * type for the route: a parameter Stripe does not have, an enum value Stripe does not take, a
 * parameter Stripe requires that the sandbox lets go. The sandbox may require more than the type
 * says where Stripe does (e.g. `success_url` for a hosted Checkout), so that direction is not a deviation.
 */
export function compareParams(fields: Fields, schema: Schema): Deviation[] {
  const out: Deviation[] = [];
  const objects = objectsOf(schema);
  if (objects.length === 0) return [{ path: "", message: "Stripe's parameter type is not an object" }];
  compareFields(fields, objects, "", out);
  return out;
}
