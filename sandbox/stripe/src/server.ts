import http from "node:http";
import type { AddressInfo } from "node:net";
import type { SandboxConfig } from "./config.js";
import { defaultConfig } from "./config.js";
import { controlRoutes } from "./controls.js";
import type { ErrorBody } from "./errors.js";
import { clientParams, formKey, isClientRoute, secretKeyRequired } from "./client-api.js";
import { ApiError, notFoundRoute } from "./errors.js";
import { applyExpand } from "./expand.js";
import { withoutIncludables } from "./includable.js";
import type { Fields } from "./form.js";
import { observeSpecs, parseForm } from "./form.js";
import { Faults } from "./faults.js";
import { newId } from "./ids.js";
import { Idempotency, paramsHash } from "./idempotency.js";
import type { LocalRoute } from "./local-route.js";
import { pageRoutes } from "./pages/index.js";
import { RateLimiter } from "./rate-limit.js";
import { RequestLog } from "./request-log.js";
import { apiRoutes } from "./resources/index.js";
import type { Ctx } from "./router.js";
import { match } from "./router.js";
import { API_VERSION, Sandbox } from "./sandbox.js";
import { WebhookDispatcher } from "./webhooks/deliver.js";

export interface StartOptions {
  port?: number;
  host?: string;
  /** JSON file to persist state to; in memory only when unset. */
  stateFile?: string;
  /** Overrides on top of the defaults (publicUrl defaults to the listening address). */
  config?: Partial<SandboxConfig>;
}

export interface RunningSandbox {
  url: string;
  port: number;
  sandbox: Sandbox;
  server: SandboxServer;
  close(): Promise<void>;
}

/** One /v1 exchange as the caller saw it: what the conformance suite validates. */
export interface ApiExchange {
  /** A /v1 API call, or a /__sandbox control whose answer is a Stripe object. */
  kind: "api" | "control";
  method: string;
  /** The matched route (`/v1/payouts/:id`), or null for an unknown URL. */
  route: string | null;
  path: string;
  account: string | null;
  params: Record<string, unknown>;
  status: number;
  body: string;
}

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string>;
}

const json = (status: number, value: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  body: JSON.stringify(value, null, 2),
  headers: { "content-type": "application/json", ...headers },
});

const errorReply = (err: ApiError): Reply => json(err.status, { error: err.body satisfies ErrorBody });

/** A body that does not parse has no key in it; the route reports the body itself. */
function safeParse(text: string): Record<string, unknown> {
  try {
    return parseForm(text);
  } catch {
    return {};
  }
}

/**
 * api.stripe.com answers browsers from any origin (Stripe.js calls it from the shop's page);
 * the sandbox does the same for /v1, so the stand-in Stripe.js can read its answers.
 */
const CORS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "authorization, content-type, stripe-version, stripe-account, idempotency-key",
  "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
  "access-control-max-age": "300",
};

export class SandboxServer {
  readonly faults = new Faults();
  readonly log = new RequestLog();
  readonly limiter = new RateLimiter();
  readonly idempotency: Idempotency;
  readonly webhooks: WebhookDispatcher;
  /** Called after every /v1 answer; tests record exchanges through it. */
  readonly observers: Array<(x: ApiExchange) => void> = [];
  /** Called with the parameter spec each route validates against (conformance of what the sandbox accepts). */
  readonly specObservers: Array<(route: string, fields: Fields) => void> = [];

  constructor(readonly sb: Sandbox) {
    this.idempotency = new Idempotency(sb);
    this.webhooks = new WebhookDispatcher(sb);
    sb.webhooks = this.webhooks;
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sandbox");
    const method = (req.method ?? "GET").toUpperCase();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let reply: Reply;
    try {
      if (url.pathname.startsWith("/v1/")) reply = method === "OPTIONS" ? { status: 204, body: "", headers: {} } : await this.api(req, method, url, raw);
      else reply = await this.local(req, method, url, raw);
    } catch (err) {
      reply = err instanceof ApiError ? errorReply(err) : json(500, { error: { type: "api_error", message: err instanceof Error ? err.message : String(err) } });
    }
    const cors = url.pathname.startsWith("/v1/") ? CORS : {};
    res.writeHead(reply.status, { ...reply.headers, ...cors, "content-length": Buffer.byteLength(reply.body) });
    res.end(reply.body);
  }

