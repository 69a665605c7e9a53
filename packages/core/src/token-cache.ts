import type { AccessTokenInfo } from "./access-token-info";

/** One cached token and what the hot path needs to serve it. */
export interface CachedToken {
  readonly token: AccessTokenInfo;
  // A settled promise reused by every warm call, so the hot path allocates nothing.
  readonly promise: Promise<AccessTokenInfo>;
  // Until this moment the token is served without asking anyone.
  dueAt: number;
  // True when the entry was stored for exactly one scope. The warm path looks a single scope
  // up before checking it, so it may only trust entries whose key is that one checked scope:
  // the unchecked scope "a b" has the same key as the checked pair ["a", "b"].
  readonly singleScope: boolean;
}

/** A partition of the cache: one tenant and CAE setting, keyed by scopes. */
export type TokenPartition = Map<string, CachedToken>;

/**
 * The in-memory token cache: partitions per (tenant, CAE) holding entries per scopes, bounded
 * in size. Two levels, so a warm lookup hashes the caller's own scope string (V8 caches a
 * string's hash) instead of building and hashing a new `tenant + scope` string on every call.
 */
export class TokenCache {
  private readonly partitions = new Map<string, TokenPartition>();
  private count = 0;

  constructor(private readonly maxEntries: number) {}

  /** The number of cached tokens. */
  get size(): number {
    return this.count;
  }

  /** The partition for `prefix`, created on first use (callers keep hot ones). */
  partition(prefix: string): TokenPartition {
    let partition = this.partitions.get(prefix);
    if (partition === undefined) {
      partition = new Map();
      this.partitions.set(prefix, partition);
    }
    return partition;
  }

  /** The entry for (`prefix`, `scopeKey`), without creating anything. */
  get(prefix: string, scopeKey: string): CachedToken | undefined {
    return this.partitions.get(prefix)?.get(scopeKey);
  }

  /** Stores a token, evicting expired entries (then the oldest) when full. */
  set(
    prefix: string,
    scopeKey: string,
    token: AccessTokenInfo,
    dueAt: number,
    singleScope: boolean,
    now: number,
  ): void {
    const partition = this.partition(prefix);
    if (!partition.has(scopeKey)) {
      if (this.count >= this.maxEntries) this.evict(now);
      this.count++;
    }
    partition.set(scopeKey, { token, promise: Promise.resolve(token), dueAt, singleScope });
  }

  /** Drops every entry (partitions stay, so callers' references remain valid). */
  clear(): void {
    for (const partition of this.partitions.values()) partition.clear();
    this.count = 0;
  }

  private evict(now: number): void {
    for (const partition of this.partitions.values()) {
      for (const [key, entry] of partition) {
        if (entry.token.expiresOnTimestamp <= now) {
          partition.delete(key);
          this.count--;
        }
      }
    }
    if (this.count < this.maxEntries) return;
    // Still full: drop the oldest insertion of the first non-empty partition.
    for (const partition of this.partitions.values()) {
      const oldest = partition.keys().next();
      if (!oldest.done) {
        partition.delete(oldest.value);
        this.count--;
        return;
      }
    }
  }
}
