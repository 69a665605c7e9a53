import { join } from "node:path";
import { systemClock } from "@entrakit/core";
import { checkCacheName } from "../cache-name";
import type { CachePersistence } from "../cache-persistence";
import { resolveCacheDirectory } from "../file/cache-directory";
import { checkMaxCacheBytes } from "../file/check-max-bytes";
import { type CacheCodec, createFileCache } from "../file/file-cache";
import type { FileBackendOptions } from "../file/file-persistence-options";
import { resolveLockOptions } from "../lock/lock-options";

/** Options of {@link createFilePersistence}. */
export type FilePersistenceOptions = FileBackendOptions;

const plaintext: CacheCodec = {
  encrypted: false,
  decode: (bytes) => ({ text: bytes.toString("utf8") }),
  encode: (text) => Buffer.from(text, "utf8"),
};

/**
 * A plaintext cache file, `~/.IdentityService/<name>` by default (Windows:
 * `%LOCALAPPDATA%\.IdentityService\<name>`): directory 0700, file 0600, replaced atomically,
 * guarded by `<file>.lockfile`. The cache path is never followed if it is a symlink. A file that
 * is not a cache is moved to `<name>.corrupt-<timestamp>` with one warning.
 *
 * Tokens are stored unencrypted; prefer the keyring or {@link createEncryptedFilePersistence}.
 *
 * @throws InvalidArgumentError for a bad `name`, `directory`, `lock` or `maxCacheBytes`.
 * @example
 * ```ts
 * const persistence = createFilePersistence({ name: "my-tool.cache" });
 * const app = new PublicClientApplication({
 *   auth: { clientId },
 *   cache: { cachePlugin: createCachePlugin(persistence) },
 * });
 * ```
 */
export function createFilePersistence(options: FilePersistenceOptions = {}): CachePersistence {
  const name = checkCacheName(options.name);
  const path = join(resolveCacheDirectory(options), name);
  return createFileCache({
    path,
    component: "FilePersistence",
    description: `file ${path}`,
    codec: plaintext,
    clock: options.clock ?? systemClock,
    lock: resolveLockOptions(options.lock),
    maxCacheBytes: checkMaxCacheBytes(options.maxCacheBytes),
  });
}
