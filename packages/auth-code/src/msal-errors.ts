import {
  AuthenticationError,
  CredentialUnavailableError,
  fromMsalError,
  isAuthenticationError,
  isAuthenticationRequiredError,
  isMsalError,
} from "@entrakit/core";
import type { TransportDiagnostics } from "@entrakit/transport";

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
}

/**
 * Turns what MSAL threw into the error the caller sees. MSAL replaces an error thrown by the
 * network module with a bare `network_error`, so the transport's own error (with status,
 * attempts and cause) is recovered from the call's diagnostics.
 */
export function toCredentialError(error: unknown, context: ErrorContext): Error {
  const mapped = mapError(error, context);
  if (context.sendsCode && authorityAnswered(context.diagnostics)) {
    Object.defineProperty(mapped, codeAnswered, { value: true, enumerable: false });
  }
  return mapped;
}

// Set on an error when the token endpoint gave a final answer to a request carrying the code,
// whatever MSAL made of it afterwards (e.g. an id token it refused): the code is spent.
const codeAnswered = Symbol("entrakit.auth-code.code-answered");

function authorityAnswered(diagnostics: TransportDiagnostics): boolean {
  return diagnostics.attempts.some(
    (attempt) =>
      attempt.method === "POST" &&
      attempt.status !== undefined &&
      attempt.status < 500 &&
      attempt.status !== 408 &&
      attempt.status !== 429,
  );
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
  const transportError = context.diagnostics.errors.at(-1);
  if (isMsalError(error) && error.errorCode === "network_error" && transportError !== undefined) {
    return transportError;
  }
  const mapped = fromMsalError(error, {
    component: context.component,
    scopes: context.scopes,
    remedy: context.sendsCode
      ? "Sign the user in again to get a new authorization code, and check the client id, redirect URI and PKCE verifier match the sign-in."
      : "If the user's session ended, sign the user in again.",
  });
  if (!context.sendsCode || !isAuthenticationError(mapped)) return mapped;
  const codes = mapped.errorResponse.errorCodes ?? [];
  if (codes.includes(54005)) {
    const lostAttempt =
      context.diagnostics.attempts.filter((a) => a.mayHaveReachedServer).length > 1;
    return new AuthenticationError(mapped.statusCode, mapped.errorResponse, {
      code: "code_already_redeemed",
      message: lostAttempt
        ? `${context.component}: the authorization code was spent by an earlier attempt of this request whose answer was lost (a retry after a network failure met AADSTS54005). Sign the user in again to get a new code`
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

/** True when `error` (already mapped) is an answer that spent the code. */
export function isDefinitiveAnswer(error: unknown): boolean {
  if (typeof error === "object" && error !== null && codeAnswered in error) return true;
  if (isAuthenticationRequiredError(error)) return true;
  if (!isAuthenticationError(error)) return false;
  // A 4xx is Entra's verdict on the code; 408, 429, 5xx and "no answer" (status 0) are not.
  const status = error.statusCode;
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** True for the internal "nothing cached" signal of {@link toCredentialError}. */
export function isNothingCached(error: unknown): boolean {
  return error instanceof CredentialUnavailableError && error.code === "nothing_cached";
}
