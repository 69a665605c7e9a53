/**
 * Every place one cache name may be stored on this machine: the plaintext file
 * `<directory>/<name>` and the keyring items of the tools that keep it there. All of them touch
 * that file when they write (keyring tools leave `{}` in it), so its metadata is a cheap change
 * signal: while it is unchanged, nothing is re-read.
 */
import type { BigIntStats } from "node:fs";
import { stat } from "node:fs/promises";
import { cachePersistenceError } from "@entrakit/cache-persistence";
import type { Clock, CredentialUnavailableError } from "@entrakit/core";
import type { CacheSource, StoreLoad, StoreSnapshot } from "./cache-store";
import type { KeyringAccess } from "./keyring-access";
import { asUnavailable, PersistenceStore } from "./persistence-store";
import { PlaintextFileStore } from "./plaintext-file-store";

// After a failure (keyring locked, file being replaced) the places are read again this soon,
// even when the marker did not move.
const retryFailuresAfterMs = 30_000;
const racyWindowMs = 2_000;

/** Options of {@link CacheNameGroup}. */
export interface CacheNameGroupOptions {
  /** The cache name, e.g. `msal.cache.nocae`. */
  name: string;
  /** Where the file (and the keyring tools' marker) lives. */
  directory: string;
  /** Read the plaintext file. */
  readPlaintext: boolean;
  /** The keyring, or `undefined` to read files only. */
  keyring: KeyringAccess | undefined;
  clock: Clock;
  maxCacheBytes?: number;
}

/** One cache name in every place it may be stored. */
export class CacheNameGroup implements CacheSource {
  readonly #options: CacheNameGroupOptions;
  readonly #file: PlaintextFileStore;
  // Keyring stores by description, kept across reloads so an unchanged item is not re-parsed.
  readonly #keyringStores = new Map<string, PersistenceStore>();
  #markerKey: string | undefined;
  #cached: StoreLoad | undefined;
  #retryAt = 0;

  constructor(options: CacheNameGroupOptions) {
    this.#options = options;
    this.#file = new PlaintextFileStore({
      directory: options.directory,
      name: options.name,
      ...(options.maxCacheBytes === undefined ? {} : { maxCacheBytes: options.maxCacheBytes }),
    });
  }

  async load(): Promise<StoreLoad> {
    const marker = await markerOf(this.#file.path);
    const cached = this.#cached;
    if (
      cached !== undefined &&
      marker.key === this.#markerKey &&
      !marker.racy &&
      (cached.failures.length === 0 || this.#options.clock.now() < this.#retryAt)
    ) {
      return cached;
    }
    const snapshots: StoreSnapshot[] = [];
    const failures: CredentialUnavailableError[] = [];
    const lookedIn: string[] = [];
    if (this.#options.readPlaintext) {
      lookedIn.push(this.#file.description);
      try {
        const snapshot = await this.#file.read();
        if (snapshot) snapshots.push(snapshot);
      } catch (error) {
        failures.push(asUnavailable(error));
      }
    }
    if (this.#options.keyring) await this.#readKeyring(snapshots, failures, lookedIn);
    const load = { snapshots, failures, lookedIn };
    this.#cached = load;
    this.#markerKey = marker.key;
    this.#retryAt = this.#options.clock.now() + retryFailuresAfterMs;
    return load;
  }

  async #readKeyring(
    snapshots: StoreSnapshot[],
    failures: CredentialUnavailableError[],
    lookedIn: string[],
  ): Promise<void> {
    const { name, keyring } = this.#options;
    let items: Awaited<ReturnType<KeyringAccess["itemsFor"]>>;
    try {
      items = (await keyring?.itemsFor(name)) ?? [];
    } catch (error) {
      lookedIn.push(`keyring items for ${name}`);
      failures.push(asUnavailable(error));
      return;
    }
    for (const item of items) {
      const description = item.persistence.description;
      lookedIn.push(description);
      let store = this.#keyringStores.get(description);
      if (!store) {
        store = new PersistenceStore(item.persistence, name);
        this.#keyringStores.set(description, store);
      }
      try {
        const snapshot = await store.read();
        if (snapshot) snapshots.push(snapshot);
        else if (item.found) {
          // The item exists, but the backend read nothing usable from it (it copies damaged
          // content aside and reports it in a warning).
          failures.push(
            cachePersistenceError(
              `SharedTokenCacheCredential: the ${description} holds no readable MSAL cache. Sign in again with the tool that wrote it.`,
              "cache_unreadable",
            ),
          );
        }
      } catch (error) {
        failures.push(asUnavailable(error));
      }
    }
  }
}

async function markerOf(path: string): Promise<{ key: string; racy: boolean }> {
  let stats: BigIntStats;
  try {
    stats = await stat(path, { bigint: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { key: `missing:${typeof code === "string" ? code : "error"}`, racy: false };
  }
  return {
    key: `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`,
    racy: Date.now() - Number(stats.mtimeMs) < racyWindowMs,
  };
}
