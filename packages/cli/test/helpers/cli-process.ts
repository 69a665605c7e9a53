// Runs the built bin (dist/cli.js) in a child process with exactly the environment given: a
// temporary HOME and no D-Bus session, so no test ever touches the keyring or home directory
// of the machine running it. `turbo run test` builds the package first.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type ChildResult, runNode } from "@entrakit/testkit";

/** The bin under test. */
export const cliPath = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

/** Fails clearly when the package was not built. */
export function assertBuilt(): void {
  if (!existsSync(cliPath)) {
    throw new TypeError("dist/cli.js is missing: run the package build before its tests.");
  }
}

/** The whole environment of a child: PATH and a temporary HOME, plus `extra`. */
export function childEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "", HOME: home, ...extra };
}

/** Runs `entrakit <args>` to completion. */
export function runEntrakit(args: readonly string[], env: NodeJS.ProcessEnv): Promise<ChildResult> {
  return runNode(cliPath, args, env);
}

/** A running `entrakit` process whose output can be waited for. */
export interface RunningCli {
  readonly child: ChildProcess;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves with the first match of `pattern` in stderr; rejects if the process exits first. */
  waitForStderr(pattern: RegExp): Promise<RegExpExecArray>;
  /** Resolves once the process exited and its output closed. */
  readonly done: Promise<ChildResult>;
}

const running = new Set<ChildProcess>();

/** Kills every process {@link startEntrakit} started that is still running (for afterEach). */
export function killRunning(): void {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
}

/** Starts `entrakit <args>` without waiting for it; {@link killRunning} ends it if a test fails. */
export function startEntrakit(args: readonly string[], env: NodeJS.ProcessEnv): RunningCli {
  const child = spawn(process.execPath, [cliPath, ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let stdout = "";
  let stderr = "";
  const listeners = new Set<() => void>();
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    for (const listener of listeners) listener();
  });
  const done = new Promise<ChildResult>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      for (const listener of listeners) listener();
      resolve({ code, stdout, stderr });
    });
  });
  let exited = false;
  void done.then(() => {
    exited = true;
  });
  return {
    child,
    stderr: () => stderr,
    done,
    waitForStderr(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stderr);
          if (match) {
            listeners.delete(check);
            resolve(match);
          } else if (exited || child.exitCode !== null) {
            listeners.delete(check);
            reject(new TypeError(`entrakit exited before printing ${pattern}: ${stderr}`));
          }
        };
        listeners.add(check);
        check();
      });
    },
  };
}
