export { CliError, type CliErrorCode, isCliError } from "./cli-error";
export type { BrowserOpenResult, CliIo, TextSink } from "./cli-io";
export { type ExitCode, exitCodes } from "./exit-codes";
export { runCli } from "./run-cli";
export { cliVersion } from "./version";
