import axios, { type AxiosInstance, type AxiosResponse } from "axios";
import type { z } from "zod";
import { describeIssues } from "./fortnox-shapes.js";

/** How an answer must look: status, schema of its JSON body, and, for errors, the code. */
export interface Expectation {
  status: number;
  /** Parsed from the body's JSON (or, with `from: "location"`, from the redirect's query). */
  shape: z.ZodType;
  from?: "json" | "location" | "text";
  /** The Fortnox error code the body must carry (lower- or upper-case `code`). */
  code?: number;
  /** Extra checks on the whole answer; each returned string is a deviation. */
  also?: (res: AxiosResponse<string>, body: unknown) => string[];
}

export interface Recorded {
  endpoint: string;
  label: string;
  status: number;
  contentType: string;
  body: unknown;
}

/**
 * Records every answer the suite provokes and checks it against its expectation. Bodies are
 * read as text and parsed here, so an answer that is not JSON (or is JSON under another
 * content type, as Fortnox's OAuth errors often are) is seen as it is on the wire.
 */
export class Conformance {
  readonly endpoints = new Set<string>();
  readonly answers: Recorded[] = [];
  readonly deviations: string[] = [];

  /** A raw client on the sandbox's root: no redirects followed, no JSON parsing, any status. */
  static client(baseURL: string, headers: Record<string, string> = {}): AxiosInstance {
    return axios.create({ baseURL, headers, validateStatus: () => true, maxRedirects: 0, responseType: "text", transformResponse: [(data: unknown) => data] });
  }

  /** Sends one request, records the answer under `endpoint` ("METHOD /path/{template}"), checks it; returns the parsed body. */
  async call(endpoint: string, label: string, send: () => Promise<AxiosResponse<string>>, expect: Expectation): Promise<unknown> {
    const res = await send();
    this.endpoints.add(endpoint);
    const contentType = String(res.headers["content-type"] ?? "");
    const where = `${endpoint} (${label})`;
    let body: unknown;
    const from = expect.from ?? "json";
    if (from === "location") {
      const location = String(res.headers.location ?? "");
      body = location ? Object.fromEntries(new URL(location).searchParams) : undefined;
    } else if (from === "text") {
      body = res.data;
    } else {
      try {
        body = JSON.parse(res.data) as unknown;
      } catch {
        this.deviations.push(`${where}: body is not JSON: ${String(res.data).slice(0, 80)}`);
      }
    }
    this.answers.push({ endpoint, label, status: res.status, contentType, body });
    if (res.status !== expect.status) this.deviations.push(`${where}: HTTP ${res.status}, expected ${expect.status}`);
    const parsed = expect.shape.safeParse(body);
    if (!parsed.success) this.deviations.push(`${where}: ${describeIssues(parsed.error)}`);
    if (expect.code !== undefined) {
      const code = errorCode(body);
      if (code !== expect.code) this.deviations.push(`${where}: code ${String(code)}, expected ${expect.code}`);
    }
    for (const problem of expect.also?.(res, body) ?? []) this.deviations.push(`${where}: ${problem}`);
    return body;
  }

  summary(): string {
    return `fortnox conformance: ${this.endpoints.size} endpoints, ${this.answers.length} documents, ${this.deviations.length} deviations`;
  }
}

/** The code of an ErrorInformation envelope in either casing, else undefined. */
export function errorCode(body: unknown): unknown {
  if (typeof body !== "object" || body === null) return undefined;
  const info = (body as { ErrorInformation?: Record<string, unknown> }).ErrorInformation;
  return info?.code ?? info?.Code;
}
