import type { CacheSnapshot } from "../cache-persistence";
import type { CacheJson } from "./parse-cache-json";

/**
 * A snapshot that carries `data` already parsed, so the cache plugin need not parse it again.
 * The parsed cache is not enumerable: the snapshot still compares, spreads and prints as
 * `{ data, version }`.
 *
 * @param data - the stored text.
 * @param version - its version.
 * @param cache - `data` as `parseCacheJson` returned it; shared with every caller, never mutated.
 */
export function cacheSnapshot(data: string, version: string, cache: CacheJson): CacheSnapshot {
  const snapshot: CacheSnapshot = { data, version };
  Object.defineProperty(snapshot, "cache", { value: cache, enumerable: false });
  return snapshot;
}
