import { type CachePersistence, createMemoryPersistence } from "@entrakit/cache-persistence";
import { ManualClock } from "@entrakit/testkit";
import { type InternalSeams, internalOptionsKey } from "../../src/internal-options";
import { SharedTokenCacheCredential } from "../../src/shared-token-cache-credential";
import type { SharedTokenCacheCredentialOptions } from "../../src/shared-token-cache-credential-options";

/** Memory backends by cache name, from cache texts or objects. */
export function memoryStores(
  caches: Record<string, string | object>,
): Record<string, CachePersistence> {
  return Object.fromEntries(
    Object.entries(caches).map(([name, cache]) => [
      name,
      createMemoryPersistence({
        initialData: typeof cache === "string" ? cache : JSON.stringify(cache),
      }),
    ]),
  );
}

/** The stored cache of a memory backend, parsed. */
export async function storedJson(persistence: CachePersistence | undefined) {
  const loaded = await persistence?.load();
  return loaded ? JSON.parse(loaded.data) : undefined;
}

/** A credential over the given seams, with an empty environment and a manual clock. */
export function credentialWith(
  options: SharedTokenCacheCredentialOptions,
  seams: InternalSeams,
): SharedTokenCacheCredential {
  return new SharedTokenCacheCredential({
    env: {},
    clock: new ManualClock({ start: Date.UTC(2026, 0, 1) }),
    ...options,
    [internalOptionsKey]: seams,
  } as SharedTokenCacheCredentialOptions);
}
