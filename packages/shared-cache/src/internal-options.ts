// The credential's test seams: not part of the public options, reached through a symbol.
import type { CachePersistence } from "@entrakit/cache-persistence";
import type { MsalAppFactory } from "./msal-app";
import type { SharedTokenCacheCredentialOptions } from "./shared-token-cache-credential-options";
import type { KeyringAccess } from "./stores/keyring-access";

/** Internal seam: tests build the credential over fakes. */
export const internalOptionsKey: unique symbol = Symbol("entrakit.shared-cache.internal");

/** The seams. */
export interface InternalSeams {
  /** Builds MSAL applications (fakes in tests). */
  msalAppFactory?: MsalAppFactory;
  /** Backends by cache name, instead of the machine's files and keyring. */
  stores?: Readonly<Record<string, CachePersistence>>;
  /** The keyring; `null` reads files only. */
  keyring?: KeyringAccess | null;
  /** The platform whose conventions apply. */
  platform?: NodeJS.Platform;
}

/** Options with the seams. */
export interface InternalOptions extends SharedTokenCacheCredentialOptions {
  [internalOptionsKey]?: InternalSeams;
}
