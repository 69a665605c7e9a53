import {
  AuthenticationError,
  AuthenticationRequiredError,
  aadstsCode,
  CredentialUnavailableError,
  fromMsalError,
  type GetTokenOptions,
  isAuthenticationError,
  isMsalError,
} from "@entrakit/core";
import type { AttemptRecord, TransportDiagnostics } from "@entrakit/transport";
import { transportErrorBehind } from "@entrakit/transport";
import type { CodeFate } from "./code-redemption";

// MSAL's answers for "this application's cache has no token or account to go on": the caller
// should try another source, it is not a failure to report.
const nothingCachedCodes = new Set([
  "no_tokens_found",
  "no_account_in_silent_request",
  "no_account_found",
]);

/** What {@link toCredentialError} needs to know about the failed call. */
export interface ErrorContext {
  component: string;
  scopes: readonly string[];
  diagnostics: TransportDiagnostics;
  /** The call sent an authorization code. */
  sendsCode: boolean;
  /** An earlier redemption of the same code may have reached the authority without an answer. */
  codeMayHaveBeenReceived?: boolean;
  /** The call's abort signal (a redemption given up after sending spends the code). */
  abortSignal?: AbortSignal;
  /**
   * Removes the credential's own secrets (client secret, code, verifier) from text: an
   * authority's error description may quote the request in a shape no pattern recognises.
   */
  scrub?: (text: string) => string;
}

/**
 * Turns what MSAL threw into the error the caller sees. MSAL replaces an error thrown by the
 * network module with a bare `network_error`, so the transport's own error (with status,
 * attempts and cause) is recovered from the call's diagnostics. For a redemption, the error
 * also records what happened to the code (see {@link codeFateOf}).
 */
export function toCredentialError(error: unknown, context: ErrorContext): Error {
  const mapped = mapError(error, context);
  if (context.sendsCode) {
    Object.defineProperty(mapped, codeFateKey, {
      value: judgeCodeFate(error, context),
      enumerable: false,
    });
  }
  return mapped;
}

// Set on an error of a redemption: what the attempt did to the code, judged from the attempts
// the transport made, whatever MSAL made of the answer afterwards (e.g. an id token it refused).
const codeFateKey = Symbol("entrakit.auth-code.code-fate");

/** What a failed redemption did to the code; `not_received` for any other error. */
export function codeFateOf(error: unknown): CodeFate {
  if (typeof error !== "object" || error === null) return "not_received";
  return (error as { [codeFateKey]?: CodeFate })[codeFateKey] ?? "not_received";
}

function judgeCodeFate(error: unknown, context: ErrorContext): CodeFate {
  const posts = context.diagnostics.attempts.filter((attempt) => attempt.method === "POST");
  if (posts.some(isFinalAnswer)) return "answered";
  const reached = posts.some((attempt) => attempt.mayHaveReachedServer);
  if (reached) return context.abortSignal?.aborted ? "abandoned" : "maybe_received";
  if (posts.length > 0) return "not_received";
  // No attempt went through entrakit's transport (a custom network module): only MSAL's error
  // tells whether the authority answered.
  return isServerAnswer(error) ? "answered" : "not_received";
}

// A response the authority would not give again: 2xx, or a 4xx other than 408/429. A 5xx or
// 429 says the request was not processed; the transport has already retried those.
function isFinalAnswer(attempt: AttemptRecord): boolean {
  const status = attempt.status;
  return status !== undefined && status < 500 && status !== 408 && status !== 429;
}

function isServerAnswer(error: unknown): boolean {
  if (!isMsalError(error)) return false;
  if (error.name !== "ServerError" && error.name !== "InteractionRequiredAuthError") return false;
  const status = error.status;
  if (status !== undefined && (status >= 500 || status === 408 || status === 429)) return false;
  return error.errorCode !== "temporarily_unavailable" && error.errorCode !== "service_unavailable";
}

