import { spawnSync } from "node:child_process";

/**
 * Decides whether a test that needs a system program can run. When it is missing it prints why
 * and skips, except under CI=true, where a missing service is a failure. (testkit's service gates
 * can replace this.)
 */
export function requirePrograms(feature: string, programs: string[]): boolean {
  const missing = programs.filter(
    (program) => spawnSync("sh", ["-c", `command -v ${program}`]).status !== 0,
  );
  if (missing.length === 0) return true;
  const reason = `${feature}: skipped because ${missing.join(", ")} is not installed`;
  if (process.env.CI === "true") throw new Error(`${reason} (CI=true requires it)`);
  console.warn(reason);
  return false;
}
