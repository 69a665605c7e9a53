/**
 * Low-level file operations on a cache path: read without following a symlink, with a size
 * limit; write atomically (temp file, fsync, rename) with mode 0600; create the directory 0700.
 */
import { randomBytes } from "node:crypto";
import { type BigIntStats, constants } from "node:fs";
import { chmod, type FileHandle, lstat, mkdir, open, rename, unlink } from "node:fs/promises";
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
 * Reads the cache file, or `undefined` when it does not exist.
 *
 * @throws `cache_path_is_symlink`, `cache_too_large` or `cache_read_failed`.
 */
export async function readCacheFile(
  path: string,
  maxBytes: number,
  component: string,
): Promise<RawCacheFile | undefined> {
  if (noFollow === 0) await refuseSymlink(path, component);
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | noFollow);
  } catch (error) {
    const code = systemErrorCode(error);
    if (code === "ENOENT") return undefined;
    if (code === "ELOOP") throw symlinkError(path, component);
    throw cachePersistenceError(
      `${component}: could not read the cache ${path} (${code ?? "unknown error"}). Check that the path is a readable file.`,
      "cache_read_failed",
      error,
    );
  }
  try {
    const stats = await handle.stat({ bigint: true });
    if (!stats.isFile()) {
      throw cachePersistenceError(
        `${component}: the cache path ${path} is not a regular file. Remove it or choose another name.`,
        "cache_read_failed",
      );
    }
    if (stats.size > BigInt(maxBytes))
      throw tooLargeError(path, Number(stats.size), maxBytes, component);
    const bytes = await readToEnd(handle, Number(stats.size), maxBytes);
    if (bytes.length > maxBytes) throw tooLargeError(path, bytes.length, maxBytes, component);
    return { bytes, stats };
  } finally {
    await handle.close();
  }
}

/**
 * Reads a file of `expected` bytes in one read, where `handle.readFile()` would stat it again and
 * read once more to see the end. A short read is taken as the end: a file rewritten in place
 * while being read yields a prefix either way, and one that is not a cache is read again under
 * the lock before it is moved aside.
 */
async function readToEnd(handle: FileHandle, expected: number, maxBytes: number): Promise<Buffer> {
  let buffer = Buffer.allocUnsafe(expected + 1);
  let length = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
    length += bytesRead;
    if (length < buffer.length || length > maxBytes) return buffer.subarray(0, length);
    // The file grew since its stat: keep reading.
    const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
    buffer.copy(grown, 0, 0, length);
    buffer = grown;
  }
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
