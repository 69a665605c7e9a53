import {
  AuthenticationRequiredError,
  createRedactor,
  fromMsalError,
  isAuthenticationError,
  isAuthenticationRequiredError,
} from "@entrakit/core";
import { type TransportDiagnostics, transportErrorBehind } from "@entrakit/transport";

const signInAgain =
  "Sign in again with a Microsoft developer tool (for example Azure CLI's `az login`), then retry; the shared cache was left as it was.";

// Entra's answers for a refresh token that can never work again: a person must sign in.
const expiredCodes = new Map<number, { code: string; why: string }>([
  [70008, { code: "refresh_token_expired", why: "it expired after a period of inactivity" }],
  [70043, { code: "refresh_token_expired", why: "a sign-in frequency policy ended it" }],
  [700082, { code: "refresh_token_expired", why: "it expired after a period of inactivity" }],
  [50173, { code: "refresh_token_revoked", why: "it was revoked (password change or sign-out)" }],
]);

/** What {@link toCredentialError} needs to know about the failed call. */
export interface ErrorContext {
  component: string;
  scopes: readonly string[];
  diagnostics: TransportDiagnostics;
  /** Values to remove from any text, whatever their shape (the refresh token being redeemed). */
  secrets: readonly string[];
}

/**
 * Turns what MSAL threw while redeeming a cached refresh token into the caller's error: the
 * transport's own error for network failures (MSAL hides it behind `network_error`),
 * {@link @entrakit/core!AuthenticationRequiredError} naming the AADSTS code when the token expired or was
 * revoked or the user must interact, else core's `AuthenticationError` with the Entra fields.
 */
export function toCredentialError(error: unknown, context: ErrorContext): Error {
  const transportError = transportErrorBehind(error, context.diagnostics);
  if (transportError !== undefined) return transportError;
  // Core redacts what looks like a secret; a server that echoes the bare refresh token back in
  // its description needs the exact value removed too.
  const mapped = fromMsalError(error, {
    component: context.component,
    scopes: context.scopes,
    redact: createRedactor(context.secrets),
    remedy: signInAgain,
  });
  if (!isAuthenticationError(mapped) || mapped.errorResponse.error !== "invalid_grant") {
    return mapped;
  }
  const aadsts = mapped.errorResponse.errorCodes?.[0];
  const known = aadsts === undefined ? undefined : expiredCodes.get(aadsts);
  if (known === undefined) return mapped;
  return new AuthenticationRequiredError({
    scopes: [...context.scopes],
    code: known.code,
    message: `${context.component}: the authority refused the cached refresh token because ${known.why} (invalid_grant, AADSTS${aadsts}). ${signInAgain}`,
    cause: mapped,
  });
}

/**
 * True when the authority refused the refresh token itself (so another cached refresh token
 * may still work), not when it could not be reached or failed.
 */
export function isRefusedGrant(error: unknown): boolean {
  if (isAuthenticationRequiredError(error)) return true;
  if (!isAuthenticationError(error)) return false;
  return (
    error.statusCode >= 400 &&
    error.statusCode < 500 &&
    error.statusCode !== 408 &&
    error.statusCode !== 429 &&
    error.errorResponse.error === "invalid_grant"
  );
}
