import type { GetTokenOptions } from "@azure/core-auth";
import { redact } from "../logging/redact";
import { AuthenticationError } from "./authentication-error";
import { AuthenticationRequiredError } from "./authentication-required-error";
import type { EntraErrorResponse } from "./entra-error-response";
import { isEntrakitError } from "./entrakit-error";

/**
 * The fields of an MSAL `AuthError` (and its `ServerError` / `InteractionRequiredAuthError`
 * subclasses) that matter here, declared structurally so core needs no MSAL dependency.
 */
export interface MsalErrorLike {
  name?: string;
  errorCode?: string;
  errorMessage?: string;
  subError?: string;
  correlationId?: string;
  status?: number;
  traceId?: string;
  timestamp?: string;
  claims?: string;
  errorNo?: string;
}

/** True when `value` looks like an MSAL `AuthError`. */
export function isMsalError(value: unknown): value is Error & MsalErrorLike {
  return (
    value instanceof Error &&
    typeof (value as MsalErrorLike).errorCode === "string" &&
    !isEntrakitError(value)
  );
}

/** What the credential was doing, for the message and the "what to do" part. */
export interface MsalErrorContext {
  component: string;
  scopes: readonly string[];
  /** The options of the `getToken` call, kept on an `AuthenticationRequiredError`. */
  getTokenOptions?: GetTokenOptions;
  /**
   * The redactor for MSAL's texts: pass `createRedactor([secret, code, refreshToken])` so values
   * the patterns cannot recognise are removed by exact match too.
   * @defaultValue {@link redact}
   */
  redact?: (text: string) => string;
  /** The sentence saying what to do when the authority refused. */
  remedy?: string;
}

// Entra's answers that mean "a person must sign in again", not "the request was malformed".
const interactionErrors = new Set(["interaction_required", "login_required", "consent_required"]);

/**
 * Turns an MSAL error into entrakit's error: an entrakit error passes through unchanged, an
 * interaction-required answer becomes {@link AuthenticationRequiredError}, anything else
 * {@link AuthenticationError} with the parsed Entra fields. The MSAL error is kept as `cause`
 * after its message is redacted (MSAL messages can quote request details).
 */
export function fromMsalError(error: unknown, context: MsalErrorContext): Error {
  if (isEntrakitError(error)) return error;
  const clean = context.redact ?? redact;
  if (!isMsalError(error)) {
    const message = clean(error instanceof Error ? error.message : String(error));
    return new AuthenticationError(0, undefined, {
      message: `${context.component}: getting a token failed unexpectedly: ${message}. Retry; if it persists, report it with the log at AZURE_LOG_LEVEL=verbose`,
      cause: sanitizedCause(error, clean),
    });
  }
  // MSAL copies Entra's error_description as it came, which need not be a string.
  const message = clean(
    typeof error.errorMessage === "string" ? error.errorMessage : String(error.errorMessage ?? ""),
  );
  const wrapped = unwrapServerMessage(message);
  const description = wrapped?.description ?? message;
  const codes = [...description.matchAll(/AADSTS(\d+)/g)].map((m) => Number(m[1]));
  const response: EntraErrorResponse = {
    error: error.errorCode ?? "unknown_error",
    errorDescription: description.split(/\r\n|[\r\n\u2028\u2029]/, 1)[0]?.trim() ?? "",
  };
  if (codes.length > 0) response.errorCodes = codes;
  const correlationId = wrapped?.correlationId ?? error.correlationId;
  if (correlationId) response.correlationId = correlationId;
  const traceId = wrapped?.traceId ?? error.traceId;
  if (traceId) response.traceId = traceId;
  if (error.timestamp) response.timestamp = error.timestamp;
  if (error.claims) response.claims = error.claims;
  const cause = sanitizedCause(error, clean);
  const status =
    error.status ??
    (error.name === "ClientAuthError" ? 0 : response.error === "invalid_client" ? 401 : 400);
  if (interactionErrors.has(response.error) || error.name === "InteractionRequiredAuthError") {
    return new AuthenticationRequiredError({
      scopes: [...context.scopes],
      ...(context.getTokenOptions ? { getTokenOptions: context.getTokenOptions } : {}),
      code: "interaction_required",
      message: `${context.component}: the authority requires the user to sign in again (${response.error}${codes.length ? `, AADSTS${codes[0]}` : ""}). ${context.remedy ?? "Sign in again to get a new authorization code."}`,
      cause,
    });
  }
  return new AuthenticationError(status, response, {
    code: response.error,
    message: `${context.component}: the authority refused the token request. ${context.remedy ?? "Check the credential's options and the AADSTS code"}`,
    cause,
  });
}

// MSAL errors hold their own fields only, but their messages can quote server text; keep a
// plain, redacted copy so `util.inspect(error)` can never show more than the message.
function sanitizedCause(error: unknown, clean: (text: string) => string): Error | undefined {
  if (!(error instanceof Error)) return undefined;
  const copy = new Error(clean(error.message));
  copy.name = error.name;
  return copy;
}

const notAvailable = "N/A";

/**
 * MSAL wraps Entra's error as `Error(s): <codes> - Timestamp: <t> - Description: <text> -
 * Correlation ID: <id> - Trace ID: <id>`; this takes Entra's own fields back out of it.
 */
function unwrapServerMessage(
  message: string,
): { description: string; correlationId?: string; traceId?: string } | undefined {
  const match =
    /Description: ([\s\S]*?)(?: - Correlation ID: (\S*))?(?: - Trace ID: (\S*))?\s*$/.exec(message);
  if (!match || !message.startsWith("Error(s):")) return undefined;
  const known = (value: string | undefined) =>
    value !== undefined && value !== "" && value !== notAvailable ? value : undefined;
  const result: { description: string; correlationId?: string; traceId?: string } = {
    description: match[1] ?? "",
  };
  const correlationId = known(match[2]);
  if (correlationId) result.correlationId = correlationId;
  const traceId = known(match[3]);
  if (traceId) result.traceId = traceId;
  return result;
}
