import { type Clock, formatLogLine, isCredentialUnavailableError } from "@entrakit/core";
import { createFilePersistence } from "./backends/file-persistence";
import { createKeyringPersistence } from "./backends/keyring-persistence";
import { createMemoryPersistence } from "./backends/memory-persistence";
import type { CachePersistence } from "./cache-persistence";
import type { CacheLocationOptions } from "./file/cache-directory";
import type { KeyringPersistenceOptions } from "./keyring/keyring-persistence-options";
import type { LockOptions } from "./lock/lock-options";
import { logger } from "./logger";
import type { TokenCachePersistenceOptions } from "./token-cache-persistence-options";

/** Advanced inputs of {@link resolvePersistence}: where to look and what to load. */
export interface ResolvePersistenceOptions extends CacheLocationOptions {
  /** The cross-process lock of file and keyring backends. */
  lock?: LockOptions;
  /** @defaultValue `systemClock` */
  clock?: Clock;
  /** See {@link KeyringPersistenceOptions.linuxItem}. */
  linuxItem?: KeyringPersistenceOptions["linuxItem"];
  /** See {@link KeyringPersistenceOptions.loadMsalExtensions}. */
  loadMsalExtensions?: () => Promise<unknown>;
}

const fallbackCodes = new Set(["keyring_unavailable", "optional_dependency_missing"]);

/**
 * Picks the backend `TokenCachePersistenceOptions` ask for: the custom `persistence` if given;
 * memory when not `enabled`; else the OS keyring, checked with one read. When the keyring is
 * unusable it throws, or, with `unsafeAllowUnencryptedStorage`, falls back to the plaintext file
 * and logs a warning.
 *
 * @throws TypeError when `persistence` does not have `load`, `save` and `delete`.
 * @throws CredentialUnavailableError `keyring_unavailable` (message names
 * `unsafeAllowUnencryptedStorage` and the packages to install) or `optional_dependency_missing`.
 * @example
 * ```ts
 * const persistence = await resolvePersistence({ enabled: true, name: "msal.cache" });
 * const plugin = createCachePlugin(persistence);
 * ```
 */
export async function resolvePersistence(
  options: TokenCachePersistenceOptions = {},
  advanced: ResolvePersistenceOptions = {},
): Promise<CachePersistence> {
  if (options.persistence !== undefined) {
    const custom = options.persistence as Partial<CachePersistence> | null;
    if (
      !custom ||
      typeof custom.load !== "function" ||
      typeof custom.save !== "function" ||
      typeof custom.delete !== "function"
    ) {
      throw new TypeError(
        "TokenCachePersistence: persistence must have load, save and delete methods. Pass a backend such as createEncryptedFilePersistence({ key }).",
      );
    }
    return options.persistence;
  }
  if (!options.enabled) return createMemoryPersistence();
  const keyring = createKeyringPersistence({
    ...advanced,
    ...(options.name === undefined ? {} : { name: options.name }),
  });
  try {
    await keyring.load();
    return keyring;
  } catch (error) {
    const code = isCredentialUnavailableError(error) ? error.code : undefined;
    if (!options.unsafeAllowUnencryptedStorage || code === undefined || !fallbackCodes.has(code))
      throw error;
    const file = createFilePersistence({
      ...advanced,
      ...(options.name === undefined ? {} : { name: options.name }),
    });
    logger.warning(
      formatLogLine(
        "TokenCachePersistence",
        "resolve",
        "the OS keyring is unavailable; storing the token cache unencrypted because unsafeAllowUnencryptedStorage is set",
        {
          reason: code,
          cache: file.description,
        },
      ),
    );
    return file;
  }
}
