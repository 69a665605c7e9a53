/**
 * A plaintext cache file another tool wrote, read without side effects: a file that does not
 * parse is reported, never moved aside or rewritten (it may be half-written by its owner right
 * now). Writes go through cache-persistence's file backend (lock, atomic replace).
 */
import type { BigIntStats } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import {
  cachePersistenceError,
  createFilePersistence,
  parseCacheJson,
} from "@entrakit/cache-persistence";
import type { CacheEntries } from "../cache/cache-entries";
import { indexCache } from "../cache/cache-index";
import { type CacheStore, kindOfCacheName, type StoreSnapshot } from "./cache-store";
import { mergeIntoPersistence } from "./merge-into-persistence";

/** The largest cache file read (as cache-persistence's default). */
export const defaultMaxCacheBytes = 32 * 1024 * 1024;

// File systems with coarse timestamps can give two writes within this window the same mtime.
const racyWindowMs = 2_000;

/** Options of {@link PlaintextFileStore}. */
export interface PlaintextFileStoreOptions {
  /** The directory, e.g. `~/.IdentityService`. */
  directory: string;
  /** The cache name, the file's name. */
  name: string;
  /** @defaultValue {@link defaultMaxCacheBytes} */
  maxCacheBytes?: number;
}

/**
 * One plaintext cache file: `<directory>/<name>`. A re-read file is parsed again only when its
 * bytes differ from the last ones read; those are kept for the comparison (memcmp), which a cold
 * read does not pay for, unlike a content hash.
 */
export class PlaintextFileStore implements CacheStore {
  readonly description: string;
  readonly name: string;
  readonly kind;
  readonly path: string;
  readonly #options: PlaintextFileStoreOptions;
  #statKey: string | undefined;
  #last: StoreSnapshot | undefined;
  #lastBytes: Buffer | undefined;
  #generation = 0;

  constructor(options: PlaintextFileStoreOptions) {
    this.#options = options;
    this.name = options.name;
    this.kind = kindOfCacheName(options.name);
    this.path = `${options.directory.replace(/[\\/]+$/, "")}/${options.name}`;
    this.description = `file ${this.path}`;
  }

  /**
   * The file's cache, or `undefined` when there is no file or it holds no tokens (keyring
   * tools leave `{}` here to signal changes; that is not a cache to read or write).
   *
   * @throws CredentialUnavailableError `cache_read_failed`, `cache_too_large` or
   * `cache_unreadable` (not JSON, or not an MSAL cache).
   */
  async read(): Promise<StoreSnapshot | undefined> {
    let stats: BigIntStats;
    try {
      stats = await stat(this.path, { bigint: true });
    } catch (error) {
      if ((error as { code?: unknown }).code === "ENOENT") return this.#remember(undefined, "");
      throw this.#readError(error);
    }
    const maxBytes = this.#options.maxCacheBytes ?? defaultMaxCacheBytes;
    if (!stats.isFile()) throw this.#readError(new Error("not a regular file"));
    if (stats.size > BigInt(maxBytes)) {
      throw cachePersistenceError(
        `SharedTokenCacheCredential: the cache ${this.path} is larger than ${maxBytes} bytes and was not read. Delete it, or sign in again with the tool that wrote it.`,
        "cache_too_large",
      );
    }
    const key = `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
    const racy = Date.now() - Number(stats.mtimeMs) < racyWindowMs;
    if (key === this.#statKey && !racy) return this.#last;
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch (error) {
      if ((error as { code?: unknown }).code === "ENOENT") return this.#remember(undefined, "");
      throw this.#readError(error);
    }
    if (this.#last && this.#lastBytes?.equals(bytes)) {
      return this.#remember(this.#last, key, this.#lastBytes);
    }
    const parsed = parseCacheJson(bytes.toString("utf8"));
    if (!parsed.ok) {
      throw cachePersistenceError(
        `SharedTokenCacheCredential: the cache ${this.path} is not a serialized MSAL cache (${parsed.reason}); it was left as it is. If another tool is writing it, retry; otherwise sign in again with that tool or delete the file.`,
        "cache_unreadable",
      );
    }
    const index = indexCache(parsed.cache);
    if (!index.holdsTokens) return this.#remember(undefined, key);
    // Versions only need to differ between contents this store has read.
    this.#generation++;
    const snapshot = { store: this, version: `${key}#${this.#generation}`, index };
    return this.#remember(snapshot, key, bytes);
  }

  merge(entries: CacheEntries): Promise<boolean> {
    const persistence = createFilePersistence({
      directory: this.#options.directory,
      name: this.name,
      ...(this.#options.maxCacheBytes === undefined
        ? {}
        : { maxCacheBytes: this.#options.maxCacheBytes }),
    });
    return mergeIntoPersistence(persistence, entries);
  }

  #remember(
    snapshot: StoreSnapshot | undefined,
    statKey: string,
    bytes?: Buffer,
  ): StoreSnapshot | undefined {
    this.#last = snapshot;
    this.#lastBytes = bytes;
    this.#statKey = statKey === "" ? undefined : statKey;
    return snapshot;
  }

  #readError(error: unknown) {
    const code = (error as { code?: unknown }).code;
    return cachePersistenceError(
      `SharedTokenCacheCredential: the cache ${this.path} could not be read (${typeof code === "string" ? code : "not a file"}). Check its permissions.`,
      "cache_read_failed",
      error,
    );
  }
}
