import type { CachePersistence } from "@entrakit/cache-persistence";
import { cachePersistenceError, parseCacheJson } from "@entrakit/cache-persistence";
import { type CredentialUnavailableError, isCredentialUnavailableError } from "@entrakit/core";
import type { CacheEntries } from "../cache/cache-entries";
import { indexCache } from "../cache/cache-index";
import type { CacheSource, CacheStore, StoreLoad, StoreSnapshot } from "./cache-store";
import { kindOfCacheName } from "./cache-store";
import { mergeIntoPersistence } from "./merge-into-persistence";

/**
 * A store over any {@link CachePersistence} (a custom backend, memory, one keyring item). Its
 * content is parsed again only when the backend reports a new version; with `version()` the
 * check does not even read the content.
 */
export class PersistenceStore implements CacheStore, CacheSource {
  readonly description: string;
  readonly kind;
  #last: StoreSnapshot | undefined;

  /**
   * @param persistence - the backend.
   * @param name - the cache name it holds (decides the kind).
   */
  constructor(
    readonly persistence: CachePersistence,
    readonly name: string,
  ) {
    this.description = persistence.description;
    this.kind = kindOfCacheName(name);
  }

  /**
   * The current snapshot, or `undefined` when nothing is stored.
   *
   * @throws CredentialUnavailableError from the backend, or `cache_unreadable` when the
   * content is not an MSAL cache.
   */
  async read(): Promise<StoreSnapshot | undefined> {
    const last = this.#last;
    if (last && this.persistence.version) {
      if ((await this.persistence.version()) === last.version) return last;
    }
    const loaded = await this.persistence.load();
    if (loaded === undefined) {
      this.#last = undefined;
      return undefined;
    }
    if (last !== undefined && last.version === loaded.version) return last;
    // The version is read only when a later call compares it: a backend may compute it lazily
    // (the file backend hashes the content on first use), and a cold call never compares.
    this.#last = {
      store: this,
      get version() {
        return loaded.version;
      },
      index: indexCache(this.#parse(loaded)),
    };
    return this.#last;
  }

  // A backend that already parsed and checked the text hands over that object (`cache`, not
  // enumerable): parsing a large cache twice would cost more than all the rest of a cold start.
  // The index only reads it, as the contract asks of a shared parsed cache.
  #parse(loaded: { readonly data: string }): Readonly<Record<string, unknown>> {
    const given = (loaded as { readonly cache?: unknown }).cache;
    if (typeof given === "object" && given !== null && !Array.isArray(given)) {
      return given as Readonly<Record<string, unknown>>;
    }
    const parsed = parseCacheJson(loaded.data);
    if (!parsed.ok) {
      throw cachePersistenceError(
        `SharedTokenCacheCredential: the cache in ${this.description} is not a serialized MSAL cache (${parsed.reason}). Sign in again with the tool that wrote it, or delete it.`,
        "cache_unreadable",
      );
    }
    return parsed.cache;
  }

  async load(): Promise<StoreLoad> {
    try {
      const snapshot = await this.read();
      return { snapshots: snapshot ? [snapshot] : [], failures: [], lookedIn: [this.description] };
    } catch (error) {
      return { snapshots: [], failures: [asUnavailable(error)], lookedIn: [this.description] };
    }
  }

  merge(entries: CacheEntries): Promise<boolean> {
    return mergeIntoPersistence(this.persistence, entries);
  }
}

/** Any failure while reading, as a `CredentialUnavailableError` (backends already throw those). */
export function asUnavailable(error: unknown): CredentialUnavailableError {
  if (isCredentialUnavailableError(error)) return error;
  return cachePersistenceError(
    "SharedTokenCacheCredential: reading a shared cache failed unexpectedly. Check the cache's permissions, or report the error with AZURE_LOG_LEVEL=verbose.",
    "cache_unavailable",
    error,
  );
}
