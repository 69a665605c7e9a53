import { createHash } from "node:crypto";

/**
 * A version computed on first use. A cold load hands its snapshot over and is done; only a later
 * compare (a save's compare-and-swap, a caller's "changed since?") needs the hash, and hashing a
 * large cache costs a fair share of reading it.
 */
export interface LazyVersion {
  /** `true` for a blank file (what MSAL creates for a new cache): it holds nothing, no version. */
  readonly blank: boolean;
  get(): string | undefined;
}

/** The version of stored bytes, hashed on first use. */
export function lazyVersion(bytes: Uint8Array): LazyVersion {
  if (isBlank(bytes)) return { blank: true, get: () => undefined };
  let hash: string | undefined;
  return {
    blank: false,
    get: () => {
      hash ??= hashOf(bytes);
      return hash;
    },
  };
}

/** A version already known (of bytes this cache just wrote). */
export function knownVersion(version: string): LazyVersion {
  return { blank: false, get: () => version };
}

/** Blank files (what MSAL creates for a new cache) hold nothing. */
function isBlank(bytes: Uint8Array): boolean {
  return (
    bytes.length < 64 &&
    Buffer.from(bytes)
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trim() === ""
  );
}

/** The content hash versions are made of. */
export function hashOf(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("base64url");
}
