// Stripe's error envelope. The status decides which SDK error class the caller sees
// (400/404 invalid request, 401 auth, 402 card, 403 permission, 409 conflict, 429 rate
// limit, 5xx api), so every failure goes through this one type.
export type StripeErrorType =
  | "invalid_request_error"
  | "api_error"
  | "card_error"
  | "idempotency_error"
  | "authentication_error"
  | "permission_error"
  | "rate_limit_error";

export interface ErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
  payment_intent?: unknown;
  charge?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
  }
}

export const invalid = (message: string, param?: string, code = "parameter_invalid"): ApiError =>
  new ApiError(400, { type: "invalid_request_error", code, message, ...(param ? { param } : {}) });

export const missing = (param: string): ApiError =>
  new ApiError(400, {
    type: "invalid_request_error",
    code: "parameter_missing",
    message: `Missing required param: ${param}.`,
    param,
  });

export const unknownParam = (param: string): ApiError =>
  new ApiError(400, {
    type: "invalid_request_error",
    code: "parameter_unknown",
    message: `Received unknown parameter: ${param}`,
    param,
  });

export const noSuch = (what: string, id: string, param = "id"): ApiError =>
  new ApiError(404, {
    type: "invalid_request_error",
    code: "resource_missing",
    message: `No such ${what}: '${id}'`,
    param,
  });

export const notFoundRoute = (method: string, path: string): ApiError =>
  new ApiError(404, {
    type: "invalid_request_error",
    message: `Unrecognized request URL (${method}: ${path}).`,
  });
