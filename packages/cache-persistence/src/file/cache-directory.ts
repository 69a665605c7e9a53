import { isAbsolute, join, win32 } from "node:path";
import { InvalidArgumentError } from "@entrakit/core";
import { cachePersistenceError } from "../errors/cache-persistence-error";

/** Where file-based caches live, and how to find the default place. */
export interface CacheLocationOptions {
  /**
   * The directory of the cache file.
   * @defaultValue `~/.IdentityService` (Windows: `%LOCALAPPDATA%\.IdentityService`), where Microsoft developer tools keep theirs
   */
  directory?: string;
  /**
   * The environment read for `HOME` / `LOCALAPPDATA`, once, at construction.
   * @defaultValue `process.env`
   */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * The platform whose conventions apply.
   * @defaultValue `process.platform`
   */
  platform?: NodeJS.Platform;
}

/**
 * The directory of file-based caches: `directory` if given, else `~/.IdentityService`
 * (`%LOCALAPPDATA%\.IdentityService` on Windows).
 *
 * @throws InvalidArgumentError when `directory` is not absolute.
 * @throws CredentialUnavailableError (`cache_unavailable`) when the home directory is unknown.
 */
export function resolveCacheDirectory(options: CacheLocationOptions = {}): string {
  const platform = options.platform ?? process.platform;
  if (options.directory !== undefined) {
    if (
      typeof options.directory !== "string" ||
      !(isAbsolute(options.directory) || win32.isAbsolute(options.directory))
    ) {
      throw new InvalidArgumentError(
        "CachePersistence: directory must be an absolute path. Pass an absolute directory or leave it unset.",
        "invalid_option",
      );
    }
    return options.directory;
  }
  const env = options.env ?? process.env;
  if (platform === "win32") {
    const base = env.LOCALAPPDATA;
    if (base) return win32.join(base, ".IdentityService");
    throw cachePersistenceError(
      "CachePersistence: LOCALAPPDATA is not set, so the cache directory is unknown. Set LOCALAPPDATA or pass directory.",
      "cache_unavailable",
    );
  }
  const home = env.HOME;
  if (home) return join(home, ".IdentityService");
  throw cachePersistenceError(
    "CachePersistence: HOME is not set, so the cache directory is unknown. Set HOME or pass directory.",
    "cache_unavailable",
  );
}
