import type { AuthenticationRecord, Clock, MultiTenantOptions } from "@entrakit/core";
import type { ClientCertificateOptions } from "./client-authentication";
import type { CachePersistenceChoice, NetworkModuleLike, TransportChoice } from "./seams";

/** Options of {@link AuthorizationCodeCredential}; the names follow `@azure/identity`. */
export interface AuthorizationCodeCredentialOptions extends MultiTenantOptions {
  /**
   * The authority host: a host name or an https URL.
   * @defaultValue `AZURE_AUTHORITY_HOST`, else `https://login.microsoftonline.com`
   */
  authorityHost?: string;
  /**
   * Skip instance discovery (for private clouds and local test authorities). The host is then
   * trusted as given.
   * @defaultValue false
   */
  disableInstanceDiscovery?: boolean;
  /**
   * The PKCE code verifier the authorization request's `code_challenge` was made from. Pass it
   * whenever the sign-in used PKCE (see `createAuthorizationRequest`).
   */
  codeVerifier?: string;
  /**
   * The `nonce` the authorization request carried (see `createAuthorizationRequest`). MSAL
   * rejects an id token whose nonce it cannot check, so pass it whenever the sign-in sent one.
   */
  nonce?: string;
  /** Authenticate the app with a certificate instead of a secret (confidential clients). */
  clientCertificate?: ClientCertificateOptions;
  /** Authenticate the app with a signed assertion produced on demand (e.g. workload identity). */
  getClientAssertion?: () => Promise<string>;
  /**
   * The account a previous run signed in (from `getAuthenticationRecord()`): with a persistent
   * cache the credential resumes silently and never sends its (spent) code.
   */
  authenticationRecord?: AuthenticationRecord;
  /** Keep tokens in a persistent cache. @defaultValue in memory only */
  tokenCachePersistenceOptions?: CachePersistenceChoice;
  /** Logging: account identifiers stay out of logs unless allowed. */
  loggingOptions?: {
    /**
     * Name the signed-in account (username, tenant, home account id) and the client id in the
     * info line written when the code is redeemed. @defaultValue false
     */
    allowLoggingAccountIdentifiers?: boolean;
  };
  /** Advanced: timeouts, retries, proxy and CA of the HTTP transport. */
  transportOptions?: TransportChoice;
  /** Advanced: replace the HTTP transport (MSAL's `INetworkModule` shape). */
  networkModule?: NetworkModuleLike;
  /** Advanced: the clock refresh decisions use. @defaultValue the system clock */
  clock?: Clock;
  /** Advanced: the environment, read once. @defaultValue `process.env` */
  env?: Readonly<Record<string, string | undefined>>;
}
