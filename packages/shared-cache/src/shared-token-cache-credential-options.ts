import type { TokenCachePersistenceOptions } from "@entrakit/cache-persistence";
import type { AuthenticationRecord, Clock, MultiTenantOptions } from "@entrakit/core";
import type { NetworkModule, TransportOptions } from "@entrakit/transport";

/** Options of {@link SharedTokenCacheCredential}; the names follow `@azure/identity`. */
export interface SharedTokenCacheCredentialOptions extends MultiTenantOptions {
  /**
   * Choose the account with this username (user principal name), case-insensitively.
   * @defaultValue the only account in the cache
   */
  username?: string;
  /**
   * The tenant to get tokens from. It also chooses the account: the one whose home tenant it
   * is (or, with `enableGuestTenantAuthentication`, any account that has a profile there).
   * @defaultValue the authentication record's tenant, else `organizations`
   */
  tenantId?: string;
  /**
   * The application (client) id that redeems the cached refresh tokens. Any Microsoft
   * first-party (FOCI) app can redeem another's.
   * @defaultValue `04b07795-8ddb-461a-bbee-02f9e1bf7b46` (the developer sign-on client)
   */
  clientId?: string;
  /**
   * The authority host: a host name or an https URL. Only cached entries of this host's
   * cloud count (its aliases included).
   * @defaultValue `AZURE_AUTHORITY_HOST`, else the authentication record's host, else
   * `https://login.microsoftonline.com`
   */
  authorityHost?: string;
  /**
   * The account a previous sign-in produced (`AuthorizationCodeCredential.getAuthenticationRecord()`
   * or `@azure/identity`'s `authenticate()`): picks the account by home account id.
   */
  authenticationRecord?: AuthenticationRecord;
  /**
   * Let `tenantId` choose an account that is a guest in that tenant, not only one whose home
   * tenant it is.
   * @defaultValue false
   */
  enableGuestTenantAuthentication?: boolean;
  /**
   * Which shared cache to read. `name` is the base name (`<name>`, `<name>.nocae` and
   * `<name>.cae` are read); `unsafeAllowUnencryptedStorage: false` skips plaintext files;
   * `persistence` reads one custom backend instead. `enabled` is ignored: this credential
   * only ever reads a persistent cache, and it never creates one.
   * @defaultValue the shared `msal.cache`, from the OS keyring and plaintext files
   */
  tokenCachePersistenceOptions?: TokenCachePersistenceOptions;
  /**
   * Skip instance discovery (for private clouds and local test authorities).
   * @defaultValue false
   */
  disableInstanceDiscovery?: boolean;
  /** Logging: account identifiers stay out of logs unless allowed. */
  loggingOptions?: {
    /** Log usernames and home account ids. @defaultValue false */
    allowLoggingAccountIdentifiers?: boolean;
  };
  /** Advanced: the directory of the cache files. @defaultValue `~/.IdentityService` (Windows: `%LOCALAPPDATA%\.IdentityService`) */
  cacheDirectory?: string;
  /** Advanced: timeouts, retries, proxy and CA of the HTTP transport. */
  transportOptions?: TransportOptions;
  /** Advanced: replace the HTTP transport (MSAL's `INetworkModule` shape). */
  networkModule?: NetworkModule;
  /** Advanced: the clock token lifetimes are judged by. @defaultValue the system clock */
  clock?: Clock;
  /** Advanced: the environment, read once. @defaultValue `process.env` */
  env?: Readonly<Record<string, string | undefined>>;
}
