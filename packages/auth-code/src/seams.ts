// The lower packages' option shapes, named once so the credential's options read plainly.
export type { TokenCachePersistenceOptions as CachePersistenceChoice } from "@entrakit/cache-persistence";
export type {
  NetworkModule as NetworkModuleLike,
  TransportOptions as TransportChoice,
} from "@entrakit/transport";
