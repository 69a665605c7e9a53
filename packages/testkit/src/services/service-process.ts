// A child process that runs a service for the length of a test, and the guarantee that it dies
// with the test process even when a test forgets to close it or the worker exits abruptly.

import { type ChildProcess, spawn } from "node:child_process";

/** How a service process ended. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The spawn error (e.g. ENOENT), when the process never started. */
  error?: Error;
}

const outputLimit = 8192;

// Process-wide by nature: one `exit` hook for every service child of this process, instead of
// one listener per service. Keyed on globalThis so ESM and CJS copies of testkit share it.
const registryKey = Symbol.for("entrakit.testkit.serviceChildren");
type Registry = Set<ChildProcess>;

function registry(): Registry {
  const holder = globalThis as typeof globalThis & { [registryKey]?: Registry };
  let children = holder[registryKey];
  if (children === undefined) {
    const created: Registry = new Set();
    children = created;
    holder[registryKey] = created;
    process.once("exit", () => {
      for (const child of created) child.kill("SIGKILL");
    });
  }
  return children;
}

/**
 * A child process that runs a service for the length of a test: spawned with exactly the given
 * environment, its recent output kept for error messages, and killed when the test process
 * exits even if nobody stops it. Pair it with {@link waitUntil} to wait until it is ready.
 *
 * @example
 * ```ts
 * const azurite = new ServiceProcess(process.execPath, [script, "--blobPort", String(port)], { PATH: process.env.PATH ?? "" }, dir.path);
 * const outcome = await waitUntil(async () => /listens on/.test(azurite.output), { timeoutMs: 20_000, stop: azurite.exited });
 * if (outcome !== "ready") throw new Error(`azurite ${azurite.describeExit()}: ${azurite.output}`);
 * // ... later
 * await azurite.stop();
 * ```
 */
export class ServiceProcess {
  readonly #child: ChildProcess;
  #output = "";
  #stdout = "";
  readonly #stdoutListeners = new Set<() => void>();
  /** Settles once the process has exited, or failed to start. Never rejects. */
  readonly exited: Promise<ProcessExit>;
  #exit: ProcessExit | undefined;

  /**
   * Spawns `command` with exactly `env` (nothing inherited), stdin a pipe, stdout and stderr
   * captured. A command that cannot start (ENOENT) does not throw: {@link ServiceProcess.exited}
   * settles with the error and {@link ServiceProcess.describeExit} names it.
   *
   * @param command - the executable, found on `env.PATH` when it has no slash.
   * @param args - its arguments.
   * @param env - its whole environment.
   * @param cwd - its working directory (a temp dir, never the repository).
   */
  constructor(command: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string) {
    this.#child = spawn(command, args, { env, cwd, stdio: ["pipe", "pipe", "pipe"] });
    const children = registry();
    children.add(this.#child);
    const append = (chunk: Buffer) => {
      this.#output = (this.#output + chunk.toString("utf8")).slice(-outputLimit);
    };
    this.#child.stdout?.on("data", (chunk: Buffer) => {
      append(chunk);
      this.#stdout = (this.#stdout + chunk.toString("utf8")).slice(0, outputLimit);
      for (const listener of this.#stdoutListeners) listener();
    });
    // A daemon that dies before reading its stdin makes writes fail with EPIPE; its exit is
    // reported through `exited`, so the stream error itself carries nothing more.
    this.#child.stdin?.on("error", () => {});
    this.#child.stderr?.on("data", append);
    this.exited = new Promise<ProcessExit>((resolve) => {
      this.#child.once("error", (error) => {
        // Only a failed spawn leaves no exit event behind; settle here for that case.
        if (this.#child.pid === undefined) resolve({ code: null, signal: null, error });
      });
      this.#child.once("exit", (code, signal) => resolve({ code, signal }));
    }).then((exit) => {
      this.#exit = exit;
      children.delete(this.#child);
      return exit;
    });
  }

  /** The process id, once spawned. */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** The underlying child process (its stdin for passwords, its stdout for addresses). */
  get child(): ChildProcess {
    return this.#child;
  }

  /** True until the process has exited. */
  get running(): boolean {
    return this.#exit === undefined;
  }

  /** The last few kilobytes of stdout and stderr, for error messages. */
  get output(): string {
    return this.#output.trim();
  }

  /** Describes how the process ended, e.g. `exited with code 1` or `failed to start (ENOENT)`. */
  describeExit(): string {
    const exit = this.#exit;
    if (exit === undefined) return "is still running";
    if (exit.error !== undefined) {
      return `failed to start (${(exit.error as NodeJS.ErrnoException).code ?? exit.error.message})`;
    }
    return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  }

  /**
   * Stops the process: SIGTERM, then SIGKILL when it has not exited after `graceMs`.
   * Resolves once it has exited. Idempotent.
   */
  async stop(graceMs = 5000): Promise<void> {
    if (!this.running) return;
    this.#child.kill("SIGTERM");
    const timer = setTimeout(() => this.#child.kill("SIGKILL"), graceMs);
    timer.unref();
    try {
      await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Kills the process at once with SIGKILL, as a crash or a lost machine would, and resolves
   * once it has exited. Idempotent.
   */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.#child.kill("SIGKILL");
    await this.exited;
  }

  /** Resolves with the first line the process writes to stdout, or `undefined` if it exits first. */
  async firstStdoutLine(): Promise<string | undefined> {
    let listener: (() => void) | undefined;
    const line = new Promise<string>((resolve) => {
      listener = () => {
        const end = this.#stdout.indexOf("\n");
        if (end !== -1) resolve(this.#stdout.slice(0, end).trim());
      };
      listener();
      this.#stdoutListeners.add(listener);
    });
    try {
      const result = await Promise.race([line, this.exited.then(() => undefined)]);
      // The exit event can overtake the last stdout chunk; prefer a line that did arrive.
      const end = this.#stdout.indexOf("\n");
      return result ?? (end === -1 ? undefined : this.#stdout.slice(0, end).trim());
    } finally {
      if (listener) this.#stdoutListeners.delete(listener);
    }
  }
}
