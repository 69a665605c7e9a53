// The caches entrakit writes, and the backends that hold them. AuthorizationCodeCredential
// names its caches `<name>.nocae` / `<name>.cae` after the shared name, and
// SharedTokenCacheCredential reads all three names, so tokens written here are shared.
import {
  type CachePersistence,
  createFilePersistence,
  createKeyringPersistence,
  defaultCacheName,
  resolvePersistence,
} from "@entrakit/cache-persistence";
import type { CredentialSettings } from "./credential-settings";

/** The cache `entrakit login` writes: the non-CAE cache under the shared name. */
export const loginCacheName = `${defaultCacheName}.nocae`;

/**
 * Every cache entrakit writes to: login's, and the CAE cache a refresh by
 * SharedTokenCacheCredential may write back to. `msal.cache` itself belongs to other tools.
 */
export const entrakitCacheNames: readonly string[] = Object.freeze([
  loginCacheName,
  `${defaultCacheName}.cae`,
]);

/**
 * The backend `entrakit login` stores tokens in: the OS keyring, or with `--allow-unencrypted`
 * and no usable keyring, the plaintext file in the cache directory. It is resolved by the CLI
 * and handed to the credential as a custom backend, because the credential's own
 * `{ enabled, name }` option has no cache directory.
 *
 * @throws CredentialUnavailableError `keyring_unavailable` / `optional_dependency_missing`
 * when no keyring is usable and plaintext is not allowed.
 */
export function resolveLoginPersistence(settings: CredentialSettings): Promise<CachePersistence> {
  return resolvePersistence(
    {
      enabled: true,
      name: loginCacheName,
      unsafeAllowUnencryptedStorage: settings.allowUnencrypted,
    },
    { env: settings.env, ...directoryOf(settings) },
  );
}

/**
 * Every place an entrakit-written cache may be: per name, the keyring item and (except on
 * Windows, where that path holds the DPAPI-encrypted keyring copy) the plaintext file.
 *
 * @throws CredentialUnavailableError `cache_unavailable` when the cache directory is unknown.
 */
export function entrakitCachePlaces(
  settings: CredentialSettings,
  platform: NodeJS.Platform,
): CachePersistence[] {
  const location = { env: settings.env, platform, ...directoryOf(settings) };
  return entrakitCacheNames.flatMap((name) => [
    createKeyringPersistence({ ...location, name }),
    ...(platform === "win32" ? [] : [createFilePersistence({ ...location, name })]),
  ]);
}

function directoryOf(settings: CredentialSettings): { directory?: string } {
  return settings.cacheDirectory === undefined ? {} : { directory: settings.cacheDirectory };
}
