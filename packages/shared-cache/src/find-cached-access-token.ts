import { type AccessTokenInfo, computeRefreshAfter, refreshBeforeExpiryMs } from "@entrakit/core";
import { isTenantRealm } from "./cache/tenant-realm";
import type { Cloud } from "./cloud";
import { type StoreSnapshot, servesAccessTokens } from "./stores/cache-store";

/** What a cached access token must fit. */
export interface AccessTokenQuery {
  readonly homeAccountId: string;
  readonly homeTenantId: string;
  readonly clientId: string;
  /** The tenant the request resolved to (may be `organizations`). */
  readonly tenantId: string;
  readonly scopes: readonly string[];
  readonly enableCae: boolean;
  readonly now: number;
  readonly cloud: Cloud;
}

// MSAL adds these to every request and to the cached target; they say nothing about a resource.
const oidcScopes = new Set(["openid", "profile", "offline_access"]);

/**
 * Finds a cached access token for the query: the account's, issued to this client, for this
 * tenant (the home tenant and the `organizations`/`common` paths Python caches under stand for
 * each other), granting every requested scope (case-insensitive), from a store of the request's
 * CAE kind, valid for more than five minutes and not yet due for refresh. The latest-expiring
 * one wins.
 */
export function findCachedAccessToken(
  snapshots: readonly StoreSnapshot[],
  query: AccessTokenQuery,
): AccessTokenInfo | undefined {
  const wanted = query.scopes
    .map((scope) => scope.toLowerCase())
    .filter((scope) => !oidcScopes.has(scope));
  if (wanted.length === 0) return undefined;
  const tenant = query.tenantId.toLowerCase();
  const realms = new Set([tenant]);
  // A token from `organizations` or `common` is the home tenant's, and the other way round.
  if (!isTenantRealm(tenant)) realms.add(query.homeTenantId);
  if (tenant === query.homeTenantId) {
    realms.add("organizations");
    realms.add("common");
  }
  const client = query.clientId.toLowerCase();
  let best: AccessTokenInfo | undefined;
  for (const { store, index } of snapshots) {
    if (!servesAccessTokens(store.kind, query.enableCae)) continue;
    for (const token of index.accessTokensOf(query.homeAccountId)) {
      if (token.clientId !== client || !realms.has(token.realm)) continue;
      if (!query.cloud.matches(token.environment)) continue;
      if (!wanted.every((scope) => token.scopes.has(scope))) continue;
      if (token.expiresOn <= query.now + refreshBeforeExpiryMs) continue;
      const refreshAfterTimestamp =
        token.refreshOn !== undefined
          ? Math.min(token.refreshOn, token.expiresOn - refreshBeforeExpiryMs)
          : computeRefreshAfter(token.cachedAt ?? query.now, token.expiresOn);
      // A token already due for refresh would come straight back here on every call.
      if (refreshAfterTimestamp <= query.now) continue;
      if (best === undefined || token.expiresOn > best.expiresOnTimestamp) {
        best = {
          token: token.secret,
          expiresOnTimestamp: token.expiresOn,
          refreshAfterTimestamp,
          tokenType: "Bearer",
        };
      }
    }
  }
  return best;
}
