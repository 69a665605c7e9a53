import { redact } from "../logging/redact";
import { aadstsCode, type EntraErrorResponse } from "./entra-error-response";
import { type EntrakitErrorFields, entrakitErrorMarker, markEntrakitError } from "./entrakit-error";

/** Why the authority refused or failed. Each package adds its own codes. */
export type AuthenticationErrorCode =
  | "authentication_failed"
  | "invalid_grant"
  | "invalid_client"
  | "code_already_redeemed"
  | "code_expired"
  | "invalid_response"
  | "network_error"
  | "timeout"
  | "aborted"
  | "tenant_not_found"
  | (string & {});

/** Options of {@link AuthenticationError}. */
export interface AuthenticationErrorOptions<Code extends string> {
  /** `<Component>: <what happened>. <what to do>.`; the Entra fields are appended. */
  message?: string;
  /** A stable code; defaults to `"authentication_failed"`. */
  code?: Code;
  /** The underlying error (network, MSAL), already free of secrets. */
  cause?: unknown;
}

/**
 * The authority refused the request or could not be reached. Carries the HTTP status and the
 * parsed Entra error; the `name` is the one `@azure/identity` uses.
 */
export class AuthenticationError<Code extends string = AuthenticationErrorCode>
  extends Error
  implements EntrakitErrorFields<Code>
{
  declare readonly code: Code;
  declare readonly [entrakitErrorMarker]: true;
  /** The HTTP status, or 0 when no response arrived. */
  readonly statusCode: number;
  /**
   * The parsed Entra error; `error` is `"unknown_error"` when the body said nothing usable.
   * Its text fields are redacted, since the error is inspected and serialized whole.
   */
  readonly errorResponse: EntraErrorResponse;

  constructor(
    statusCode: number,
    errorResponse: EntraErrorResponse | undefined,
    options: AuthenticationErrorOptions<Code> = {},
  ) {
    // Entra descriptions can quote the request (a redirect URI with a code, an assertion), and
    // `util.inspect(error)` or a JSON log shows this object whole, not just the message.
    const response: EntraErrorResponse = errorResponse
      ? {
          ...errorResponse,
          // `?? ""`: a JavaScript caller may leave a field out, and an error's constructor must
          // never throw.
          error: redact(errorResponse.error ?? "unknown_error"),
          errorDescription: redact(errorResponse.errorDescription ?? ""),
        }
      : { error: "unknown_error", errorDescription: "" };
    super(
      describe(statusCode, response, options.message),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = "AuthenticationError";
    this.statusCode = statusCode;
    this.errorResponse = response;
    markEntrakitError(this, options.code ?? "authentication_failed");
  }
}

function describe(
  status: number,
  response: EntraErrorResponse,
  message: string | undefined,
): string {
  const facts: string[] = [];
  if (status > 0) facts.push(`status ${status}`);
  if (response.error !== "unknown_error") facts.push(response.error);
  const code = aadstsCode(response);
  if (code && !response.errorDescription.includes(code)) facts.push(code);
  if (response.errorDescription) facts.push(response.errorDescription);
  if (response.correlationId) facts.push(`correlation id ${response.correlationId}`);
  if (response.traceId) facts.push(`trace id ${response.traceId}`);
  const head = message ?? "Authentication failed. Check the error and the credential's options";
  return facts.length === 0 ? head : `${head} (${facts.join("; ")})`;
}
