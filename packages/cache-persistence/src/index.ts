export {
  createEncryptedFilePersistence,
  type EncryptedFilePersistenceOptions,
} from "./backends/encrypted-file-persistence";
export { createFilePersistence, type FilePersistenceOptions } from "./backends/file-persistence";
export { createKeyringPersistence } from "./backends/keyring-persistence";
export {
  createMemoryPersistence,
  type MemoryPersistenceOptions,
} from "./backends/memory-persistence";
export {
  type CacheJson,
  type CacheParseResult,
  knownCacheSections,
  parseCacheJson,
} from "./cache-json/parse-cache-json";
export { checkCacheName, defaultCacheName } from "./cache-name";
export type {
  CachePersistence,
  CacheSnapshot,
  PersistenceCallOptions,
  SaveResult,
} from "./cache-persistence";
export {
  type CacheAccessContext,
  type CachePlugin,
  type CachePluginOptions,
  createCachePlugin,
  type SerializableTokenCache,
} from "./cache-plugin";
export { CacheLockTimeoutError, type LockHolder } from "./errors/cache-lock-timeout-error";
export {
  type CachePersistenceErrorCode,
  cachePersistenceError,
  toSafeCause,
} from "./errors/cache-persistence-error";
export { type CacheLocationOptions, resolveCacheDirectory } from "./file/cache-directory";
export type { FileBackendOptions } from "./file/file-persistence-options";
export {
  type FindSharedCacheItemsOptions,
  findSharedCacheItems,
  type SharedCacheItem,
} from "./keyring/find-shared-cache-items";
export type { KeyringPersistenceOptions } from "./keyring/keyring-persistence-options";
export {
  keytarAccountFor,
  type LibsecretItem,
  type LibsecretItemShape,
  libsecretItemFor,
  sharedCacheService,
} from "./keyring/libsecret-item";
export type { LockOptions } from "./lock/lock-options";
export { type ResolvePersistenceOptions, resolvePersistence } from "./resolve-persistence";
export type { TokenCachePersistenceOptions } from "./token-cache-persistence-options";
