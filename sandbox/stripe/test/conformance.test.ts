import assert from "node:assert/strict";
import { apiRoutes } from "../src/resources/index.js";
import type { Harness } from "./helpers.js";
import { start } from "./helpers.js";
import type { Finding } from "./conformance/recorder.js";
import { answerTypes, ConformanceRecorder, controlTypes } from "./conformance/recorder.js";
import { driveEverything } from "./conformance/scenario.js";
import type { Schema } from "./conformance/stripe-schema.js";
import { stripeSchemas } from "./conformance/stripe-schema.js";
import { expandSet, validate } from "./conformance/validate.js";
import { compareParams } from "./conformance/params.js";
import type { Fields } from "../src/form.js";

const show = (f: Finding[]): string =>
  f
    .slice(0, 80)
    .map((d) => `  ${d.document}: ${d.path || "(root)"}: ${d.message}`)
    .join("\n");

describe("stripe conformance: every answer and webhook against the stripe package's declarations", function () {
  // Building the compiler program over stripe's 6 MB of declarations takes ~15 s on this machine.
  this.timeout(60000);
  let h: Harness;
  let rec: ConformanceRecorder;
  const specs = new Map<string, Fields>();

  before(async () => {
    rec = new ConformanceRecorder(stripeSchemas());
    h = await start({ config: { webhookRetryBaseMs: 20 } });
    rec.attach(h.sbx.server);
    h.sbx.server.specObservers.push((route, fields) => {
      if (!specs.has(route)) specs.set(route, fields);
    });
  });
  after(async () => {
    await h.sbx.close();
    await rec.close();
  });

  it("declares an answer type for every /v1 route", () => {
    const missing = apiRoutes.map((r) => `${r.method} ${r.path}`).filter((k) => !answerTypes[k]);
    assert.deepEqual(missing, []);
  });

  it("drives every endpoint and finds 0 deviations", async () => {
    const hook = await rec.listen();
    await driveEverything(h, hook);
    const findings: Finding[] = [];
    for (const x of rec.exchanges) findings.push(...rec.checkExchange(x));
    for (const w of rec.webhooks) findings.push(...rec.checkWebhook(w));
    const served = new Set(rec.exchanges.filter((x) => x.status < 300 && x.route).map((x) => `${x.method} ${x.route}`));
    const wanted = [...apiRoutes.map((r) => `${r.method} ${r.path}`), ...Object.keys(controlTypes)];
    const unexercised = wanted.filter((k) => !served.has(k));
    const validated = rec.exchanges.filter((x) => x.kind === "api" || controlTypes[`${x.method} ${x.route ?? ""}`]);
    const endpoints = new Set(validated.map((x) => `${x.method} ${x.route ?? x.path}`)).size;
    const documents = validated.length + rec.webhooks.length;
    console.log(`      stripe conformance: ${endpoints} endpoints, ${documents} documents (${validated.length} answers, ${rec.webhooks.length} webhooks), ${findings.length} deviations`);
    assert.equal(findings.length, 0, `deviations:\n${show(findings)}`);
    assert.deepEqual(unexercised, [], "every route answered at least once with success");
    assert.ok(rec.webhooks.length > 50, `webhooks recorded: ${rec.webhooks.length}`);
  });

  it("accepts only parameters Stripe's *Params types declare, and requires what Stripe requires", () => {
    const found: string[] = [];
    for (const [route, fields] of specs) {
      const schema = stripeSchemas().paramsOf(route);
      if (!schema) {
        found.push(`${route}: no SDK parameter type declared in ConformanceParams`);
        continue;
      }
      for (const d of compareParams(fields, schema)) found.push(`${route}: ${d.path}: ${d.message}`);
    }
    console.log(`      stripe parameter conformance: ${specs.size} routes, ${found.length} deviations`);
    assert.ok(specs.size >= apiRoutes.length - 2, `parameter specs recorded for ${specs.size} routes`);
    assert.deepEqual(found, []);
  });
});

