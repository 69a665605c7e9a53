import {
  type EntrakitErrorFields,
  entrakitErrorMarker,
  isEntrakitError,
  markEntrakitError,
} from "@entrakit/core";
import type { ExitCode } from "./exit-codes";

/** Why a command stopped, when the CLI itself (not a credential) decided it. */
export type CliErrorCode =
  | "unknown_command"
  | "unknown_option"
  | "invalid_option"
  | "missing_option"
  | "unreadable_file"
  | "no_account"
  | "multiple_accounts"
  | "sign_in_timeout"
  | "sign_in_failed"
  | "cache_unreadable"
  | "cache_save_conflict";

/**
 * A command failed for a reason the CLI names itself, with the exit code a script sees. The
 * message follows `entrakit <command>: <what happened>. <what to do>.` and never holds a secret.
 */
export class CliError extends Error implements EntrakitErrorFields<CliErrorCode> {
  declare readonly code: CliErrorCode;
  declare readonly [entrakitErrorMarker]: true;
  /** The process exit code this error ends the command with. */
  readonly exitCode: ExitCode;

  /**
   * @param message - `entrakit <command>: <what happened>. <what to do>.`
   * @param code - the stable code.
   * @param exitCode - one of `exitCodes`.
   * @param cause - the underlying error, already free of secrets.
   */
  constructor(message: string, code: CliErrorCode, exitCode: ExitCode, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "CliError";
    this.exitCode = exitCode;
    markEntrakitError(this, code);
  }
}

/** True for a {@link CliError} from any copy of this package. */
export function isCliError(value: unknown): value is CliError {
  return (
    isEntrakitError(value) &&
    value.name === "CliError" &&
    typeof (value as { exitCode?: unknown }).exitCode === "number"
  );
}
