import type { Clock } from "@entrakit/core";

/** Where the CLI writes text: `process.stdout` / `process.stderr`, or a test's collector. */
export interface TextSink {
  /** Writes `text` as is (the CLI adds its own newlines). */
  write(text: string): unknown;
}

/** What a browser opener reports: opened, or why not. */
export type BrowserOpenResult = { opened: true } | { opened: false; reason: string };

/**
 * The process around {@link runCli}: its output streams, environment and signals. The bin passes
 * the real process; tests pass collectors and seams.
 */
export interface CliIo {
  /** Results: the token of `entrakit token`, the account list, who signed in. */
  stdout: TextSink;
  /** Prompts, progress and error messages. Never a token. */
  stderr: TextSink;
  /**
   * The environment (`AZURE_AUTHORITY_HOST`, `HOME`, `DISPLAY`, proxy variables), read once.
   * @defaultValue `process.env`
   */
  env?: Readonly<Record<string, string | undefined>>;
  /** The working directory relative paths (`--cache-dir`, `--ca-file`) resolve against. @defaultValue `process.cwd()` */
  cwd?: string;
  /** Aborts the command (the bin wires it to Ctrl+C); `runCli` then resolves with 130. */
  signal?: AbortSignal;
  /** Advanced: the clock the sign-in timeout runs on. @defaultValue the system clock */
  clock?: Clock;
  /** Advanced: opens a URL in the system browser. @defaultValue the platform's opener (`xdg-open`, `open`, `start`) */
  openBrowser?: (url: string) => Promise<BrowserOpenResult>;
  /** Advanced: the platform whose conventions apply. @defaultValue `process.platform` */
  platform?: NodeJS.Platform;
}
