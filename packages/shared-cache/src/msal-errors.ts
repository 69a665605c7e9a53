import {
  AuthenticationRequiredError,
  createRedactor,
  fromMsalError,
  isAuthenticationError,
  isAuthenticationRequiredError,
  isMsalError,
} from "@entrakit/core";
import type { TransportDiagnostics } from "@entrakit/transport";

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
 * {@link AuthenticationRequiredError} naming the AADSTS code when the token expired or was
 * revoked or the user must interact, else core's `AuthenticationError` with the Entra fields.
 */
export function toCredentialError(error: unknown, context: ErrorContext): Error {
  const transportError = context.diagnostics.errors.at(-1);
  if (isMsalError(error) && error.errorCode === "network_error" && transportError !== undefined) {
    return transportError;
  }
  const mapped = fromMsalError(scrubbed(error, createRedactor(context.secrets)), {
    component: context.component,
    scopes: context.scopes,
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

// Core redacts what looks like a secret; a server that echoes the bare refresh token back in
// its description needs the exact value removed too, before any copy of the text is made.
function scrubbed(error: unknown, scrub: (text: string) => string): unknown {
  if (!isMsalError(error)) return error;
  const copy = new Error(scrub(error.message));
  copy.name = error.name;
  for (const field of [
    "errorCode",
    "subError",
    "correlationId",
    "status",
    "traceId",
    "timestamp",
    "claims",
    "errorNo",
  ] as const) {
    const value = error[field];
    if (value !== undefined) Object.assign(copy, { [field]: value });
  }
  if (error.errorMessage !== undefined)
    Object.assign(copy, { errorMessage: scrub(error.errorMessage) });
  return copy;
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
