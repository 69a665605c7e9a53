/**
 * Keys of the in-memory token cache: (tenant, sorted scopes, CAE). Claims are not part of the
 * key: a claims challenge bypasses the lookup, and its fresh token replaces the entry.
 */

/** The key prefix for one tenant and CAE setting; a single scope is appended as is. */
export function tokenKeyPrefix(tenantId: string, enableCae: boolean): string {
  // "\n" cannot occur in a validated tenant id, so prefixes of different tenants never collide.
  return `${tenantId}\n${enableCae ? "cae" : "nocae"}\n`;
}

/**
 * The cache key for `scopes`. One scope is appended without a copy (the hot path); several are
 * sorted and joined with a space, which a validated scope cannot contain.
 */
export function tokenCacheKey(prefix: string, scopes: readonly string[]): string {
  if (scopes.length === 1) return prefix + scopes[0];
  return prefix + [...scopes].sort().join(" ");
}
