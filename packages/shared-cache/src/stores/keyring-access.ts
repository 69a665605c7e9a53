import {
  type CachePersistence,
  createKeyringPersistence,
  findSharedCacheItems,
} from "@entrakit/cache-persistence";
import { isCredentialUnavailableError } from "@entrakit/core";

/** A keyring item that may hold a cache. */
export interface KeyringItem {
  /** Reads and writes exactly this item. */
  readonly persistence: CachePersistence;
  /** True when a search saw the item, so reading nothing from it means it is damaged. */
  readonly found: boolean;
}

/** Finds the keyring items that may hold a cache name. */
export interface KeyringAccess {
  /**
   * Every keyring item that may hold `name`.
   *
   * @throws CredentialUnavailableError (`keyring_unavailable`, `optional_dependency_missing`).
   */
  itemsFor(name: string): Promise<KeyringItem[]>;
}

/**
 * The OS keyring as the other tools use it. On Linux every known layout is searched (Python's
 * and .NET's schema items, JS keytar's service/account item) because each tool writes its own
 * item; the cache is read and written back wherever it is. Without `secret-tool`, only keytar's
 * item is read. macOS (Keychain) and Windows (DPAPI) have one place per name.
 *
 * @param platform - the platform whose keyring to use.
 * @param directory - where the keyring's companion (marker) files live.
 * @returns `undefined` on platforms without a supported keyring.
 */
export function platformKeyring(
  platform: NodeJS.Platform,
  directory: string,
): KeyringAccess | undefined {
  if (platform === "darwin" || platform === "win32") {
    return {
      itemsFor: async (name) => [
        { persistence: createKeyringPersistence({ name, directory, platform }), found: false },
      ],
    };
  }
  if (platform !== "linux") return undefined;
  return {
    async itemsFor(name) {
      let items: Awaited<ReturnType<typeof findSharedCacheItems>>;
      try {
        items = await findSharedCacheItems({ name, platform });
      } catch (error) {
        if (isCredentialUnavailableError(error) && error.code === "optional_dependency_missing") {
          const persistence = createKeyringPersistence({ name, directory, platform });
          return [{ persistence, found: false }];
        }
        throw error;
      }
      return items.map((item) => ({
        persistence: createKeyringPersistence({ name, directory, platform, linuxItem: item.item }),
        found: true,
      }));
    },
  };
}
