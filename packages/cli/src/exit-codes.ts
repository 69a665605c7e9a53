import {
  isAuthenticationError,
  isAuthenticationRequiredError,
  isCredentialUnavailableError,
  isInvalidArgumentError,
} from "@entrakit/core";
import { isCliError } from "./cli-error";

/**
 * The exit codes a script can rely on. `130` is the shell's convention for Ctrl+C.
 *
 * @example
 * ```sh
 * token=$(entrakit token --scope https://vault.azure.net/.default) || [ $? -ne 2 ] || entrakit login
 * ```
 */
export const exitCodes = Object.freeze({
  /** Done. */
  ok: 0,
  /** Bad command line (unknown command or option, missing or malformed value), or an unexpected failure. */
  usage: 1,
  /** No account signed in, no single account chosen, or the sign-in is needed again (refused, expired, cancelled, timed out). */
  authenticationRequired: 2,
  /** The authority could not be reached or refused the request for another reason. */
  authority: 3,
  /** The token cache could not be read or written (keyring, file, lock). */
  cache: 4,
  /** Interrupted (Ctrl+C). */
  interrupted: 130,
} as const);

/** One of {@link exitCodes}. */
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

// Codes that mean "sign in (again)", whichever error class carries them.
const signInNeeded = new Set([
  "no_accounts",
  "no_matching_account",
  "multiple_matching_accounts",
  "no_refresh_token",
  "invalid_grant",
  "code_expired",
  "code_already_redeemed",
  "code_spent",
  "nonce_mismatch",
  "access_denied",
  "interaction_required",
  "login_required",
  "consent_required",
]);

/**
 * The exit code for an error a command failed with.
 *
 * @param error - anything a command threw.
 * @returns 2 when signing in (again) is the fix, 3 for the authority or network, 4 for the
 * cache, 1 for bad input and anything unexpected.
 */
export function exitCodeFor(error: unknown): ExitCode {
  if (isCliError(error)) return error.exitCode;
  if (isAuthenticationRequiredError(error)) return exitCodes.authenticationRequired;
  if (isCredentialUnavailableError(error)) {
    return signInNeeded.has(error.code) ? exitCodes.authenticationRequired : exitCodes.cache;
  }
  if (isAuthenticationError(error)) {
    return signInNeeded.has(error.code) ? exitCodes.authenticationRequired : exitCodes.authority;
  }
  if (isInvalidArgumentError(error)) return exitCodes.usage;
  return exitCodes.usage;
}
