import { indexCache } from "../../src/cache/cache-index";
import type { CacheStore, StoreSnapshot } from "../../src/stores/cache-store";
import { kindOfCacheName } from "../../src/stores/cache-store";

/** A snapshot of `cache` in a store named `name` that cannot be written. */
export function snapshotOf(
  cache: object,
  name = "msal.cache",
  description = `memory ${name}`,
): StoreSnapshot {
  const store: CacheStore = {
    description,
    name,
    kind: kindOfCacheName(name),
    merge: async () => {
      throw new Error("not writable in this test");
    },
  };
  return { store, version: "1", index: indexCache(cache as Record<string, unknown>) };
}
