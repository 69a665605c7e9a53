import { randomUUID } from "node:crypto";
import type { FakeResponse } from "../network/responder.js";

/** Options of {@link entraError}. */
export interface EntraErrorOptions {
  /** The OAuth 2.0 error. @defaultValue `"invalid_grant"` */
  error?: string;
  /** Entra's description, without the `AADSTS` prefix (added from `codes`). */
  description?: string;
  /** AADSTS numbers, e.g. `[70008]`. */
  codes?: number[];
  /** The HTTP status. @defaultValue 400 */
  status?: number;
  /** @defaultValue a random UUID */
  correlationId?: string;
  /** @defaultValue a random UUID */
  traceId?: string;
  /** When the error happened, ms since the epoch. @defaultValue `Date.now()` */
  now?: number;
  /** A claims challenge, for `interaction_required`. */
  claims?: string;
  /** Extra response headers, e.g. `{ "retry-after": "5" }`. */
  headers?: Record<string, string>;
}

/** The JSON body of an Entra error response. */
export interface EntraErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri?: string;
  claims?: string;
}

/**
 * An Entra error response as the token endpoint sends it: the description carries the AADSTS
 * code and the trace, correlation and timestamp lines, as the real service writes them.
 *
 * @example
 * ```ts
 * fake.on("POST", "/oauth2/v2.0/token", entraError({
 *   error: "invalid_grant",
 *   codes: [54005],
 *   description: "OAuth2 Authorization code was already redeemed.",
 * }));
 * ```
 */
export function entraError(options: EntraErrorOptions = {}): FakeResponse<EntraErrorBody> {
  const codes = options.codes ?? [];
  const traceId = options.traceId ?? randomUUID();
  const correlationId = options.correlationId ?? randomUUID();
  const timestamp = new Date(options.now ?? Date.now())
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");
  const head = codes[0] === undefined ? "" : `AADSTS${codes[0]}: `;
  const description = options.description ?? "The request could not be completed.";
  const body: EntraErrorBody = {
    error: options.error ?? "invalid_grant",
    error_description: `${head}${description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: codes,
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
  };
  if (codes[0] !== undefined) {
    body.error_uri = `https://login.microsoftonline.com/error?code=${codes[0]}`;
  }
  if (options.claims !== undefined) body.claims = options.claims;
  return {
    status: options.status ?? 400,
    ...(options.headers === undefined ? {} : { headers: options.headers }),
    body,
  };
}
