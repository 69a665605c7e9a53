/**
 * The persistence shared by the plaintext and the encrypted file backends; they differ only in
 * their codec. Versions are content hashes, computed only when first compared and memoised with
 * the bytes and their stat (dev, ino, size, mtime, ctime) so an unchanged file is neither read nor parsed again, unless it had changed
 * so recently when read that a coarse clock could hide a second write.
 */
import type { BigIntStats } from "node:fs";
import { lstat, rename, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { type Clock, formatLogLine } from "@entrakit/core";
import { cacheSnapshot } from "../cache-json/cache-snapshot";
import { parseCacheJson } from "../cache-json/parse-cache-json";
import type {
  CachePersistence,
  CacheSnapshot,
  PersistenceCallOptions,
  SaveResult,
} from "../cache-persistence";
import { cachePersistenceError, systemErrorCode } from "../errors/cache-persistence-error";
import { withFileLock } from "../lock/file-lock";
import type { ResolvedLockOptions } from "../lock/lock-options";
import { currentHold, holdsProcessLock } from "../lock/process-lock-queue";
import { logger } from "../logger";
import {
  ensureCacheDirectory,
  readCacheFile,
  refuseSymlink,
  writeCacheFileAtomic,
  writeError,
} from "./cache-file-io";
import { hashOf, knownVersion, type LazyVersion, lazyVersion } from "./lazy-version";

/** Turns stored bytes into cache text and back. */
export interface CacheCodec {
  readonly encrypted: boolean;
  /**
   * Decodes stored bytes. Returns `{ corrupt }` when they are not a cache at all (moved aside);
   * throws for failures that moving the file would not fix, such as a wrong key.
   */
  decode(bytes: Buffer): { readonly text: string } | { readonly corrupt: string };
  encode(text: string): Uint8Array;
}

/** Everything a file cache needs. */
export interface FileCacheInit {
  readonly path: string;
  readonly component: string;
  readonly description: string;
  readonly codec: CacheCodec;
  readonly clock: Clock;
  readonly lock: ResolvedLockOptions;
  readonly maxCacheBytes: number;
}

// File systems with coarse timestamps (1-2 s) can give two writes the same mtime.
const racyWindowMs = 2_000;

/** What this cache last read or wrote, and what proves it is still what the file holds. */
interface Memo {
  /** The stat the bytes were read under; `undefined` after a write of our own (rename moves ctime). */
  readonly key: string | undefined;
  /** The content's version, hashed only when first asked for; shared by memos of equal bytes. */
  readonly version: LazyVersion;
  readonly bytes: Buffer;
  /**
   * mtime and ctime were already outside the racy window when the bytes were read, so any later
   * write shows in the stat; a recent one could hide a second write in the same clock tick, and
   * the file is read again instead.
   */
  readonly settled: boolean;
  /** The lock hold the bytes were read under: while it lasts, no writer that locks can move them. */
  readonly hold: object | undefined;
  /** The bytes decoded and checked, once a load did that. */
  snapshot?: CacheSnapshot;
}

/** Creates a {@link CachePersistence} over one file. */
export function createFileCache(init: FileCacheInit): CachePersistence {
  const { path, component, codec, clock } = init;
  const lockPath = `${path}.lockfile`;
  const lockContext = { clock, options: init.lock };
  let memo: Memo | undefined;
  let directoryReady = false;

  const withLock = async <T>(
    fn: () => Promise<T>,
    options?: PersistenceCallOptions,
  ): Promise<T> => {
    let started = false;
    const run = () => {
      started = true;
      return fn();
    };
    const lock = () => withFileLock(lockPath, run, lockContext, options?.abortSignal);
    if (holdsProcessLock(lockPath)) return lock();
    if (!directoryReady) {
      await ensureCacheDirectory(dirname(path), component);
      directoryReady = true;
      return lock();
    }
    try {
      return await lock();
    } catch (error) {
      // The directory was removed after this cache made it, so the lock file could not be
      // created: make the directory again and retry, as `fn` has not run.
      if (started || !lockFileMissingDirectory(error)) throw error;
      await ensureCacheDirectory(dirname(path), component);
      return lock();
    }
  };

  const read = async (): Promise<Memo | undefined> => {
    const raw = await readCacheFile(path, init.maxCacheBytes, component);
    if (raw === undefined) {
      memo = undefined;
      return undefined;
    }
    // Comparing with the last bytes is cheaper than hashing them again.
    const previous = memo?.bytes.equals(raw.bytes) ? memo : undefined;
    memo = {
      key: statKey(raw.stats),
      version: previous ? previous.version : lazyVersion(raw.bytes),
      bytes: raw.bytes,
      settled: clock.now() - lastChangeMs(raw.stats) >= racyWindowMs,
      hold: currentHold(lockPath),
      ...(previous?.snapshot ? { snapshot: previous.snapshot } : {}),
    };
    return memo;
  };

  /** The file as it is now: the memo when its stat proves nothing changed, else a fresh read. */
  const current = async (): Promise<Memo | undefined> => {
    // Nothing to compare with: read straight away. The open refuses a symlink itself (O_NOFOLLOW,
    // or an lstat where the platform lacks it), so a first load is one open, fstat, read, close.
    if (memo === undefined) return read();
    let stats: BigIntStats;
    try {
      stats = await lstat(path, { bigint: true });
    } catch (error) {
      if (systemErrorCode(error) === "ENOENT") {
        memo = undefined;
        return undefined;
      }
      throw cachePersistenceError(
        `${component}: could not inspect the cache ${path} (${systemErrorCode(error) ?? "unknown error"}). Check the directory's permissions.`,
        "cache_read_failed",
        error,
      );
    }
    if (stats.isSymbolicLink()) await refuseSymlink(path, component);
    const trusted =
      memo !== undefined &&
      memo.key === statKey(stats) &&
      (memo.settled || (memo.hold !== undefined && memo.hold === currentHold(lockPath)));
    return trusted ? memo : read();
  };

  const quarantine = async (
    badVersion: string,
    reason: string,
    options?: PersistenceCallOptions,
  ) => {
    await withLock(async () => {
      const raw = await read();
      if (raw === undefined || raw.version.get() !== badVersion) return;
      const aside = await freeAsidePath(path, clock.now());
      try {
        await rename(path, aside);
      } catch (error) {
        throw writeError(path, error, component);
      }
      memo = undefined;
      logger.warning(
        formatLogLine(
          component,
          "load",
          "the cache could not be parsed; moved it aside and continued with an empty cache",
          {
            reason,
            movedTo: aside,
          },
        ),
      );
    }, options);
  };

  return {
    description: init.description,
    encrypted: codec.encrypted,
    async load(options) {
      for (let round = 0; round < 3; round++) {
        options?.abortSignal?.throwIfAborted();
        const file = await current();
        if (file === undefined || file.version.blank) return undefined;
        if (file.snapshot) return file.snapshot;
        const decoded = codec.decode(file.bytes);
        if ("corrupt" in decoded) {
          await quarantine(file.version.get() as string, decoded.corrupt, options);
          continue;
        }
        const parsed = parseCacheJson(decoded.text);
        if (parsed.ok) {
          file.snapshot = cacheSnapshot(
            decoded.text,
            () => file.version.get() as string,
            parsed.cache,
          );
          return file.snapshot;
        }
        await quarantine(file.version.get() as string, parsed.reason, options);
      }
      throw cachePersistenceError(
        `${component}: the cache ${path} keeps being replaced by unreadable data. Find the program that writes it.`,
        "cache_unreadable",
      );
    },
    async save(data, expectedVersion, options): Promise<SaveResult> {
      const encoded = codec.encode(data.trim() === "" ? "{}" : data);
      const bytes = Buffer.isBuffer(encoded)
        ? encoded
        : Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength);
      return withLock(async () => {
        // current() has just looked at the path (an lstat, or an O_NOFOLLOW open) and refused a
        // symlink.
        if ((await current())?.version.get() !== expectedVersion) return { conflict: true };
        await writeCacheFileAtomic(path, bytes, component, true);
        const version = hashOf(bytes);
        memo = {
          key: undefined,
          version: knownVersion(version),
          bytes,
          settled: false,
          hold: undefined,
        };
        return { version };
      }, options);
    },
    async delete(options) {
      await withLock(async () => {
        await refuseSymlink(path, component);
        await unlink(path).catch((error) => {
          if (systemErrorCode(error) !== "ENOENT") throw writeError(path, error, component);
        });
        memo = undefined;
      }, options);
    },
    version: async () => (await current())?.version.get(),
    withLock,
  };
}

function lockFileMissingDirectory(error: unknown): boolean {
  return (
    systemErrorCode(error) === "cache_lock_failed" &&
    systemErrorCode((error as { cause?: unknown }).cause) === "ENOENT"
  );
}

function lastChangeMs(stats: BigIntStats): number {
  // A writer can set mtime back (utime), but not ctime, which also moves on rename and chmod.
  return Number(stats.mtimeMs > stats.ctimeMs ? stats.mtimeMs : stats.ctimeMs);
}

function statKey(stats: BigIntStats): string {
  // ctime cannot be set back by a writer (unlike mtime), so a forged mtime still shows.
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
}

async function freeAsidePath(path: string, now: number): Promise<string> {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, "").replace(".", "");
  for (let n = 0; ; n++) {
    const candidate = `${path}.corrupt-${stamp}${n === 0 ? "" : `-${n}`}`;
    const exists = await lstat(candidate).then(
      () => true,
      () => false,
    );
    if (!exists) return candidate;
  }
}
