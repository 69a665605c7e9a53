/**
 * The persistence shared by the plaintext and the encrypted file backends; they differ only in
 * their codec. Versions are content hashes, memoised by (dev, ino, size, mtime) so an unchanged
 * file is not re-read, except while its mtime is recent enough that a coarse clock could hide a
 * second write.
 */
import { createHash } from "node:crypto";
import type { BigIntStats } from "node:fs";
import { lstat, rename, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { type Clock, formatLogLine } from "@entrakit/core";
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
import { logger } from "../logger";
import {
  ensureCacheDirectory,
  readCacheFile,
  refuseSymlink,
  writeCacheFileAtomic,
  writeError,
} from "./cache-file-io";

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

/** Creates a {@link CachePersistence} over one file. */
export function createFileCache(init: FileCacheInit): CachePersistence {
  const { path, component, codec, clock } = init;
  const lockPath = `${path}.lockfile`;
  const lockContext = { clock, options: init.lock };
  let memo: { key: string; version: string | undefined } | undefined;

  const withLock = async <T>(
    fn: () => Promise<T>,
    options?: PersistenceCallOptions,
  ): Promise<T> => {
    await ensureCacheDirectory(dirname(path), component);
    return withFileLock(lockPath, fn, lockContext, options?.abortSignal);
  };

  const read = async () => {
    const raw = await readCacheFile(path, init.maxCacheBytes, component);
    memo = raw ? { key: statKey(raw.stats), version: versionOf(raw.bytes) } : undefined;
    return raw;
  };

  const currentVersion = async (): Promise<string | undefined> => {
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
    if (memo?.key === statKey(stats) && Date.now() - Number(stats.mtimeMs) >= racyWindowMs) {
      return memo.version;
    }
    const raw = await read();
    return raw === undefined ? undefined : versionOf(raw.bytes);
  };

  const quarantine = async (
    badVersion: string,
    reason: string,
    options?: PersistenceCallOptions,
  ) => {
    await withLock(async () => {
      const raw = await read();
      if (raw === undefined || versionOf(raw.bytes) !== badVersion) return;
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
        const raw = await read();
        const version = raw && versionOf(raw.bytes);
        if (raw === undefined || version === undefined) return undefined;
        const decoded = codec.decode(raw.bytes);
        const reason = "corrupt" in decoded ? decoded.corrupt : whyUnusable(decoded.text);
        if (reason === undefined && "text" in decoded)
          return { data: decoded.text, version } satisfies CacheSnapshot;
        await quarantine(version, reason ?? "unreadable", options);
      }
      throw cachePersistenceError(
        `${component}: the cache ${path} keeps being replaced by unreadable data. Find the program that writes it.`,
        "cache_unreadable",
      );
    },
    async save(data, expectedVersion, options): Promise<SaveResult> {
      const bytes = codec.encode(data.trim() === "" ? "{}" : data);
      return withLock(async () => {
        if ((await currentVersion()) !== expectedVersion) return { conflict: true };
        const stats = await writeCacheFileAtomic(path, bytes, component);
        const version = hashOf(bytes);
        memo = { key: statKey(stats), version };
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
    version: () => currentVersion(),
    withLock,
  };
}

function whyUnusable(text: string): string | undefined {
  const parsed = parseCacheJson(text);
  return parsed.ok ? undefined : parsed.reason;
}

function statKey(stats: BigIntStats): string {
  // ctime cannot be set back by a writer (unlike mtime), so a forged mtime still shows.
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
}

/** The version of stored bytes; blank files (what MSAL creates for a new cache) hold nothing. */
function versionOf(bytes: Uint8Array): string | undefined {
  if (
    bytes.length < 64 &&
    Buffer.from(bytes)
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trim() === ""
  ) {
    return undefined;
  }
  return hashOf(bytes);
}

function hashOf(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("base64url");
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
