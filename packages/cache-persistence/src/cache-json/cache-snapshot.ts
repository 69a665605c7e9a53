import type { CacheSnapshot } from "../cache-persistence";
import type { CacheJson } from "./parse-cache-json";

/**
 * A snapshot that carries `data` already parsed, so the cache plugin need not parse it again.
 * The parsed cache is not enumerable: the snapshot still compares, spreads and prints as
 * `{ data, version }`.
 *
 * @param data - the stored text.
 * @param version - its version, or a function computing it on first read of `version` (a cold
 * load that is never compared then never pays for hashing the content).
 * @param cache - `data` as `parseCacheJson` returned it; shared with every caller, never mutated.
 */
export function cacheSnapshot(
  data: string,
  version: string | (() => string),
  cache: CacheJson,
): CacheSnapshot {
  const snapshot = { data } as { data: string; version: string };
  if (typeof version === "string") {
    snapshot.version = version;
  } else {
    Object.defineProperty(snapshot, "version", {
      enumerable: true,
      configurable: true,
      get() {
        const value = version();
        // From now on a plain value: prints, compares and copies as one.
        Object.defineProperty(snapshot, "version", { value, enumerable: true, writable: false });
        return value;
      },
    });
  }
  Object.defineProperty(snapshot, "cache", { value: cache, enumerable: false });
  return snapshot;
}
