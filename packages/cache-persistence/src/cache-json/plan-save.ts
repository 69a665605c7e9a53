/**
 * Decides what to store after MSAL changed its cache: nothing, MSAL's own serialization as it is,
 * or MSAL's changes merged into the stored cache. Pure: the plugin does the reading and writing.
 */
import {
  applyCacheChanges,
  type CacheChanges,
  changesAlter,
  mergeReproduces,
  sameCache,
} from "./merge-cache";
import type { CacheJson } from "./parse-cache-json";

/** MSAL's cache after a change, and what it changed since the baseline. */
export interface MsalChange {
  /** MSAL's cache, parsed. */
  readonly cache: CacheJson;
  /** MSAL's cache as MSAL serialized it. */
  readonly text: string;
  /** What changed since the baseline; computed on first use, as the direct path never needs it. */
  readonly changes: () => CacheChanges;
}

/** What to store: `data`, after which the store holds `stored`; or nothing. */
export type SavePlan =
  | {
      readonly write: true;
      readonly data: string;
      readonly stored: CacheJson;
      /** The store then holds MSAL's cache (see `sameCache`) and `stored` is `change.cache`. */
      readonly same: boolean;
    }
  | { readonly write: false; readonly same: boolean };

/**
 * Plans the save of `change` onto `base`, the stored cache.
 *
 * @param base - the stored cache to merge into (`{}` when nothing is stored).
 * @param exists - whether anything is stored; an absent store is always written.
 * @param change - MSAL's cache and its changes since the baseline.
 * @param baseIsBaseline - `base` equals the baseline the changes were taken from, so storing
 *   MSAL's serialization is the merge whenever the merge reproduces MSAL's cache.
 * @returns the data to write and what the store then holds, or that nothing needs writing.
 */
export function planSave(
  base: CacheJson,
  exists: boolean,
  change: MsalChange,
  baseIsBaseline: boolean,
): SavePlan {
  if (baseIsBaseline && mergeReproduces(base, change.cache)) {
    return { write: true, data: change.text, stored: change.cache, same: true };
  }
  const changes = change.changes();
  if (exists && !changesAlter(base, changes)) {
    return { write: false, same: sameCache(base, change.cache) };
  }
  const merged = applyCacheChanges(base, changes);
  // MSAL's own text is as good as the merge whenever the two are equal, and already serialized.
  return sameCache(merged, change.cache)
    ? { write: true, data: change.text, stored: change.cache, same: true }
    : { write: true, data: JSON.stringify(merged), stored: merged, same: false };
}
