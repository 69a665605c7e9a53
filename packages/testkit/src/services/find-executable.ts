import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { delimiter, join } from "node:path";
import type { GateEnv } from "../gates/service-gate.js";

/**
 * The full path of `command` on `env.PATH`, or `undefined` when no executable file of that name
 * is there.
 *
 * @param env - where `PATH` is read from. @defaultValue `process.env`
 */
export async function findExecutable(
  command: string,
  env: GateEnv = process.env,
): Promise<string | undefined> {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, command);
    try {
      await access(candidate, constants.X_OK);
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // Not here; keep looking along PATH.
    }
  }
  return undefined;
}

/** A command a service needs, and the Debian package that installs it. */
export interface RequiredCommand {
  /** e.g. `"redis-server"`. */
  command: string;
  /** e.g. `"redis-server"`. */
  debianPackage: string;
}

/**
 * A probe result for commands a service needs: `undefined` when all are on PATH, otherwise a
 * reason naming the missing commands and the Debian packages to install.
 *
 * @example
 * ```ts
 * await probeCommands([{ command: "secret-tool", debianPackage: "libsecret-tools" }]);
 * // "secret-tool not found on PATH; install the Debian package libsecret-tools"
 * ```
 */
export async function probeCommands(
  required: readonly RequiredCommand[],
  env: GateEnv = process.env,
): Promise<string | undefined> {
  const missing: RequiredCommand[] = [];
  for (const entry of required) {
    if ((await findExecutable(entry.command, env)) === undefined) missing.push(entry);
  }
  if (missing.length === 0) return undefined;
  const commands = missing.map((m) => m.command).join(", ");
  const packages = [...new Set(missing.map((m) => m.debianPackage))];
  return `${commands} not found on PATH; install the Debian package${packages.length > 1 ? "s" : ""} ${packages.join(" ")}`;
}
