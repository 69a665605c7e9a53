/**
 * The error fields Microsoft Entra ID returns from its token endpoint, as `@azure/identity`
 * names them on `AuthenticationError.errorResponse`.
 */
export interface EntraErrorResponse {
  /** The OAuth 2.0 error, e.g. `invalid_grant`. */
  error: string;
  /** Entra's human description, first line only (trace lines are split out below). */
  errorDescription: string;
  /** AADSTS numbers, e.g. `[54005]`. */
  errorCodes?: number[];
  /** When Entra produced the error. */
  timestamp?: string;
  /** Entra's trace id, for a support request. */
  traceId?: string;
  /** The correlation id, for a support request. */
  correlationId?: string;
  /** A claims challenge (`interaction_required`), when Entra sent one. */
  claims?: string;
}

const guid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * Reads an Entra error body (already parsed from JSON). Returns `undefined` when `body` is not
 * an object with a string `error`, so a caller can say "not an Entra error" instead of guessing.
 */
export function parseEntraErrorResponse(body: unknown): EntraErrorResponse | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.error !== "string" || record.error.length === 0) return undefined;
  const rawDescription =
    typeof record.error_description === "string" ? record.error_description : "";
  // Entra joins its lines with "\r\n"; any line break left in would let a hostile or broken
  // body forge extra lines in a log.
  const [firstLine = ""] = rawDescription.split(/\r\n|[\r\n\u2028\u2029]/, 1);
  const response: EntraErrorResponse = {
    error: record.error.slice(0, 200),
    errorDescription: firstLine.trim().slice(0, 500),
  };
  const codes = Array.isArray(record.error_codes)
    ? record.error_codes.filter((code): code is number => Number.isInteger(code))
    : undefined;
  if (codes && codes.length > 0) response.errorCodes = codes;
  else {
    const fromText = /AADSTS(\d+)/.exec(rawDescription);
    if (fromText) response.errorCodes = [Number(fromText[1])];
  }
  // An empty field counts as absent, so the ids in the description are still found.
  const text = (key: string) =>
    typeof record[key] === "string" && record[key] !== "" ? (record[key] as string) : undefined;
  const timestamp = text("timestamp");
  if (timestamp) response.timestamp = timestamp;
  const traceId =
    text("trace_id") ?? guid.exec(/Trace ID: (\S+)/.exec(rawDescription)?.[1] ?? "")?.[0];
  if (traceId) response.traceId = traceId;
  const correlationId =
    text("correlation_id") ??
    guid.exec(/Correlation ID: (\S+)/.exec(rawDescription)?.[1] ?? "")?.[0];
  if (correlationId) response.correlationId = correlationId;
  const claims = text("claims");
  if (claims) response.claims = claims;
  return response;
}

/** The first AADSTS code of a response, as `AADSTS54005`, or `undefined`. */
export function aadstsCode(response: EntraErrorResponse | undefined): string | undefined {
  const first = response?.errorCodes?.[0];
  return first === undefined ? undefined : `AADSTS${first}`;
}
