/**
 * The persistence contract: a backend reads and writes one serialized MSAL cache. It knows
 * nothing about MSAL, file paths or loggers; the cache plugin adapter does the merging.
 */
import type { CacheJson } from "./cache-json/parse-cache-json";

/** One stored cache as a backend returned it. */
export interface CacheSnapshot {
  /** The cache in MSAL's unified JSON schema (Account, AccessToken, RefreshToken, IdToken, AppMetadata). */
  readonly data: string;
  /** An opaque token that changes whenever `data` changes; equal versions mean equal data. */
  readonly version: string;
  /**
   * Optional: `data` already parsed, when the backend checked it with `parseCacheJson`, so
   * the cache plugin does not parse it a second time. Shared between calls: never mutate it.
   */
  readonly cache?: CacheJson;
}

/** The outcome of {@link CachePersistence.save}: the new version, or a lost race. */
export type SaveResult =
  | { readonly version: string; readonly conflict?: undefined }
  | { readonly conflict: true; readonly version?: undefined };

/** Options every persistence call accepts. */
export interface PersistenceCallOptions {
  /** Cancels waiting (for a lock, for a server). Work already committed stays committed. */
  abortSignal?: AbortSignal;
}

/**
 * Where a token cache lives. Implement it to plug in any store; use {@link createCachePlugin}
 * to hand it to MSAL.
 *
 * @example
 * ```ts
 * const persistence = createFilePersistence({ name: "my-app.cache" });
 * const snapshot = await persistence.load();
 * await persistence.save(newJson, snapshot?.version);
 * ```
 */
export interface CachePersistence {
  /** Where the cache lives, for logs and errors, e.g. `file ~/.IdentityService/msal.cache`. Never a secret. */
  readonly description: string;
  /** True when the stored bytes are encrypted at rest. */
  readonly encrypted: boolean;
  /**
   * Reads the stored cache.
   *
   * @returns The cache and its version, or `undefined` when nothing (or an empty cache file) is stored.
   * @throws `CredentialUnavailableError` with a `CachePersistenceErrorCode` when the store cannot be read.
   */
  load(options?: PersistenceCallOptions): Promise<CacheSnapshot | undefined>;
  /**
   * Stores `data` only if the stored version still is `expectedVersion` (compare-and-swap).
   *
   * @param expectedVersion - the version from the last `load`, or `undefined` when nothing was stored.
   * @returns `{ version }` when written, `{ conflict: true }` when another writer got there first.
   * @throws `CredentialUnavailableError` with a `CachePersistenceErrorCode` when the store cannot be written.
   */
  save(
    data: string,
    expectedVersion: string | undefined,
    options?: PersistenceCallOptions,
  ): Promise<SaveResult>;
  /** Removes the stored cache; does nothing when none is stored. */
  delete(options?: PersistenceCallOptions): Promise<void>;
  /**
   * Optional cheap change detection: the version `load` would return now, without parsing.
   * Must never report an unchanged version for changed data.
   */
  version?(options?: PersistenceCallOptions): Promise<string | undefined>;
  /**
   * Optional cross-process lock: runs `fn` while no other process (and no other caller in this
   * process) holds the lock of this cache. Calls nested inside `fn` do not wait for themselves.
   */
  withLock?<T>(fn: () => Promise<T>, options?: PersistenceCallOptions): Promise<T>;
}
