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
  if (!isMsalError(error)) {
    const message = redact(error instanceof Error ? error.message : String(error));
    return new AuthenticationError(0, undefined, {
      message: `${context.component}: getting a token failed unexpectedly: ${message}. Retry; if it persists, report it with the log at AZURE_LOG_LEVEL=verbose`,
      cause: sanitizedCause(error),
    });
  }
  const description = redact(error.errorMessage ?? "");
  const codes = [...description.matchAll(/AADSTS(\d+)/g)].map((m) => Number(m[1]));
  const response: EntraErrorResponse = {
    error: error.errorCode ?? "unknown_error",
    errorDescription: description.split(/\r\n|[\r\n\u2028\u2029]/, 1)[0]?.trim() ?? "",
  };
  if (codes.length > 0) response.errorCodes = codes;
  if (error.correlationId) response.correlationId = error.correlationId;
  if (error.traceId) response.traceId = error.traceId;
  if (error.timestamp) response.timestamp = error.timestamp;
  if (error.claims) response.claims = error.claims;
  const cause = sanitizedCause(error);
  const status = error.status ?? (error.name === "ClientAuthError" ? 0 : 400);
  if (interactionErrors.has(response.error) || error.name === "InteractionRequiredAuthError") {
    return new AuthenticationRequiredError({
      scopes: [...context.scopes],
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
function sanitizedCause(error: unknown): Error | undefined {
  if (!(error instanceof Error)) return undefined;
  const copy = new Error(redact(error.message));
  copy.name = error.name;
  return copy;
}
