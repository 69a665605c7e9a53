// The internal error every endpoint throws, and its rendering in Entra's exact JSON error shape.
// Descriptions never carry request values that could be secrets (codes, tokens, assertions).

/** @internal Extra fields Entra adds to some errors. */
export interface OAuthErrorExtras {
  readonly claims?: string;
  readonly suberror?: string;
}

/** @internal An OAuth/Entra error with its HTTP status and AADSTS number. */
export class OAuthError extends Error {
  override readonly name = "OAuthError";

  constructor(
    readonly status: number,
    readonly error: string,
    readonly aadsts: number,
    readonly description: string,
    readonly extras: OAuthErrorExtras = {},
  ) {
    super(`AADSTS${aadsts}: ${description}`);
  }
}

/** @internal Per-request identifiers that every Entra error repeats. */
export interface ErrorContext {
  readonly traceId: string;
  readonly correlationId: string;
  readonly now: Date;
  readonly baseUrl: string;
}

/** Entra's timestamp format in error bodies: `2024-05-01 12:34:56Z`. */
function formatEntraTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")}Z`;
}

/** @internal Renders an error as Entra's token-endpoint JSON body. */
export function entraErrorBody(error: OAuthError, context: ErrorContext): Record<string, unknown> {
  const timestamp = formatEntraTimestamp(context.now);
  const body: Record<string, unknown> = {
    error: error.error,
    error_description: `${error.message}\r\nTrace ID: ${context.traceId}\r\nCorrelation ID: ${context.correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [error.aadsts],
    timestamp,
    trace_id: context.traceId,
    correlation_id: context.correlationId,
    error_uri: `${context.baseUrl}/error?code=${error.aadsts}`,
  };
  if (error.extras.suberror !== undefined) body.suberror = error.extras.suberror;
  if (error.extras.claims !== undefined) body.claims = error.extras.claims;
  return body;
}
