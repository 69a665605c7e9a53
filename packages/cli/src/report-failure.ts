// Turns a failed command into what a person and a script see: one message on stderr in the
// project's style, an optional hint naming the CLI's own flags (credential messages name
// option properties), and the exit code. Messages of entrakit errors are free of secrets by
// contract; anything else is redacted before it is shown.
import { formatLogLine, isEntrakitError, redact } from "@entrakit/core";
import { isCliError } from "./cli-error";
import type { CommandContext } from "./command-context";
import type { CommandOptions } from "./command-line";
import { type ExitCode, exitCodeFor, exitCodes } from "./exit-codes";
import { logger } from "./logger";

const signInAgain = new Set([
  "no_accounts",
  "no_refresh_token",
  "invalid_grant",
  "code_expired",
  "code_already_redeemed",
  "code_spent",
  "nonce_mismatch",
  "interaction_required",
  "login_required",
  "consent_required",
  "authentication_required",
  "refresh_token_expired",
  "refresh_token_revoked",
]);

/**
 * Reports `error` on stderr and returns the exit code.
 *
 * @param error - what the command threw.
 * @param context - the command's context (its stderr, its signal).
 * @param options - the command's options, for hints.
 */
export function reportFailure(
  error: unknown,
  context: CommandContext,
  options: CommandOptions,
): ExitCode {
  const component = `entrakit ${context.command}`;
  if (context.signal?.aborted) {
    context.err(`${component}: interrupted.`);
    return exitCodes.interrupted;
  }
  const exitCode = exitCodeFor(error);
  context.err(messageOf(error, component));
  const hint = hintFor(error, context, options);
  if (hint !== undefined) context.err(`hint: ${hint}`);
  logger.verbose(
    formatLogLine(component, "exit", "failed", {
      exitCode,
      code: isEntrakitError(error) ? error.code : undefined,
    }),
  );
  return exitCode;
}

function messageOf(error: unknown, component: string): string {
  if (isCliError(error)) return error.message;
  if (isEntrakitError(error) || error instanceof TypeError || error instanceof RangeError) {
    return `${component}: ${error.message}`;
  }
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  return `${component}: unexpected ${name}: ${redact(message).slice(0, 500)}. Run again with AZURE_LOG_LEVEL=verbose, and report it if it persists.`;
}

function hintFor(
  error: unknown,
  context: CommandContext,
  options: CommandOptions,
): string | undefined {
  if (!isEntrakitError(error) || isCliError(error)) return undefined;
  const code = error.code;
  if (code === "no_matching_account" || code === "multiple_matching_accounts") {
    return "choose the account with --username <upn> (and --tenant <id>); `entrakit accounts` lists them.";
  }
  if (signInAgain.has(code)) return "run `entrakit login` to sign in again.";
  if (code === "keyring_unavailable" || code === "optional_dependency_missing") {
    return context.command === "login" && !options.allowUnencrypted
      ? "or pass --allow-unencrypted to keep the tokens in a plaintext file (mode 0600) in the cache directory instead."
      : "install @azure/msal-node-extensions next to entrakit and use a session with an unlocked keyring.";
  }
  if (code === "network_error" || code === "timeout" || code === "invalid_response") {
    return options.dev && options.authority === undefined
      ? "this token needs a refresh, which needs a running dev authority: start one (npx entrakit-dev-authority --ca-file ./dev-ca.pem), sign in at it with `entrakit login --dev --authority <url> --ca-file ./dev-ca.pem`, and pass the same --authority and --ca-file to `entrakit token`."
      : "check the network, proxy variables (HTTPS_PROXY) and --authority; pass --ca-file when the authority uses a private CA.";
  }
  if (code === "invalid_authority") return "check --authority.";
  if (code === "invalid_tenant_id" || code === "tenant_not_allowed") return "check --tenant.";
  if (code === "invalid_scope") return "check --scope.";
  return undefined;
}
