// Runs a Node script in a child process, for tests that need a fresh process (another lock
// holder, a native module loaded with a chosen environment) and report back as JSON on stdout.

import { spawn } from "node:child_process";
import { TestkitError } from "./testkit-error.js";

/** What a child process printed and how it ended. */
export interface ChildResult {
  /** The exit code, or `null` when a signal ended it. */
  readonly code: number | null;
  /** Everything it wrote to stdout. */
  readonly stdout: string;
  /** Everything it wrote to stderr. */
  readonly stderr: string;
}

/**
 * Runs `node [...nodeArgs] <script> [...args]` with the current Node binary and exactly `env`
 * (nothing inherited), and resolves once it has exited and its output is closed. A non-zero
 * exit does not reject: check {@link ChildResult.code}.
 *
 * @param script - the script's path.
 * @param args - the script's arguments.
 * @param env - the child's whole environment; spread `process.env` to inherit.
 * @param nodeArgs - options for Node itself, e.g. `["--import", hook]`. @defaultValue `[]`
 * @throws the spawn error when the Node binary cannot be started.
 * @example
 * ```ts
 * const result = await runNode(worker, [directory, "50"], { ...process.env });
 * expect(result.code, result.stderr).toBe(0);
 * expect(lastJson(result).done).toBe(50);
 * ```
 */
export function runNode(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  nodeArgs: readonly string[] = [],
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The JSON value a child printed as the last line of its stdout (workers print one JSON line
 * with their outcome, after anything else).
 *
 * @param result - what {@link runNode} resolved with.
 * @throws TestkitError (`no_json_output`) when the last line is not JSON; the message quotes
 * the child's exit code, stdout and stderr, so a crashed worker explains itself.
 */
export function lastJson<T = Record<string, unknown>>(result: ChildResult): T {
  const line = result.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as T;
  } catch (error) {
    throw new TestkitError(
      `lastJson: the child printed no JSON on its last stdout line (exit code ${result.code}). Fix the child; its output follows.\n${result.stdout}\n${result.stderr}`,
      "no_json_output",
      { cause: error },
    );
  }
}
