import { FortnoxCode, FortnoxError } from "./errors.js";

export interface Page<T> {
  items: T[];
  meta: { "@TotalResources": number; "@TotalPages": number; "@CurrentPage": number };
}

const defaultLimit = 100;
const maxLimit = 500;

/** Fortnox paging: `page` is 1-based, `limit` at most 500 (default 100); an empty list has 0 pages. */
export function paginate<T>(all: T[], query: URLSearchParams): Page<T> | FortnoxError {
  const page = parsePositive(query.get("page"), 1);
  const limit = parsePositive(query.get("limit"), defaultLimit);
  if (page === undefined) return new FortnoxError(400, FortnoxCode.invalidParameter, "page must be a positive integer");
  if (limit === undefined || limit > maxLimit) return new FortnoxError(400, FortnoxCode.invalidParameter, `limit must be an integer from 1 to ${maxLimit}`);
  const start = (page - 1) * limit;
  return {
    items: all.slice(start, start + limit),
    meta: { "@TotalResources": all.length, "@TotalPages": Math.ceil(all.length / limit), "@CurrentPage": page },
  };
}

function parsePositive(value: string | null, fallback: number): number | undefined {
  if (value === null || value === "") return fallback;
  if (!/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 ? n : undefined;
}
