/**
 * Low-level file operations on a cache path: read without following a symlink, with a size
 * limit; write atomically (temp file, fsync, rename) with mode 0600; create the directory 0700.
 */
import { randomBytes } from "node:crypto";
import fs, { type BigIntStats, constants } from "node:fs";
import { chmod, lstat, mkdir, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { cachePersistenceError, systemErrorCode } from "../errors/cache-persistence-error";

/** The bytes of a cache file and the stat they were read under. */
export interface RawCacheFile {
  readonly bytes: Buffer;
  readonly stats: BigIntStats;
}

// Windows has no O_NOFOLLOW; there the symlink check is an lstat before opening.
const noFollow = constants.O_NOFOLLOW ?? 0;

/**
 * Reads the cache file, or `undefined` when it does not exist. Where the platform has O_NOFOLLOW
 * the open itself refuses a symlink, so a first read costs what `fs.readFile` does (open, fstat,
 * read, close) and no separate lstat.
 *
 * @throws `cache_path_is_symlink`, `cache_too_large` or `cache_read_failed`.
 */
export async function readCacheFile(
  path: string,
  maxBytes: number,
  component: string,
): Promise<RawCacheFile | undefined> {
  if (noFollow === 0) await refuseSymlink(path, component);
  try {
    return await readNoFollow(path, maxBytes);
  } catch (error) {
    if (error instanceof ReadRefusal) {
      if (error.reason === "not_a_file") {
        throw cachePersistenceError(
          `${component}: the cache path ${path} is not a regular file. Remove it or choose another name.`,
          "cache_read_failed",
        );
      }
      throw tooLargeError(path, error.size, maxBytes, component);
    }
    const code = systemErrorCode(error);
    if (code === "ENOENT") return undefined;
    if (code === "ELOOP") throw symlinkError(path, component);
    throw cachePersistenceError(
      `${component}: could not read the cache ${path} (${code ?? "unknown error"}). Check that the path is a readable file.`,
      "cache_read_failed",
      error,
    );
  }
}

/** Why a read stopped before handing over bytes (turned into the component's error by the caller). */
class ReadRefusal extends Error {
  constructor(
    readonly reason: "not_a_file" | "too_large",
    readonly size: number,
  ) {
    super(reason);
  }
}

/**
 * Opens (never following a symlink where the platform can refuse one), fstats and reads the
 * file in one promise over the callback API: a `FileHandle` costs an object, a promise per step
 * and a close promise, which on a small cache is as much as the read itself. The file is read in
 * one call of its size + 1, where `fs.readFile` reads once more to see the end. A short read is
 * taken as the end: a file rewritten in place while being read yields a prefix either way, and one
 * that is not a cache is read again under the lock before it is moved aside.
 */
function readNoFollow(path: string, maxBytes: number): Promise<RawCacheFile> {
  return new Promise((resolve, reject) => {
    fs.open(path, constants.O_RDONLY | noFollow, (openError, fd) => {
      if (openError) {
        reject(openError);
        return;
      }
      // Closes the descriptor before settling, as `fs.readFile` does.
      const finish = (error: unknown, result?: RawCacheFile) => {
        fs.close(fd, () => (error === undefined ? resolve(result as RawCacheFile) : reject(error)));
      };
      fs.fstat(fd, { bigint: true }, (statError, stats) => {
        if (statError) return finish(statError);
        if (!stats.isFile()) return finish(new ReadRefusal("not_a_file", 0));
        const size = Number(stats.size);
        if (size > maxBytes) return finish(new ReadRefusal("too_large", size));
        let buffer = Buffer.allocUnsafe(size + 1);
        let length = 0;
        const readMore = (): void => {
          fs.read(fd, buffer, length, buffer.length - length, length, (readError, bytesRead) => {
            if (readError) return finish(readError);
            length += bytesRead;
            if (length > maxBytes) return finish(new ReadRefusal("too_large", length));
            if (length < buffer.length)
              return finish(undefined, { bytes: buffer.subarray(0, length), stats });
            // The file grew since its stat: keep reading.
            const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
            buffer.copy(grown, 0, 0, length);
            buffer = grown;
            readMore();
          });
        };
        readMore();
      });
    });
  });
}

/**
 * Replaces the cache file with `bytes`: a temp file in the same directory (mode 0600, exclusive
 * create), fsync, then rename, so readers see the old or the new file and never half of one.
 *
 * @param symlinkChecked - the caller has just seen that `path` is not a symlink (saves an lstat).
 * @throws `cache_path_is_symlink` or `cache_write_failed`.
 */
export async function writeCacheFileAtomic(
  path: string,
  bytes: Uint8Array,
  component: string,
  symlinkChecked = false,
): Promise<void> {
  if (!symlinkChecked) await refuseSymlink(path, component);
  const temp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`,
  );
  try {
    const handle = await open(
      temp,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | noFollow,
      0o600,
    );
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameReplacing(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw writeError(path, error, component);
  }
}

/** Creates the cache directory with mode 0700 when missing (an existing one is left as it is). */
export async function ensureCacheDirectory(directory: string, component: string): Promise<void> {
  try {
    const created = await mkdir(directory, { recursive: true, mode: 0o700 });
    // mkdir applies the umask; set the mode exactly on what we created.
    if (created !== undefined && process.platform !== "win32") await chmod(directory, 0o700);
  } catch (error) {
    throw writeError(directory, error, component);
  }
}

/** Throws `cache_path_is_symlink` when `path` is a symbolic link. */
export async function refuseSymlink(path: string, component: string): Promise<void> {
  const stats = await lstat(path).catch(() => undefined);
  if (stats?.isSymbolicLink()) throw symlinkError(path, component);
}

/** The `cache_write_failed` error for `path`. */
export function writeError(path: string, error: unknown, component: string) {
  if ((error as { code?: unknown })?.code === "cache_path_is_symlink") return error as Error;
  const code = systemErrorCode(error) ?? "unknown error";
  return cachePersistenceError(
    `${component}: could not write the cache at ${path} (${code}). Check that the directory exists and is writable by this user, or choose another directory.`,
    "cache_write_failed",
    error,
  );
}

async function renameReplacing(from: string, to: string): Promise<void> {
  // Windows refuses to replace a file another process has open; such handles are short-lived.
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = systemErrorCode(error);
      if (
        process.platform !== "win32" ||
        attempt >= 10 ||
        !(code === "EPERM" || code === "EBUSY" || code === "EACCES")
      ) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 10 * (attempt + 1)));
    }
  }
}

function symlinkError(path: string, component: string) {
  return cachePersistenceError(
    `${component}: the cache path ${path} is a symbolic link, which is never followed. Remove the link; the cache is created in its place.`,
    "cache_path_is_symlink",
  );
}

function tooLargeError(path: string, size: number, maxBytes: number, component: string) {
  return cachePersistenceError(
    `${component}: the cache ${path} is ${size} bytes, more than maxCacheBytes (${maxBytes}). Delete or move the file, or raise maxCacheBytes.`,
    "cache_too_large",
  );
}
