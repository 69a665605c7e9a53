// What a cache plugin talks to: MSAL's serializable token cache, reduced to serialize() and
// deserialize() over a parsed cache, so a benchmark measures the plugin and not MSAL.

/** A token cache holding `text`; `touch(key, secret)` changes one access token, as a new token would. */
export function tokenCacheStandIn(text) {
  let cache = JSON.parse(text);
  return {
    serialize: () => JSON.stringify(cache),
    deserialize: (next) => {
      cache = JSON.parse(next);
    },
    touch(key, secret) {
      cache.AccessToken ??= {};
      cache.AccessToken[key] = {
        home_account_id: `${key}.home`,
        environment: "login.microsoftonline.com",
        credential_type: "AccessToken",
        client_id: "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
        realm: "organizations",
        target: "https://vault.azure.net/.default",
        secret,
        cached_at: "1795391605",
        expires_on: "2110751605",
        extended_expires_on: "2110751605",
        token_type: "Bearer",
      };
    },
    secretOf: (key) => cache.AccessToken?.[key]?.secret,
  };
}

/** The two plugins compared: entrakit's over its file backend, and MSAL's extension. */
export async function createPlugin(backend, directory, name = "msal.cache") {
  if (backend === "entrakit") {
    const { createCachePlugin, createFilePersistence } = await import(
      "@entrakit/cache-persistence"
    );
    return createCachePlugin(createFilePersistence({ directory, name }));
  }
  // What @azure/identity's persistent cache (@azure/identity-cache-persistence) uses on Linux
  // with unsafeAllowUnencryptedStorage: msal-node-extensions' FilePersistence and its plugin.
  const { FilePersistence, PersistenceCachePlugin } = await import("@azure/msal-node-extensions");
  const { join } = await import("node:path");
  return new PersistenceCachePlugin(await FilePersistence.create(join(directory, name)));
}

/** One write as MSAL makes it: before access (announcing a change), change, after access. */
export async function writeOnce(plugin, cache, key, secret) {
  await plugin.beforeCacheAccess({ cacheHasChanged: true, tokenCache: cache });
  cache.touch(key, secret);
  await plugin.afterCacheAccess({ cacheHasChanged: true, tokenCache: cache });
}
