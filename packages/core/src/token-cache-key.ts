/**
 * Keys of the in-memory token cache: a partition per (tenant, CAE), and within it the scopes.
 * Claims are not part of the key: a claims challenge bypasses the lookup, and its fresh token
 * replaces the entry.
 */

/** The partition key for one tenant and CAE setting. */
export function tokenKeyPrefix(tenantId: string, enableCae: boolean): string {
  // "\n" cannot occur in a validated tenant id, so partitions of different tenants never collide.
  return `${tenantId}\n${enableCae ? "cae" : "nocae"}\n`;
}

/**
 * The key of `scopes` within a partition. One scope is its own key (no copy, no new string:
 * the hot path looks it up with the caller's string); several are sorted and joined with a
 * space, which a validated scope cannot contain.
 */
export function scopesKey(scopes: readonly string[]): string {
  if (scopes.length === 1) return scopes[0] as string;
  return [...scopes].sort().join(" ");
}

/** The full key of an entry: partition and scopes, e.g. for single-flight. */
export function tokenCacheKey(prefix: string, scopes: readonly string[]): string {
  return prefix + scopesKey(scopes);
}