  /** /__sandbox controls and the hosted HTML pages: no API key, JSON or form bodies. */
  private async local(req: http.IncomingMessage, method: string, url: URL, raw: string): Promise<Reply> {
    const found = match<LocalRoute>([...controlRoutes, ...pageRoutes], method, url.pathname);
    if (!found) return json(404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${url.pathname}).` } });
    const type = req.headers["content-type"] ?? "";
    let body: Record<string, unknown> = {};
    if (raw) body = type.includes("application/json") ? (JSON.parse(raw) as Record<string, unknown>) : parseForm(raw);
    const query = Object.fromEntries(url.searchParams);
    const handler: LocalRoute["handler"] = found.route.handler;
    const out = await handler({ sb: this.sb, server: this, args: found.args, body, query });
    if ("redirect" in out) return { status: 303, body: "", headers: { location: out.redirect } };
    if ("html" in out) return { status: out.status ?? 200, body: out.html, headers: { "content-type": "text/html; charset=utf-8" } };
    // Loaded cross-origin by the web app's <script> tag, like https://js.stripe.com/v3.
    if ("script" in out) return { status: 200, body: out.script, headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache", "access-control-allow-origin": "*" } };
    // Controls answer Stripe objects (a paid session, a payout): held to what the API would send.
    const reply = json(out.status ?? 200, withoutIncludables(structuredClone(out.json)));
    if (this.observers.length && url.pathname.startsWith("/__sandbox/")) {
      const exchange: ApiExchange = { kind: "control", method, route: found.route.path, path: url.pathname, account: null, params: body, status: reply.status, body: reply.body };
      for (const o of this.observers) o(exchange);
    }
    return reply;
  }

  private async api(req: http.IncomingMessage, method: string, url: URL, raw: string): Promise<Reply> {
    const path = url.pathname;
    const idemKey = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null;
    const acctHeader = typeof req.headers["stripe-account"] === "string" ? req.headers["stripe-account"] : null;
    const entry = { at: this.sb.now(), method, path, account: acctHeader, idempotency_key: idemKey, status: 0, replayed: false, fault: false };
    const found = match(apiRoutes, method, path);
    const requestId = newId("req", 14);
    const finish = (r: Reply): Reply => {
      entry.status = r.status;
      this.log.add(entry);
      r.headers["request-id"] = requestId;
      r.headers["stripe-version"] = API_VERSION;
      if (this.observers.length) {
        let params: Record<string, unknown> = {};
        try {
          params = { ...parseForm(url.search.slice(1)), ...(method === "POST" ? parseForm(raw) : {}) };
        } catch {
          params = {};
        }
        const exchange: ApiExchange = { kind: "api", method, route: found?.route.path ?? null, path, account: acctHeader, params, status: r.status, body: r.body };
        for (const o of this.observers) o(exchange);
      }
      return r;
    };

    const auth = req.headers.authorization ?? "";
    const headerKey = auth.startsWith("Bearer ") ? auth.slice(7) : auth.startsWith("Basic ") ? Buffer.from(auth.slice(6), "base64").toString().split(":")[0] : "";
    const key = headerKey || formKey(safeParse(method === "GET" ? url.search.slice(1) : raw));
    const publishable = key !== "" && key === this.sb.config.publishableKey;
    if (publishable && !(found && isClientRoute(method, found.route.path))) return finish(errorReply(secretKeyRequired()));
    if (key !== this.sb.config.secretKey && !publishable) {
      const shown = key ? `${key.slice(0, 8)}${"*".repeat(Math.max(0, key.length - 12))}${key.slice(-4)}` : "";
      return finish(json(401, { error: { type: "invalid_request_error", message: key ? `Invalid API Key provided: ${shown}` : "You did not provide an API key." } }));
    }
    if (!this.limiter.allow(this.sb.config.rateLimitPerSecond, found ? `${method} ${found.route.path}` : null, this.sb.config.endpointRateLimitPerSecond)) {
      return finish(
        json(429, {
          error: { type: "invalid_request_error", code: "rate_limit", message: "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits." },
        }),
      );
    }

    let account = this.sb.platform;
    if (acctHeader && acctHeader !== this.sb.platform) {
      if (!this.sb.state.accounts[acctHeader]) {
        return finish(
          json(403, {
            error: { type: "invalid_request_error", code: "account_invalid", message: `The provided key '${key.slice(0, 8)}***' does not have access to account '${acctHeader}' (or that account does not exist). Application access may have been revoked.` },
          }),
        );
      }
      account = acctHeader;
    }

    const fault = this.faults.take(method, path);
    if (fault) {
      entry.fault = true;
      if (fault.latency_ms > 0) await new Promise((r) => setTimeout(r, fault.latency_ms));
    }
    const faultReply = (): Reply => json(fault?.status ?? 500, { error: { type: "api_error", message: `Sandbox fault injected (rule ${fault?.id}).` } });
    if (fault?.status && !fault.after_effect) return finish(faultReply());

    const hash = paramsHash(method, path, method === "GET" || method === "DELETE" ? url.search : raw);
    if (idemKey && method === "POST") {
      let saved;
      try {
        saved = this.idempotency.check(account, idemKey, method, path, hash);
      } catch (err) {
        if (err instanceof ApiError) return finish(errorReply(err));
        throw err;
      }
      if (saved) {
        entry.replayed = true;
        if (fault?.status) return finish(faultReply());
        return finish({ status: saved.status, body: saved.body, headers: { "content-type": "application/json", "idempotent-replayed": "true", "original-request": saved.request_id ?? saved.key } });
      }
      this.idempotency.begin(account, idemKey);
    }
    let reply: Reply;
    let saveable = true;
    try {
      if (!found) throw notFoundRoute(method, path);
      const given = method === "GET" || method === "DELETE" ? parseForm(url.search.slice(1)) : { ...parseForm(url.search.slice(1)), ...parseForm(raw) };
      const params = publishable ? clientParams(this.sb, method, found.args, account, given) : given;
      const ctx: Ctx = { sb: this.sb, account, connected: account !== this.sb.platform, params, args: found.args, method };
      // Events the handler emits name this request, as Stripe's `event.request` does.
      this.sb.request = { id: requestId, idempotency_key: method === "POST" ? idemKey : null };
      const routeKey = `${method} ${found.route.path}`;
      if (this.specObservers.length) observeSpecs((fields) => this.specObservers.forEach((o) => o(routeKey, fields)));
      const result = found.route.handler(ctx);
      reply = json(200, withoutIncludables(applyExpand(this.sb, result, params.expand, true), params.expand));
    } catch (err) {
      if (err instanceof ApiError) {
        reply = errorReply(err);
        // Stripe saves no result when a request fails validation before it starts.
        const code = err.body.code ?? "";
        if (err.status === 400 && (code.startsWith("parameter_") || code === "url_invalid")) saveable = false;
      } else {
        console.error("stripe sandbox: handler failed", err);
        reply = json(500, { error: { type: "api_error", message: "An unknown error occurred" } });
      }
    } finally {
      this.sb.request = null;
      observeSpecs(null);
      if (idemKey && method === "POST") this.idempotency.end(account, idemKey);
    }
    if (idemKey && method === "POST" && saveable) {
      this.idempotency.save({ key: idemKey, account, method, path, paramsHash: hash, status: reply.status, body: reply.body, created: this.sb.now(), request_id: requestId });
      this.sb.changed();
    }
    if (fault?.status) return finish(faultReply());
    return finish(reply);
  }
}

export async function startStripeSandbox(options: StartOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? "127.0.0.1";
  const httpServer = http.createServer();
  httpServer.keepAliveTimeout = 60000;
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  const config: SandboxConfig = { ...defaultConfig(url), ...options.config };
  const sb = new Sandbox(config, options.stateFile);
  const server = new SandboxServer(sb);
  server.webhooks.resumePending();
  httpServer.on("request", (req, res) => {
    server.handle(req, res).catch((err: unknown) => {
      console.error("stripe sandbox: request failed", err);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return {
    url,
    port,
    sandbox: sb,
    server,
    async close() {
      await server.webhooks.close();
      await sb.writer.flush();
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
    },
  };
}
