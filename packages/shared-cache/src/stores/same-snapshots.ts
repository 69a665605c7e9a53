import type { StoreSnapshot } from "./cache-store";

/**
 * Whether two loads hold the same content: a store hands back the same snapshot while nothing
 * changed, and versions change whenever a store's content does. Versions are compared only for
 * snapshots that are not the same object, so a cold call (nothing to compare) never asks a
 * backend for one it computes lazily.
 *
 * @param before - the snapshots of the load the current account directory was built from.
 * @param now - the snapshots of this load.
 * @returns `true` when the directory built from `before` still describes `now`.
 */
export function sameSnapshots(
  before: readonly StoreSnapshot[],
  now: readonly StoreSnapshot[],
): boolean {
  return (
    before.length === now.length &&
    before.every((snapshot, n) => {
      const other = now[n];
      return (
        other !== undefined &&
        (snapshot === other ||
          (snapshot.store.description === other.store.description &&
            snapshot.version === other.version))
      );
    })
  );
}
