import type { Sandbox } from "./sandbox.js";
import type { SandboxServer } from "./server.js";
import { compile } from "./router.js";

export interface LocalCtx {
  sb: Sandbox;
  server: SandboxServer;
  args: string[];
  body: Record<string, unknown>;
  query: Record<string, string>;
}

export type LocalResult = { status?: number; json: unknown } | { status?: number; html: string } | { script: string } | { redirect: string };

export interface LocalRoute {
  method: string;
  path: string;
  pattern: RegExp;
  handler: (ctx: LocalCtx) => LocalResult | Promise<LocalResult>;
}

export const local = (method: string, path: string, handler: LocalRoute["handler"]): LocalRoute => ({ method, path, pattern: compile(path), handler });