function mapError(error: unknown, context: ErrorContext): Error {
  if (isMsalError(error) && nothingCachedCodes.has(error.errorCode ?? "")) {
    return new CredentialUnavailableError(
      `${context.component}: no cached token or account for this request.`,
      {
        code: "nothing_cached",
      },
    );
  }
  if (isMsalError(error) && error.errorCode === "nonce_mismatch") {
    // The tokens were issued (the code is spent) but MSAL refused to accept the id token.
    return new AuthenticationError(0, undefined, {
      code: "nonce_mismatch",
      message: `${context.component}: the id token's nonce does not match the sign-in's. Pass the nonce of the authorization request as options.nonce (createAuthorizationRequest returns it), then sign the user in again`,
    });
  }
  const transportError = transportErrorBehind(error, context.diagnostics);
  if (transportError !== undefined) return transportError;
  const mapped = fromMsalError(error, {
    component: context.component,
    scopes: context.scopes,
    ...(context.scrub ? { redact: context.scrub } : {}),
    remedy: context.sendsCode
      ? "Sign the user in again to get a new authorization code, and check the client id, redirect URI and PKCE verifier match the sign-in."
      : "If the user's session ended, sign the user in again.",
  });
  if (!context.sendsCode || !isAuthenticationError(mapped)) return mapped;
  const codes = mapped.errorResponse.errorCodes ?? [];
  if (codes.includes(54005)) {
    // Only attempts carrying the code count: the OpenID configuration GET reached the server too.
    const sentHere = context.diagnostics.attempts.filter(
      (attempt) => attempt.method === "POST" && attempt.mayHaveReachedServer,
    ).length;
    const lostAttempt = sentHere > 1 || context.codeMayHaveBeenReceived === true;
    return new AuthenticationError(mapped.statusCode, mapped.errorResponse, {
      code: "code_already_redeemed",
      message: lostAttempt
        ? `${context.component}: the authorization code was spent by an earlier attempt whose answer was lost (a retry after a network failure or timeout met AADSTS54005). Sign the user in again to get a new code`
        : `${context.component}: the authorization code was already redeemed, by another process or an earlier run. Sign the user in again to get a new code, and redeem each code in one place only`,
      cause: mapped.cause,
    });
  }
  if (codes.includes(70008)) {
    return new AuthenticationError(mapped.statusCode, mapped.errorResponse, {
      code: "code_expired",
      message: `${context.component}: the authorization code expired before it was redeemed (codes live about 10 minutes). Sign the user in again and redeem the new code promptly`,
      cause: mapped.cause,
    });
  }
  return mapped;
}

/** True for the internal "nothing cached" signal of {@link toCredentialError}. */
export function isNothingCached(error: unknown): boolean {
  return error instanceof CredentialUnavailableError && error.code === "nothing_cached";
}

/**
 * True when the authority refused a refresh token in a way another, newer refresh token of the
 * same session may not be (rotated, expired). A revoked session (AADSTS50173) refuses them all.
 */
export function isStaleRefreshToken(error: unknown): boolean {
  if (!isAuthenticationError(error) || error.errorResponse.error !== "invalid_grant") return false;
  return !(error.errorResponse.errorCodes ?? []).includes(50173);
}

/**
 * A refused refresh token means the user's session is over (expired, revoked, password reset):
 * only a new sign-in helps, which is what {@link @entrakit/core!AuthenticationRequiredError} tells a web app
 * (and a credential chain). Other errors pass through unchanged.
 */
export function refreshRefusal(
  error: unknown,
  context: { component: string; scopes: readonly string[]; getTokenOptions: GetTokenOptions },
): unknown {
  if (!isAuthenticationError(error) || error.errorResponse.error !== "invalid_grant") return error;
  const code = aadstsCode(error.errorResponse);
  const expired = code === "AADSTS70008";
  const correlation = error.errorResponse.correlationId
    ? `, correlation id ${error.errorResponse.correlationId}`
    : "";
  return new AuthenticationRequiredError({
    scopes: [...context.scopes],
    getTokenOptions: context.getTokenOptions,
    code: expired ? "refresh_token_expired" : "authentication_required",
    message: `${context.component}: the authority refused the refresh token (invalid_grant${code ? `, ${code}` : ""}${correlation}): the user's session ${expired ? "expired" : "ended or was revoked"}. Sign the user in again to get a new authorization code.`,
    cause: error,
  });
}
