// Child processes for the repo scripts: collected output instead of a live stream, so a step's
// log lands in the report only when the step fails, and a pool so checks use every core.
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";

/**
 * Runs a command to completion.
 *
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: Record<string, string> }} [options]
 * @returns {Promise<{ ok: boolean, status: number | null, stdout: string, out: string }>}
 *   `out` is stdout and stderr interleaved, for reports; `stdout` alone, for parsing.
 */
export function run(command, args, { cwd, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const all = [];
    const stdout = [];
    child.stdout.on("data", (chunk) => {
      all.push(chunk);
      stdout.push(chunk);
    });
    child.stderr.on("data", (chunk) => all.push(chunk));
    child.on("error", (error) =>
      resolve({ ok: false, status: null, stdout: "", out: String(error) }),
    );
    child.on("close", (status) =>
      resolve({
        ok: status === 0,
        status,
        stdout: Buffer.concat(stdout).toString("utf8"),
        out: Buffer.concat(all).toString("utf8"),
      }),
    );
  });
}

/**
 * Maps `items` through `task`, at most `limit` at a time, keeping the input order.
 *
 * @template T, R
 * @param {T[]} items
 * @param {(item: T) => Promise<R>} task
 * @param {number} [limit]
 * @returns {Promise<R[]>}
 */
export async function mapPool(items, task, limit = availableParallelism()) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
