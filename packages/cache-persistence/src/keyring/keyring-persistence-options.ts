import type { Clock } from "@entrakit/core";
import type { CacheLocationOptions } from "../file/cache-directory";
import type { LockOptions } from "../lock/lock-options";
import type { LibsecretItem, LibsecretItemShape } from "./libsecret-item";

/** Options of {@link createKeyringPersistence}. */
export interface KeyringPersistenceOptions extends CacheLocationOptions {
  /**
   * The cache name. For `msal.cache` the items are the ones Microsoft developer tools use;
   * other names get identifiers derived from the name.
   * @defaultValue `"msal.cache"`
   */
  name?: string;
  /**
   * Linux only: which libsecret item holds the cache. A layout name derives the item from
   * `name`; an item object (e.g. one `findSharedCacheItems()` returned) is used exactly, through
   * the `secret-tool` program.
   * @defaultValue `"msal-node"` (keytar's item, as JS `@azure/identity` writes it)
   */
  linuxItem?: LibsecretItemShape | LibsecretItem;
  /**
   * The `secret-tool` executable, for the `"python"` and `"dotnet"` layouts and item objects.
   * @defaultValue `"secret-tool"`
   */
  secretToolPath?: string;
  /** The lock file `<directory>/<name>.lockfile` taken around writes. */
  lock?: LockOptions;
  /**
   * A larger secret is refused with `cache_too_large`.
   * @defaultValue `33_554_432`
   */
  maxCacheBytes?: number;
  /** The clock for lock waits and timestamps. Advanced: for tests. @defaultValue `systemClock` */
  clock?: Clock;
  /**
   * Loads `@azure/msal-node-extensions`. Advanced: for tests and bundlers.
   * @defaultValue `() => import("@azure/msal-node-extensions")`
   */
  loadMsalExtensions?: () => Promise<unknown>;
}
