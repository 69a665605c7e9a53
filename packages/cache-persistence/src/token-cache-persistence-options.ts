import type { CachePersistence } from "./cache-persistence";

/**
 * How a credential persists its token cache, as `@azure/identity` names it, plus a custom
 * backend. With nothing set, the cache lives in memory only.
 */
export interface TokenCachePersistenceOptions {
  /**
   * Persist the cache outside the process.
   * @defaultValue `false`
   */
  enabled?: boolean;
  /**
   * The cache name; every backend derives its key (file path, keyring item) from it.
   * @defaultValue `"msal.cache"`, the cache shared with Microsoft developer tools
   */
  name?: string;
  /**
   * Store the cache as a plaintext file (mode 0600) when no OS keyring is usable.
   * @defaultValue `false`
   */
  unsafeAllowUnencryptedStorage?: boolean;
  /** A backend to use instead of the platform's keyring, e.g. an encrypted file or Redis. */
  persistence?: CachePersistence;
}
