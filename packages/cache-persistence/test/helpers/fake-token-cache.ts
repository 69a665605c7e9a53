import type { CacheAccessContext, CachePlugin, SerializableTokenCache } from "../../src/index";

/** A stand-in for MSAL's TokenCache that keeps the cache as parsed JSON. */
export class FakeTokenCache implements SerializableTokenCache {
  cache: Record<string, Record<string, unknown>> = {};
  deserializeCount = 0;
  lastDeserialized: string | undefined;
  serialize(): string {
    return JSON.stringify(this.cache);
  }
  deserialize(text: string): void {
    this.deserializeCount++;
    this.lastDeserialized = text;
    this.cache = JSON.parse(text);
  }
  /**
   * What MSAL's acquireTokenSilent does before its cache lookup: empty the in-memory cache, run
   * the plugin, then restore the cache from the text last passed to deserialize.
   */
  async reloadLikeAcquireTokenSilent(plugin: CachePlugin): Promise<void> {
    this.cache = { Account: {}, IdToken: {}, AccessToken: {}, RefreshToken: {}, AppMetadata: {} };
    const context = this.context(false);
    await plugin.beforeCacheAccess(context);
    this.cache = JSON.parse(this.lastDeserialized ?? "{}");
    await plugin.afterCacheAccess(context);
  }
  set(section: string, key: string, entry: unknown): void {
    this.cache[section] ??= {};
    (this.cache[section] as Record<string, unknown>)[key] = entry;
  }
  remove(section: string, key: string): void {
    delete this.cache[section]?.[key];
  }
  context(cacheHasChanged: boolean): CacheAccessContext {
    return { cacheHasChanged, tokenCache: this };
  }
}

/** An MSAL-shaped access-token entry. */
export function accessToken(secret: string, extra: Record<string, string> = {}) {
  return { credential_type: "AccessToken", secret, home_account_id: "uid.utid", ...extra };
}
