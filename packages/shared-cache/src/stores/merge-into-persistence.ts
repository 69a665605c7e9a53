import {
  type CachePersistence,
  cachePersistenceError,
  parseCacheJson,
} from "@entrakit/cache-persistence";
import { applyEntries, type CacheEntries } from "../cache/cache-entries";

// Other tools write the same cache; a few lost races in a row mean something is looping.
const maxAttempts = 5;

function holdsTokens(cache: Record<string, unknown>): boolean {
  return ["RefreshToken", "AccessToken"].some((section) => {
    const entries = cache[section];
    return typeof entries === "object" && entries !== null && Object.keys(entries).length > 0;
  });
}

/**
 * Lays `entries` over the cache stored in `persistence`: under its lock (when it has one) the
 * latest stored cache is read, the entries are applied (added or replaced, never removed) and
 * the result is saved with compare-and-swap; a lost race is retried with the newer cache.
 *
 * @returns `false` when no cache with tokens is stored: a reader never creates a shared cache.
 * @throws CredentialUnavailableError (`cache_unreadable`) when the stored cache is not a cache
 * (it is left as it is), (`cache_save_conflict`) after repeated lost races, or whatever the
 * backend throws.
 */
export async function mergeIntoPersistence(
  persistence: CachePersistence,
  entries: CacheEntries,
): Promise<boolean> {
  const attempt = async (): Promise<boolean | undefined> => {
    const latest = await persistence.load();
    if (latest === undefined) return false;
    // A copy of our own, never the backend's shared parsed form: applyEntries modifies it.
    const parsed = parseCacheJson(latest.data);
    if (!parsed.ok) {
      throw cachePersistenceError(
        `SharedTokenCacheCredential: the cache in ${persistence.description} is not a serialized MSAL cache (${parsed.reason}), so new tokens were not written to it. Sign in again with the tool that owns it, or delete it.`,
        "cache_unreadable",
      );
    }
    const cache = parsed.cache;
    // Keyring tools leave "{}" in the file beside their item to signal changes: a store without
    // tokens is not a cache anyone reads, and plaintext tokens must not appear there.
    if (!holdsTokens(cache)) return false;
    if (!applyEntries(cache, entries)) return true;
    const saved = await persistence.save(JSON.stringify(cache), latest.version);
    return saved.conflict ? undefined : true;
  };
  for (let round = 1; round <= maxAttempts; round++) {
    const outcome = persistence.withLock ? await persistence.withLock(attempt) : await attempt();
    if (outcome !== undefined) return outcome;
  }
  throw cachePersistenceError(
    `SharedTokenCacheCredential: the cache in ${persistence.description} kept changing while new tokens were written (${maxAttempts} attempts). Retry; the tokens stay in memory meanwhile.`,
    "cache_save_conflict",
  );
}
