/**
 * Just enough of Firestore's document API for adapter unit tests that read and write a few
 * documents by path (doc, get, getAll, runTransaction with get/getAll/set/create), keeping the
 * semantics the adapters depend on: writes apply at commit, all or nothing; `merge: true` merges
 * maps deeply; `mergeFields` replaces each named field whole and refuses a named field missing
 * from the data; `create` refuses an existing document; `undefined` anywhere is refused, as the
 * Admin SDK does without ignoreUndefinedProperties. Queries, field transforms and contention are
 * not modelled: tests that need them run against the emulator.
 */
type Data = Record<string, unknown>;

interface SetOptions {
  merge?: boolean;
  mergeFields?: string[];
}

const isMap = (v: unknown): v is Data => v !== null && typeof v === "object" && !Array.isArray(v);

function refuseUndefined(value: unknown, path: string): void {
  if (value === undefined) throw new Error(`Cannot use "undefined" as a Firestore value (found in field "${path}")`);
  if (isMap(value)) for (const [k, v] of Object.entries(value)) refuseUndefined(v, path ? `${path}.${k}` : k);
  if (Array.isArray(value)) value.forEach((v, i) => refuseUndefined(v, `${path}[${i}]`));
}

function deepMerge(into: Data, from: Data): Data {
  const out: Data = { ...into };
  for (const [k, v] of Object.entries(from)) out[k] = isMap(v) && isMap(out[k]) ? deepMerge(out[k], v) : structuredClone(v);
  return out;
}

export class FakeDocRef {
  constructor(
    private readonly db: FakeFirestoreDocuments,
    readonly path: string,
  ) {}

  async get(): Promise<FakeSnapshot> {
    return this.db.snapshot(this.path);
  }
}

export interface FakeSnapshot {
  exists: boolean;
  data(): Data | undefined;
}

export class FakeFirestoreDocuments {
  readonly docs = new Map<string, Data>();
  commits = 0;

  doc(path: string): FakeDocRef {
    return new FakeDocRef(this, path);
  }

  snapshot(path: string): FakeSnapshot {
    const data = this.docs.get(path);
    return { exists: data !== undefined, data: () => (data === undefined ? undefined : structuredClone(data)) };
  }

  async getAll(...refs: FakeDocRef[]): Promise<FakeSnapshot[]> {
    return refs.map((r) => this.snapshot(r.path));
  }

  async runTransaction<T>(fn: (tx: FakeTransaction) => Promise<T>): Promise<T> {
    const tx = new FakeTransaction(this);
    const result = await fn(tx);
    const next = new Map(this.docs);
    for (const write of tx.writes) write(next);
    this.docs.clear();
    for (const [k, v] of next) this.docs.set(k, v);
    this.commits++;
    return result;
  }
}

export class FakeTransaction {
  readonly writes: ((docs: Map<string, Data>) => void)[] = [];

  constructor(private readonly db: FakeFirestoreDocuments) {}

  async get(ref: FakeDocRef): Promise<FakeSnapshot> {
    return this.db.snapshot(ref.path);
  }

  async getAll(...refs: FakeDocRef[]): Promise<FakeSnapshot[]> {
    return this.db.getAll(...refs);
  }

  set(ref: FakeDocRef, data: Data, options: SetOptions = {}): this {
    refuseUndefined(data, "");
    const value = structuredClone(data);
    this.writes.push((docs) => {
      const old = docs.get(ref.path) ?? {};
      if (options.mergeFields) {
        const out: Data = { ...old };
        for (const f of options.mergeFields) {
          if (f.includes(".")) throw new Error("fake: nested mergeFields are not modelled");
          if (!(f in value)) throw new Error(`Input data is missing for field "${f}".`);
          out[f] = value[f];
        }
        docs.set(ref.path, out);
      } else if (options.merge) {
        docs.set(ref.path, deepMerge(old, value));
      } else {
        docs.set(ref.path, value);
      }
    });
    return this;
  }

  create(ref: FakeDocRef, data: Data): this {
    refuseUndefined(data, "");
    const value = structuredClone(data);
    this.writes.push((docs) => {
      if (docs.has(ref.path)) throw new Error(`ALREADY_EXISTS: ${ref.path}`);
      docs.set(ref.path, value);
    });
    return this;
  }
}
