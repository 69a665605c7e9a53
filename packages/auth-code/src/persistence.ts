import {
  type CachePlugin,
  createCachePlugin,
  defaultCacheName,
  resolvePersistence,
  type TokenCachePersistenceOptions,
} from "@entrakit/cache-persistence";

/**
 * The MSAL cache plugin of one of the credential's two applications, or `undefined` for an
 * in-memory cache. CAE and non-CAE tokens go to separate caches (`<name>.cae` and
 * `<name>.nocae`, the names `@azure/identity` uses) because MSAL keys access tokens without
 * the client capabilities they were issued for.
 *
 * The backend is resolved on first cache access, not at construction: resolving reads the
 * keyring, which is asynchronous and may fail with a typed error the first `getToken` reports.
 */
export function createTokenCachePlugin(
  options: TokenCachePersistenceOptions | undefined,
  cae: boolean,
): CachePlugin | undefined {
  if (options === undefined) return undefined;
  if (options.persistence !== undefined) {
    // One custom backend cannot hold two caches apart, so it keeps the non-CAE cache and CAE
    // tokens stay in memory (they are short-lived and always re-derivable from the refresh token).
    if (cae) return undefined;
    const plugin = createCachePlugin(options.persistence);
    return plugin;
  }
  if (!options.enabled) return undefined;
  const name = `${options.name ?? defaultCacheName}.${cae ? "cae" : "nocae"}`;
  let resolved: Promise<CachePlugin> | undefined;
  const plugin = () => {
    resolved ??= resolvePersistence({ ...options, name }).then((persistence) =>
      createCachePlugin(persistence),
    );
    // A failed resolution is not cached: a keyring that comes up later is picked up then.
    resolved.catch(() => {
      resolved = undefined;
    });
    return resolved;
  };
  return {
    beforeCacheAccess: async (context) => (await plugin()).beforeCacheAccess(context),
    afterCacheAccess: async (context) => (await plugin()).afterCacheAccess(context),
  };
}
