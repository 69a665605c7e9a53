import type { Clock } from "@entrakit/core";
import type { LockOptions } from "../lock/lock-options";
import type { CacheLocationOptions } from "./cache-directory";

/** Options shared by the file-based backends. */
export interface FileBackendOptions extends CacheLocationOptions {
  /**
   * The cache name; the file is `<directory>/<name>`.
   * @defaultValue `"msal.cache"`
   */
  name?: string;
  /** The cross-process lock file (`<file>.lockfile`). */
  lock?: LockOptions;
  /**
   * A larger cache file is refused with `cache_too_large` instead of being read into memory.
   * MSAL caches are kilobytes to a few megabytes.
   * @defaultValue `33_554_432` (32 MiB)
   */
  maxCacheBytes?: number;
  /**
   * The clock for lock ages, waits, the corrupt-file timestamp and how long ago the file last
   * changed (a file changed under 2 s ago is read again rather than trusted by its stat).
   * Advanced: for tests.
   * @defaultValue core's `systemClock`
   */
  clock?: Clock;
}

/** The default of {@link FileBackendOptions.maxCacheBytes}. */
export const defaultMaxCacheBytes = 32 * 1024 * 1024;
