import type { IncomingMessage } from "node:http";

/** Handlers return a reply instead of writing to the socket, so fault injection can swap it. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { "content-type": "application/json; charset=utf-8", ...headers }, body: JSON.stringify(value) };
}

export function html(status: number, text: string): Reply {
  return { status, headers: { "content-type": "text/html; charset=utf-8" }, body: text };
}

export function redirect(location: string): Reply {
  return { status: 302, headers: { location } };
}

const maxBodyBytes = 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBodyBytes) throw new Error("request body too large");
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Parsed JSON or `undefined` when the text is not JSON (callers answer their own error). */
export function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
