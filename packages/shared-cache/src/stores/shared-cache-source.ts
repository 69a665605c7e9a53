import {
  type CachePersistence,
  checkCacheName,
  defaultCacheName,
  resolveCacheDirectory,
  type TokenCachePersistenceOptions,
} from "@entrakit/cache-persistence";
import { type Clock, isCredentialUnavailableError } from "@entrakit/core";
import { CacheNameGroup } from "./cache-name-group";
import { type CacheSource, combineSources } from "./cache-store";
import { type KeyringAccess, platformKeyring } from "./keyring-access";
import { PersistenceStore } from "./persistence-store";

/** Where the credential reads from; every field but `options` is advanced (tests). */
export interface SharedCacheSourceOptions {
  /** The credential's `tokenCachePersistenceOptions`. */
  options: TokenCachePersistenceOptions | undefined;
  /** The cache directory. @defaultValue `~/.IdentityService` (`%LOCALAPPDATA%\.IdentityService`) */
  directory: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  clock: Clock;
  /** The keyring; `null` reads files only. @defaultValue the platform's */
  keyring?: KeyringAccess | null;
  /** Backends by cache name, instead of the machine's files and keyring. */
  stores?: Readonly<Record<string, CachePersistence>>;
}

/**
 * The cache names read for a base name: the legacy name and the two names `@azure/identity`
 * and `azure-identity` write (`<name>.nocae`, `<name>.cae`).
 */
export function sharedCacheNames(baseName: string): string[] {
  return [baseName, `${baseName}.nocae`, `${baseName}.cae`];
}

/**
 * Builds the source of the shared cache: a custom backend as given, else every name in every
 * place it may be stored (plaintext file unless `unsafeAllowUnencryptedStorage` is `false`,
 * and the OS keyring).
 *
 * @throws InvalidArgumentError for a malformed cache name or directory.
 */
export function createSharedCacheSource(source: SharedCacheSourceOptions): CacheSource {
  const options = source.options ?? {};
  const baseName = checkCacheName(
    options.name ?? defaultCacheName,
    "tokenCachePersistenceOptions.name",
  );
  if (source.stores) {
    return combineSources(
      Object.entries(source.stores).map(
        ([name, persistence]) => new PersistenceStore(persistence, name),
      ),
    );
  }
  if (options.persistence !== undefined) {
    return new PersistenceStore(options.persistence, baseName);
  }
  let directory: string;
  try {
    directory = resolveCacheDirectory({
      env: source.env,
      platform: source.platform,
      ...(source.directory === undefined ? {} : { directory: source.directory }),
    });
  } catch (error) {
    // No HOME / LOCALAPPDATA: the credential is unavailable, which getToken reports.
    if (!isCredentialUnavailableError(error)) throw error;
    return { load: async () => ({ snapshots: [], failures: [error], lookedIn: [] }) };
  }
  const keyring =
    source.keyring === null
      ? undefined
      : (source.keyring ?? platformKeyring(source.platform, directory));
  // Windows keeps the shared cache DPAPI-encrypted at the plaintext file's path.
  const readPlaintext =
    options.unsafeAllowUnencryptedStorage !== false && source.platform !== "win32";
  return combineSources(
    sharedCacheNames(baseName).map(
      (name) =>
        new CacheNameGroup({
          name: checkCacheName(name, "tokenCachePersistenceOptions.name"),
          directory,
          readPlaintext,
          keyring,
          clock: source.clock,
        }),
    ),
  );
}
