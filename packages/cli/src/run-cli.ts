import type { CliIo } from "./cli-io";
import { type CommandContext, createCommandContext } from "./command-context";
import {
  type CommandLine,
  type CommandName,
  type CommandOptions,
  parseCommandLine,
} from "./command-line";
import { runAccounts } from "./commands/accounts";
import { runLogin } from "./commands/login";
import { runLogout } from "./commands/logout";
import { runToken } from "./commands/token";
import { type ExitCode, exitCodeFor, exitCodes } from "./exit-codes";
import { helpText } from "./help-text";
import { reportFailure } from "./report-failure";
import { cliVersion } from "./version";

const commands: Record<
  CommandName,
  (options: CommandOptions, context: CommandContext) => Promise<void>
> = {
  login: runLogin,
  token: runToken,
  accounts: runAccounts,
  logout: runLogout,
};

/**
 * Runs one `entrakit` command line, as the `entrakit` bin does, and resolves with its exit
 * code. It never rejects and never exits the process: failures are reported on `io.stderr`.
 *
 * @param argv - the arguments after the program name, e.g. `["token", "--scope", scope]`.
 * @param io - output streams, environment, Ctrl+C signal and advanced seams.
 * @returns one of {@link exitCodes}.
 * @example
 * ```ts
 * let token = "";
 * const code = await runCli(["token", "--scope", "https://vault.azure.net/.default"], {
 *   stdout: { write: (text) => { token += text; } },
 *   stderr: process.stderr,
 * });
 * if (code === exitCodes.authenticationRequired) console.error("run `entrakit login` first");
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let line: CommandLine;
  try {
    line = parseCommandLine(argv);
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodeFor(error);
  }
  if (line.kind === "version") {
    io.stdout.write(`${cliVersion}\n`);
    return exitCodes.ok;
  }
  if (line.kind === "help") {
    io.stdout.write(helpText(line.command));
    return exitCodes.ok;
  }
  const context = createCommandContext(line.command, io);
  try {
    await commands[line.command](line.options, context);
    return exitCodes.ok;
  } catch (error) {
    return reportFailure(error, context, line.options);
  }
}
