import { type Clock, systemClock } from "@entrakit/core";
import type { CliIo } from "./cli-io";
import type { CommandName } from "./command-line";

/** What a command runs with: the process around it, with defaults filled in. */
export interface CommandContext {
  /** The command, for messages (`entrakit <command>: …`). */
  readonly command: CommandName;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly clock: Clock;
  readonly platform: NodeJS.Platform;
  readonly signal: AbortSignal | undefined;
  readonly io: CliIo;
  /** Writes a line to stdout. */
  out(line: string): void;
  /** Writes a line to stderr. */
  err(line: string): void;
}

/** Fills in the defaults of `io` for one command. */
export function createCommandContext(command: CommandName, io: CliIo): CommandContext {
  return {
    command,
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
    clock: io.clock ?? systemClock,
    platform: io.platform ?? process.platform,
    signal: io.signal,
    io,
    out: (line) => {
      io.stdout.write(`${line}\n`);
    },
    err: (line) => {
      io.stderr.write(`${line}\n`);
    },
  };
}
