import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleApi } from "./api.js";
import type { SandboxContext } from "./context.js";
import { handleControl } from "./controls.js";
import { fortnoxEnvelope, FortnoxCode, FortnoxError, fortnoxErrorReply } from "./errors.js";
import { Faults, type FaultRule } from "./faults.js";
import { html, json, readBody, type Reply } from "./http.js";
import { authDecision, authPage, revoke, token } from "./oauth.js";
import { vouchersPage } from "./pages.js";
import { RateLimiter } from "./rate-limit.js";
import { RequestLog } from "./request-log.js";
import { Store } from "./store.js";

export interface FortnoxSandboxOptions {
  /** 0 picks a free port (tests). Default 12112. */
  port?: number;
  host?: string;
  /** Base of the `@url` links; default http://<host>:<port>. */
  publicUrl?: string;
  /** JSON file the state is written through to; in memory when unset. */
  stateFile?: string;
  clientId?: string;
  clientSecret?: string;
  tenantId?: string;
  /** Requests per 5-second window per client+tenant; 0 turns the limit off. Default 25. */
  rateLimit?: number;
  /** Require an account_type=service consent before client credentials even for the sandbox's own tenant. */
  requireServiceConsent?: boolean;
  /** Epoch ms a sandbox with no saved state starts its clock at (the local product's demo history). */
  startAtMs?: number;
}

export interface FortnoxSandbox {
  url: string;
  close(): Promise<void>;
}

export async function startFortnoxSandbox(options: FortnoxSandboxOptions = {}): Promise<FortnoxSandbox> {
  const host = options.host ?? "127.0.0.1";
  const store = new Store(options.stateFile, Date.now, options.startAtMs);
  const ctx: SandboxContext = {
    config: {
      publicUrl: "",
      clientId: options.clientId ?? "kassa-local",
      clientSecret: options.clientSecret ?? "kassa-local-secret",
      tenantId: options.tenantId ?? "1234567",
      requireServiceConsent: options.requireServiceConsent ?? false,
    },
    store,
    rateLimiter: new RateLimiter(options.rateLimit ?? 25),
    faults: new Faults(),
    requestLog: new RequestLog(),
  };
  const pending = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        pending.delete(t);
        resolve();
      }, ms);
      pending.add(t);
    });

  const server = createServer((req, res) => {
    serve(ctx, req, res, sleep).catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      if (!res.headersSent) write(res, json(500, fortnoxEnvelope(`Sandbox error: ${message}`, FortnoxCode.injectedFault)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 12112, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  ctx.config.publicUrl = (options.publicUrl ?? url).replace(/\/$/, "");

  return {
    url,
    async close() {
      for (const t of pending) clearTimeout(t);
      pending.clear();
      store.save();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function serve(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse, sleep: (ms: number) => Promise<void>): Promise<void> {
  const started = Date.now();
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", "http://sandbox");
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname;
  const bodyText = await readBody(req);

  if (path.startsWith("/__sandbox/")) return write(res, handleControl(ctx, method, path, url.searchParams, bodyText));
  if (method === "GET" && path === "/") return write(res, html(200, vouchersPage(ctx.store.state)));

  // Faults only touch the emulated Fortnox surface, never the controls.
  const fault = ctx.faults.take(method, path);
  let reply: Reply;
  if (fault && !fault.after_effect) {
    if (fault.latency_ms) await sleep(fault.latency_ms);
    reply = fault.status !== undefined ? faultReply(fault) : dispatch(ctx, method, path, url.searchParams, req, bodyText);
  } else {
    reply = dispatch(ctx, method, path, url.searchParams, req, bodyText);
    if (fault) {
      // The write already happened; the client only sees a failure (after a hang, if asked).
      if (fault.latency_ms) await sleep(fault.latency_ms);
      reply = faultReply({ ...fault, status: fault.status ?? 500 });
    }
  }
  if (path.startsWith("/3/") || path.startsWith("/oauth-v1/")) {
    ctx.requestLog.add({
      method,
      path,
      query: url.search,
      status: reply.status,
      time: new Date(ctx.store.nowMs()).toISOString(),
      duration_ms: Date.now() - started,
      ...(fault?.status !== undefined || fault?.after_effect ? { fault: true } : {}),
    });
  }
  write(res, reply);
}

function dispatch(ctx: SandboxContext, method: string, path: string, query: URLSearchParams, req: IncomingMessage, bodyText: string): Reply {
  if (path.startsWith("/3/")) return handleApi(ctx, method, path, query, req.headers.authorization, bodyText);
  if (method === "GET" && path === "/oauth-v1/auth") return authPage(ctx, query);
  if (method === "POST" && path === "/oauth-v1/auth/decision") return authDecision(ctx, new URLSearchParams(bodyText));
  if (method === "POST" && path === "/oauth-v1/token") return token(ctx, req.headers, new URLSearchParams(bodyText));
  if (method === "POST" && path === "/oauth-v1/revoke") return revoke(ctx, req.headers, new URLSearchParams(bodyText));
  return fortnoxErrorReply(new FortnoxError(404, FortnoxCode.notFound, `No such endpoint in the sandbox: ${method} ${path}`));
}

function faultReply(fault: FaultRule): Reply {
  return json(fault.status ?? 500, fortnoxEnvelope(`Sandbox fault injected (rule ${fault.id})`, FortnoxCode.injectedFault));
}

function write(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, reply.headers ?? {});
  res.end(reply.body ?? "");
}
