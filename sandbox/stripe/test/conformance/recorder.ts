import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ApiExchange, SandboxServer } from "../../src/server.js";
import type { ObjectSchema, Property, Schema, StripeSchemas } from "./stripe-schema.js";
import type { Deviation } from "./validate.js";
import { expandSet, validate } from "./validate.js";

/**
 * What each /v1 route answers, by the SDK's own type names (stripe-types.ts). A route missing
 * here fails the suite: a new endpoint must say what it returns.
 */
export const answerTypes: Record<string, string> = {
  "POST /v1/accounts": "Account",
  "GET /v1/accounts": "list:Account",
  "GET /v1/account": "Account",
  "GET /v1/accounts/:id": "Account",
  "POST /v1/accounts/:id": "Account",
  "DELETE /v1/accounts/:id": "DeletedAccount",
  "POST /v1/account_links": "AccountLink",
  "POST /v1/accounts/:id/login_links": "LoginLink",
  "GET /v1/application_fees": "list:ApplicationFee",
  "GET /v1/application_fees/:id": "ApplicationFee",
  "GET /v1/application_fees/:id/refunds": "list:FeeRefund",
  "GET /v1/application_fees/:id/refunds/:rid": "FeeRefund",
  "GET /v1/balance": "Balance",
  "GET /v1/balance_transactions": "list:BalanceTransaction",
  "GET /v1/balance_transactions/:id": "BalanceTransaction",
  "GET /v1/balance/history": "list:BalanceTransaction",
  "GET /v1/balance/history/:id": "BalanceTransaction",
  "GET /v1/charges": "list:Charge",
  "GET /v1/charges/:id": "Charge",
  "POST /v1/charges/:id": "Charge",
  "POST /v1/checkout/sessions": "CheckoutSession",
  "GET /v1/checkout/sessions": "list:CheckoutSession",
  "GET /v1/checkout/sessions/:id": "CheckoutSession",
  "GET /v1/checkout/sessions/:id/line_items": "list:LineItem",
  "POST /v1/checkout/sessions/:id/expire": "CheckoutSession",
  "POST /v1/customers": "Customer",
  "GET /v1/customers": "list:Customer",
  "GET /v1/customers/:id": "Customer",
  "POST /v1/customers/:id": "Customer",
  "GET /v1/disputes": "list:Dispute",
  "GET /v1/disputes/:id": "Dispute",
  "POST /v1/disputes/:id": "Dispute",
  "POST /v1/disputes/:id/close": "Dispute",
  "GET /v1/events": "list:Event",
  "GET /v1/events/:id": "Event",
  "GET /v1/invoices": "list:Invoice",
  "GET /v1/invoices/:id": "Invoice",
  "GET /v1/invoices/:id/lines": "list:InvoiceLineItem",
  "GET /v1/invoice_payments": "list:InvoicePayment",
  "GET /v1/invoice_payments/:id": "InvoicePayment",
  "POST /v1/payment_intents": "PaymentIntent",
  "GET /v1/payment_intents": "list:PaymentIntent",
  "GET /v1/payment_intents/:id": "PaymentIntent",
  "POST /v1/payment_intents/:id": "PaymentIntent",
  "POST /v1/payment_intents/:id/confirm": "PaymentIntent",
  "POST /v1/payment_intents/:id/cancel": "PaymentIntent",
  "POST /v1/payouts": "Payout",
  "GET /v1/payouts": "list:Payout",
  "GET /v1/payouts/:id": "Payout",
  "POST /v1/payouts/:id": "Payout",
  "POST /v1/payouts/:id/cancel": "Payout",
  "POST /v1/prices": "Price",
  "GET /v1/prices": "list:Price",
  "GET /v1/prices/:id": "Price",
  "POST /v1/prices/:id": "Price",
  "POST /v1/products": "Product",
  "GET /v1/products": "list:Product",
  "GET /v1/products/:id": "Product",
  "POST /v1/products/:id": "Product",
  "POST /v1/refunds": "Refund",
  "GET /v1/refunds": "list:Refund",
  "GET /v1/refunds/:id": "Refund",
  "POST /v1/refunds/:id": "Refund",
  "GET /v1/subscriptions": "list:Subscription",
  "POST /v1/subscriptions": "Subscription",
  "GET /v1/subscriptions/:id": "Subscription",
  "POST /v1/subscriptions/:id": "Subscription",
  "DELETE /v1/subscriptions/:id": "Subscription",
  "POST /v1/transfers": "Transfer",
  "GET /v1/transfers": "list:Transfer",
  "GET /v1/transfers/:id": "Transfer",
  "POST /v1/transfers/:id": "Transfer",
  "POST /v1/transfers/:id/reversals": "TransferReversal",
  "GET /v1/transfers/:id/reversals": "list:TransferReversal",
  "GET /v1/transfers/:id/reversals/:rid": "TransferReversal",
  "POST /v1/webhook_endpoints": "WebhookEndpoint",
  "GET /v1/webhook_endpoints": "list:WebhookEndpoint",
  "GET /v1/webhook_endpoints/:id": "WebhookEndpoint",
  "POST /v1/webhook_endpoints/:id": "WebhookEndpoint",
  "DELETE /v1/webhook_endpoints/:id": "DeletedWebhookEndpoint",
};

