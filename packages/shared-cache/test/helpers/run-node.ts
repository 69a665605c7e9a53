import { spawn } from "node:child_process";
import { join } from "node:path";

/** A worker script under test/fixtures/workers. */
export function worker(name: string): string {
  return join(import.meta.dirname, "..", "fixtures", "workers", name);
}

/** Runs `node <script> <json input>` with exactly `env` and returns the JSON line it printed last. */
export function runWorker<T = Record<string, unknown>>(
  script: string,
  input: unknown,
  env: NodeJS.ProcessEnv,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, JSON.stringify(input)], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const line = stdout.trim().split("\n").pop() ?? "";
      try {
        resolve(JSON.parse(line) as T);
      } catch {
        reject(new Error(`worker ${script} printed no JSON (exit ${code}): ${stdout}\n${stderr}`));
      }
    });
  });
}
