import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/**
 * A JSON-schema-like view of one TypeScript type from the `stripe` package, built with the
 * compiler API. Objects are built lazily (their properties are read on first use), so the
 * whole Event union, which reaches almost every Stripe object, costs only what is validated.
 */
export type Schema =
  | { kind: "string" }
  | { kind: "number" }
  | { kind: "boolean" }
  | { kind: "null" }
  | { kind: "unknown" }
  | { kind: "literal"; value: string | number | boolean }
  | { kind: "array"; items: Schema }
  | { kind: "record"; values: Schema }
  | { kind: "union"; options: Schema[] }
  | ObjectSchema;

export interface Property {
  schema: Schema;
  optional: boolean;
  /**
   * An optional list-valued field (`payments?: ApiList<InvoicePayment>`): what Stripe calls
   * includable, sent only when asked for with expand[] and never in webhook payloads.
   */
  includable: boolean;
}

export interface ObjectSchema {
  kind: "object";
  name: string;
  props(): Map<string, Property>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const rootsFile = path.join(here, "stripe-types.ts");

export class StripeSchemas {
  private readonly checker: ts.TypeChecker;
  private readonly roots = new Map<string, ts.Type>();
  private readonly params = new Map<string, ts.Type>();
  private readonly cache = new Map<ts.Type, Schema>();
  private readonly anchor: ts.Node;

  constructor() {
    const program = ts.createProgram([rootsFile], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      types: [],
    });
    this.checker = program.getTypeChecker();
    const source = program.getSourceFile(rootsFile);
    if (!source) throw new Error(`cannot load ${rootsFile}`);
    this.anchor = source;
    source.forEachChild((node) => {
      if (!ts.isInterfaceDeclaration(node)) return;
      const table = node.name.text === "ConformanceRoots" ? this.roots : node.name.text === "ConformanceParams" ? this.params : null;
      if (!table) return;
      for (const sym of this.checker.getPropertiesOfType(this.checker.getTypeAtLocation(node))) table.set(sym.name, this.checker.getTypeOfSymbolAtLocation(sym, source));
    });
    if (this.roots.size === 0) throw new Error("ConformanceRoots not found");
  }

  /** The SDK's parameter type of a route ("POST /v1/payouts"), or null when none is declared. */
  paramsOf(route: string): Schema | null {
    const t = this.params.get(route);
    return t ? this.of(t) : null;
  }

  /** The schema of a root named in stripe-types.ts, e.g. "PaymentIntent". */
  root(name: string): Schema {
    const t = this.roots.get(name);
    if (!t) throw new Error(`no conformance root ${name}`);
    return this.of(t);
  }

  rootNames(): string[] {
    return [...this.roots.keys()];
  }

  private of(type: ts.Type): Schema {
    const cached = this.cache.get(type);
    if (cached) return cached;
    const schema = this.build(type);
    this.cache.set(type, schema);
    return schema;
  }

  private build(type: ts.Type): Schema {
    const f = type.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return { kind: "unknown" };
    if (f & ts.TypeFlags.StringLiteral) return { kind: "literal", value: (type as ts.StringLiteralType).value };
    if (f & ts.TypeFlags.NumberLiteral) return { kind: "literal", value: (type as ts.NumberLiteralType).value };
    if (f & ts.TypeFlags.BooleanLiteral) return { kind: "literal", value: this.checker.typeToString(type) === "true" };
    if (f & ts.TypeFlags.String) return { kind: "string" };
    if (f & ts.TypeFlags.Number) return { kind: "number" };
    if (f & ts.TypeFlags.Boolean) return { kind: "boolean" };
    if (f & ts.TypeFlags.Null) return { kind: "null" };
    if (type.isUnion()) return this.union(type.types);
    if (type.isIntersection()) {
      // `OtherString` (string & Record<never, never>) widens enums to any string so old SDKs
      // accept new values; the spec's enum is the literal members, so it is dropped in union().
      if (type.types.some((t) => t.flags & ts.TypeFlags.String)) return { kind: "string" };
      return this.object(type);
    }
    if (f & ts.TypeFlags.Object) {
      if (this.checker.isArrayType(type) || this.checker.isTupleType(type)) {
        const [item] = this.checker.getTypeArguments(type as ts.TypeReference);
        return { kind: "array", items: item ? this.of(item) : { kind: "unknown" } };
      }
      const symbolName = type.getSymbol()?.getName();
      // Decimal is a class in the SDK and a decimal string on the wire.
      if (symbolName === "Decimal") return { kind: "string" };
      const index = this.checker.getIndexTypeOfType(type, ts.IndexKind.String);
      if (index && this.checker.getPropertiesOfType(type).length === 0) return { kind: "record", values: this.of(index) };
      return this.object(type);
    }
    return { kind: "unknown" };
  }

  private union(types: readonly ts.Type[]): Schema {
    const members = types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    const hasLiteralString = members.some((t) => t.flags & ts.TypeFlags.StringLiteral);
    const kept = members.filter((t) => !(hasLiteralString && t.isIntersection() && t.types.some((x) => x.flags & ts.TypeFlags.String)));
    const options = kept.map((t) => this.of(t));
    // true | false is how the checker spells boolean inside a union.
    const bools = options.filter((o) => o.kind === "literal" && typeof o.value === "boolean");
    const rest = options.filter((o) => !(o.kind === "literal" && typeof o.value === "boolean"));
    const merged: Schema[] = bools.length === 2 ? [{ kind: "boolean" }, ...rest] : options;
    if (merged.length === 1 && merged[0]) return merged[0];
    return { kind: "union", options: merged };
  }

  private object(type: ts.Type): ObjectSchema {
    const checker = this.checker;
    const anchor = this.anchor;
    let props: Map<string, Property> | null = null;
    const name = checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
    const self: ObjectSchema = {
      kind: "object",
      name: name.length > 80 ? `${name.slice(0, 77)}...` : name,
      props: () => {
        if (props) return props;
        props = new Map();
        for (const sym of checker.getPropertiesOfType(type)) {
          const propType = checker.getTypeOfSymbolAtLocation(sym, anchor);
          const optional = (sym.flags & ts.SymbolFlags.Optional) !== 0;
          if (propType.getCallSignatures().length > 0) continue;
          const nonNull = checker.getNonNullableType(propType);
          // Optional in its own declaration, not merely through Partial<> (previous_attributes).
          const declaredOptional = (sym.declarations ?? []).some((d) => (ts.isPropertySignature(d) || ts.isPropertyDeclaration(d)) && d.questionToken !== undefined);
          const includable = optional && declaredOptional && checker.typeToString(nonNull).startsWith("ApiList<");
          props.set(sym.name, { schema: this.of(propType), optional, includable });
        }
        return props;
      },
    };
    return self;
  }
}

let shared: StripeSchemas | null = null;

/** One compiler run per test process: building the program is the slow part (seconds). */
export function stripeSchemas(): StripeSchemas {
  shared ??= new StripeSchemas();
  return shared;
}