/** The /__sandbox controls whose answers are Stripe objects, validated like API answers. */
export const controlTypes: Record<string, string> = {
  "POST /__sandbox/checkout/:id/pay": "CheckoutSession",
  "POST /__sandbox/payment_intents/:id/authenticate": "PaymentIntent",
  "POST /__sandbox/payment_intents/:id/settle": "PaymentIntent",
  "POST /__sandbox/payouts/:id/in_transit": "Payout",
  "POST /__sandbox/payouts/:id/paid": "Payout",
  "POST /__sandbox/payouts/:id/failed": "Payout",
  "POST /__sandbox/charges/:id/dispute": "Dispute",
  "POST /__sandbox/disputes/:id/close": "Dispute",
  "POST /__sandbox/refunds/:id/settle": "Refund",
  "POST /__sandbox/accounts/:id/verify": "Account",
};

export interface Finding extends Deviation {
  document: string;
}

/** Stripe's list envelope around a root: `{object: "list", data: T[], has_more, url}`. */
function listOf(item: Schema): ObjectSchema {
  const props = new Map<string, Property>([
    ["object", { schema: { kind: "literal", value: "list" }, optional: false, includable: false }],
    ["data", { schema: { kind: "array", items: item }, optional: false, includable: false }],
    ["has_more", { schema: { kind: "boolean" }, optional: false, includable: false }],
    ["url", { schema: { kind: "string" }, optional: false, includable: false }],
  ]);
  return { kind: "object", name: "ApiList", props: () => props };
}

/**
 * Records every /v1 answer of a sandbox and every webhook it delivers, and validates each
 * against the SDK's declarations.
 */
export class ConformanceRecorder {
  readonly exchanges: ApiExchange[] = [];
  readonly webhooks: string[] = [];
  private receiver: http.Server | null = null;

  constructor(private readonly schemas: StripeSchemas) {}

  attach(server: SandboxServer): void {
    server.observers.push((x) => this.exchanges.push(x));
  }

  /** A local webhook receiver; answers 200 to everything and keeps the raw bodies. */
  async listen(): Promise<string> {
    this.receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        this.webhooks.push(Buffer.concat(chunks).toString("utf8"));
        res.writeHead(200, { "content-type": "application/json" });
        res.end("{}");
      });
    });
    await new Promise<void>((resolve) => this.receiver?.listen(0, "127.0.0.1", () => resolve()));
    return `http://127.0.0.1:${(this.receiver.address() as AddressInfo).port}/hook`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.receiver ? this.receiver.close(() => resolve()) : resolve()));
  }

  schemaFor(typeName: string): Schema {
    return typeName.startsWith("list:") ? listOf(this.schemas.root(typeName.slice(5))) : this.schemas.root(typeName);
  }

  /** Validates one answer; errors are held to Stripe's error envelope. */
  checkExchange(x: ApiExchange): Finding[] {
    const key = `${x.method} ${x.route ?? x.path}`;
    const document = `${key} -> ${x.status}`;
    let body: unknown;
    try {
      body = JSON.parse(x.body);
    } catch {
      return [{ document, path: "", message: "answer is not JSON" }];
    }
    if (x.kind === "control" && !controlTypes[key]) return [];
    if (x.status >= 400) return validate(body, this.schemas.root("ErrorBody"), { expand: new Set() }).map((d) => ({ ...d, document }));
    const typeName = x.kind === "control" ? controlTypes[key] : answerTypes[key];
    if (!typeName) return [{ document, path: "", message: "route has no declared answer type in answerTypes" }];
    return validate(body, this.schemaFor(typeName), { expand: expandSet(x.params.expand) }).map((d) => ({ ...d, document }));
  }

  /** Validates one delivered webhook payload: never expanded, never with includable fields. */
  checkWebhook(raw: string): Finding[] {
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return [{ document: "webhook", path: "", message: "payload is not JSON" }];
    }
    const type = typeof body === "object" && body !== null && "type" in body ? String((body as { type: unknown }).type) : "?";
    const document = `webhook ${type}`;
    return validate(body, this.schemas.root("Event"), { expand: null }).map((d) => ({ ...d, document }));
  }
}
