/**
 * An AES-256-GCM encrypted cache file for machines without a keyring (containers, WSL, SSH
 * sessions). The key comes from the caller; each cache name gets its own subkey (HKDF), so two
 * names never share one.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { join } from "node:path";
import { systemClock } from "@entrakit/core";
import { checkCacheName } from "../cache-name";
import type { CachePersistence } from "../cache-persistence";
import { cachePersistenceError } from "../errors/cache-persistence-error";
import { resolveCacheDirectory } from "../file/cache-directory";
import { checkMaxCacheBytes } from "../file/check-max-bytes";
import { type CacheCodec, createFileCache } from "../file/file-cache";
import type { FileBackendOptions } from "../file/file-persistence-options";
import { resolveLockOptions } from "../lock/lock-options";

/** Options of {@link createEncryptedFilePersistence}. */
export interface EncryptedFilePersistenceOptions extends FileBackendOptions {
  /**
   * 32 random bytes, e.g. from a secret store or a mounted secret. The file is
   * `<directory>/<name>.enc`.
   */
  key: Uint8Array;
}

const format = "entrakit.aes-256-gcm";

/**
 * A cache file encrypted with AES-256-GCM under a caller-supplied key, with the same atomic
 * writes, lock and corrupt-file handling as {@link createFilePersistence}.
 *
 * @throws TypeError when `key` is not 32 bytes; InvalidArgumentError for other bad options.
 * @example
 * ```ts
 * const key = Buffer.from(process.env.TOKEN_CACHE_KEY!, "base64"); // 32 bytes
 * const persistence = createEncryptedFilePersistence({ key, name: "my-app.cache" });
 * ```
 */
export function createEncryptedFilePersistence(
  options: EncryptedFilePersistenceOptions,
): CachePersistence {
  const key = options?.key;
  if (!(key instanceof Uint8Array) || key.length !== 32) {
    throw new TypeError(
      "EncryptedFilePersistence: key must be a Uint8Array of 32 bytes. Generate one with crypto.randomBytes(32) and keep it secret.",
    );
  }
  const name = checkCacheName(options.name);
  const path = join(resolveCacheDirectory(options), `${name}.enc`);
  const subkey = Buffer.from(
    hkdfSync("sha256", key, "entrakit.cache-persistence.v1", `aes-256-gcm:${name}`, 32),
  );
  const aad = Buffer.from(`entrakit.cache:${name}`, "utf8");
  return createFileCache({
    path,
    component: "EncryptedFilePersistence",
    description: `encrypted file ${path}`,
    codec: aesGcmCodec(subkey, aad, path),
    clock: options.clock ?? systemClock,
    lock: resolveLockOptions(options.lock),
    maxCacheBytes: checkMaxCacheBytes(options.maxCacheBytes),
  });
}

function aesGcmCodec(subkey: Buffer, aad: Buffer, path: string): CacheCodec {
  return {
    encrypted: true,
    encode(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", subkey, iv);
      cipher.setAAD(aad);
      const data = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
      const envelope = {
        format,
        v: 1,
        iv: b64(iv),
        tag: b64(cipher.getAuthTag()),
        data: b64(data),
      };
      return Buffer.from(JSON.stringify(envelope), "utf8");
    },
    decode(bytes) {
      const envelope = readEnvelope(bytes);
      if (envelope === undefined) return { corrupt: "not an entrakit encrypted cache" };
      try {
        const decipher = createDecipheriv("aes-256-gcm", subkey, envelope.iv);
        decipher.setAAD(aad);
        decipher.setAuthTag(envelope.tag);
        const text = Buffer.concat([decipher.update(envelope.data), decipher.final()]).toString(
          "utf8",
        );
        return { text };
      } catch {
        // GCM cannot tell a wrong key from tampering; either way moving the file would lose a
        // cache that the right key can still open.
        throw cachePersistenceError(
          `EncryptedFilePersistence: the cache ${path} could not be decrypted with the given key (wrong key, or the file was altered). Pass the key it was written with, or delete the file to start empty.`,
          "cache_decryption_failed",
        );
      }
    },
  };
}

function readEnvelope(bytes: Buffer): { iv: Buffer; tag: Buffer; data: Buffer } | undefined {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || value.format !== format || value.v !== 1)
    return undefined;
  const { iv, tag, data } = value;
  if (typeof iv !== "string" || typeof tag !== "string" || typeof data !== "string")
    return undefined;
  const parts = {
    iv: Buffer.from(iv, "base64url"),
    tag: Buffer.from(tag, "base64url"),
    data: Buffer.from(data, "base64url"),
  };
  return parts.iv.length === 12 && parts.tag.length === 16 ? parts : undefined;
}

function b64(bytes: Buffer): string {
  return bytes.toString("base64url");
}
