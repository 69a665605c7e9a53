/**
 * The stores a shared cache is spread over (one per cache name and place: a file, a keyring
 * item, a custom backend) and what reading them yields. Reading is separate from writing: a
 * store is read whatever wrote it, and written back only where it already exists.
 */
import type { CredentialUnavailableError } from "@entrakit/core";
import type { CacheEntries } from "../cache/cache-entries";
import type { CacheIndex } from "../cache/cache-index";

/**
 * Which tokens a store holds, from its name: `legacy` for the plain name (`msal.cache`, written
 * by tools that predate CAE), `nocae` and `cae` for the names `@azure/identity` and
 * `azure-identity` write (`msal.cache.nocae`, `msal.cache.cae`).
 */
export type CacheKind = "legacy" | "nocae" | "cae";

/** The kind of a cache name. */
export function kindOfCacheName(name: string): CacheKind {
  if (name.endsWith(".cae")) return "cae";
  if (name.endsWith(".nocae")) return "nocae";
  return "legacy";
}

/**
 * True when access tokens of a store of `kind` may answer a request with `enableCae`: CAE
 * tokens only from CAE stores, other tokens only from the others. (Refresh tokens are not
 * bound either way.)
 */
export function servesAccessTokens(kind: CacheKind, enableCae: boolean): boolean {
  return enableCae ? kind === "cae" : kind !== "cae";
}

/** One place a cache is stored. */
export interface CacheStore {
  /** Where it lives, e.g. `file /home/me/.IdentityService/msal.cache`. Never a secret. */
  readonly description: string;
  /** The cache name, e.g. `msal.cache.nocae`. */
  readonly name: string;
  /** Which tokens it holds. */
  readonly kind: CacheKind;
  /**
   * Lays `entries` over the stored cache (nothing is removed) under the store's lock.
   *
   * @returns `false` when nothing is stored there any more: a shared cache is never created.
   * @throws CredentialUnavailableError when the store cannot be read or written.
   */
  merge(entries: CacheEntries): Promise<boolean>;
}

/** A store's content at one version. */
export interface StoreSnapshot {
  readonly store: CacheStore;
  /** Changes whenever the content changes. */
  readonly version: string;
  readonly index: CacheIndex;
}

/** What reading all stores gave: the stores that hold a cache, and why others could not be read. */
export interface StoreLoad {
  readonly snapshots: readonly StoreSnapshot[];
  readonly failures: readonly CredentialUnavailableError[];
  /** Every place looked at, for messages (no secrets). */
  readonly lookedIn: readonly string[];
}

/** Reads a set of stores, re-reading only what changed since the last call. */
export interface CacheSource {
  load(): Promise<StoreLoad>;
}

/** Reads every source at once and joins the results. */
export function combineSources(sources: readonly CacheSource[]): CacheSource {
  return {
    async load() {
      const loads = await Promise.all(sources.map((source) => source.load()));
      return {
        snapshots: loads.flatMap((load) => load.snapshots),
        failures: loads.flatMap((load) => load.failures),
        lookedIn: loads.flatMap((load) => load.lookedIn),
      };
    },
  };
}