describe("stripe conformance: the validator catches what it must", function () {
  this.timeout(60000);
  let schemas: ReturnType<typeof stripeSchemas>;
  let payout: Record<string, unknown>;
  let payoutSchema: Schema;

  before(() => {
    schemas = stripeSchemas();
    payoutSchema = schemas.root("Payout");
    payout = {
      id: "po_1",
      object: "payout",
      amount: 1000,
      application_fee: null,
      application_fee_amount: null,
      arrival_date: 1,
      automatic: false,
      balance_transaction: "txn_1",
      created: 1,
      currency: "sek",
      description: null,
      destination: null,
      failure_balance_transaction: null,
      failure_code: null,
      failure_message: null,
      livemode: false,
      metadata: {},
      method: "standard",
      original_payout: null,
      payout_method: null,
      reconciliation_status: "not_applicable",
      reversed_by: null,
      source_type: "card",
      statement_descriptor: null,
      status: "pending",
      trace_id: null,
      type: "bank_account",
    };
  });

  const check = (doc: unknown, schema: Schema, expand: Set<string> | null = new Set()): string[] => validate(doc, schema, { expand }).map((d) => `${d.path}: ${d.message}`);

  it("accepts a conforming document", () => {
    assert.deepEqual(check(payout, payoutSchema), []);
  });

  it("a missing required field", () => {
    const { arrival_date: _drop, ...doc } = payout;
    assert.deepEqual(check(doc, payoutSchema), ["arrival_date: missing required field (Payout)"]);
  });

  it("an extra field", () => {
    assert.deepEqual(check({ ...payout, bank_name: "SEB" }, payoutSchema), ["bank_name: field not in Payout"]);
  });

  it("a wrong type, and null where the field is not nullable", () => {
    assert.deepEqual(check({ ...payout, amount: "1000" }, payoutSchema), ["amount: expected number, got string"]);
    assert.deepEqual(check({ ...payout, amount: null }, payoutSchema), ["amount: expected number, got null"]);
  });

  it("an enum value outside the declared union (OtherString does not widen it)", () => {
    const out = check({ ...payout, reconciliation_status: "done" }, payoutSchema);
    assert.deepEqual(out, ['reconciliation_status: "done" is not one of "completed" | "in_progress" | "not_applicable"']);
  });

  it("a documented enum the SDK types as plain string (payout status)", () => {
    assert.deepEqual(check({ ...payout, status: "in_flight" }, payoutSchema), ['status: "in_flight" is not one of the documented "canceled" | "failed" | "in_transit" | "paid" | "pending"']);
  });

  it("an expandable field expanded without expand[], or in a webhook payload", () => {
    const txn = { id: "txn_1" };
    assert.match(check({ ...payout, balance_transaction: txn }, payoutSchema).join("\n"), /balance_transaction: expanded without expand\[\]=balance_transaction/);
    assert.doesNotMatch(check({ ...payout, balance_transaction: txn }, payoutSchema, expandSet(["balance_transaction"])).join("\n"), /expanded without/);
    assert.match(check({ ...payout, balance_transaction: txn }, payoutSchema, null).join("\n"), /expanded in a webhook payload/);
  });

  it("an includable field present without expand[] (invoice.payments, charge.refunds)", () => {
    const invoice = schemas.root("Invoice");
    assert.ok(invoice.kind === "object" && invoice.props().get("payments")?.includable, "invoice.payments is includable");
    const charge = schemas.root("Charge");
    assert.ok(charge.kind === "object" && charge.props().get("refunds")?.includable, "charge.refunds is includable");
    const list = { object: "list", data: [], has_more: false, url: "/v1/refunds?charge=ch_1" };
    const onlyRefunds = (doc: unknown, expand: Set<string> | null): string[] => check(doc, charge, expand).filter((m) => m.startsWith("refunds"));
    assert.deepEqual(onlyRefunds({ refunds: list }, new Set()), ["refunds: includable field without expand[]=refunds"]);
    assert.deepEqual(onlyRefunds({ refunds: list }, expandSet(["refunds"])), []);
    assert.deepEqual(onlyRefunds({ refunds: list }, null), ["refunds: includable field in a webhook payload"]);
  });

  it("parameters: one Stripe does not have, an enum value it does not take, a required one let go", () => {
    const payoutParams = schemas.paramsOf("POST /v1/payouts");
    assert.ok(payoutParams);
    assert.deepEqual(compareParams({ "amount!": "amount", "currency!": "currency", metadata: "metadata" }, payoutParams), []);
    const found = compareParams({ amount: "amount", "currency!": "currency", bank: "string", method: { kind: "enum", values: ["standard", "overnight"] } }, payoutParams).map((d) => `${d.path}: ${d.message}`);
    assert.deepEqual(found, [
      "amount: Stripe requires this parameter; the sandbox does not",
      "bank: the sandbox accepts a parameter Stripe's PayoutCreateParams does not have",
      'method: the sandbox accepts "overnight", not one of Stripe\'s "standard" | "instant"',
    ]);
  });

  it("a nested deviation inside an event payload, found through the event type", () => {
    const recorder = new ConformanceRecorder(schemas);
    const event = {
      id: "evt_1",
      object: "event",
      api_version: "2026-10-28.endive",
      created: 1,
      data: { object: { ...payout, type: "iban" } },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: "payout.created",
    };
    const found = recorder.checkWebhook(JSON.stringify(event)).map((f) => `${f.document}: ${f.path}: ${f.message}`);
    assert.equal(found.length, 1, found.join("\n"));
    assert.match(found[0] ?? "", /^webhook payout.created: data\.object\.type: "iban" is not one of "bank_account" \| "card"$/);
    assert.deepEqual(recorder.checkWebhook(JSON.stringify({ ...event, data: { object: payout } })), []);
  });
});
