// The public shape of a running authority: where it listens, its CA, and the control methods
// tests use instead of a browser or the clock.
import type { AppRegistration } from "./app-registration.js";
import type { FaultInjection, PendingFault } from "./fault-injector.js";
import type { RefreshTokenFilter } from "./grant-store.js";
import type { RequestFilter, RequestLogEntry } from "./request-log.js";
import type { TenantRegistration } from "./tenant-registration.js";
import type { TokenLifetimes } from "./token-lifetimes.js";
import type { UserRegistration } from "./user-registration.js";

/** Options for {@link DevAuthorityControls.mintCode}. */
export interface MintCodeOptions {
  /** The user who "signed in". */
  username: string;
  /** Scopes, as an array or a space-separated string (as the `scope` parameter). */
  scopes: string | readonly string[];
  /**
   * The client the code is issued to.
   * @defaultValue {@link defaultPublicClientId}
   */
  clientId?: string;
  /**
   * Redirect URI the code is bound to; the token request must send the same one.
   * @defaultValue the app's first registered redirect URI
   */
  redirectUri?: string;
  /**
   * Tenant (id, domain, `common`, `organizations`, `consumers`) the sign-in happened at.
   * @defaultValue the user's home tenant
   */
  tenant?: string;
  /** PKCE challenge; the token request must then send the matching `code_verifier`. */
  codeChallenge?: string;
  /**
   * PKCE method.
   * @defaultValue `"S256"`
   */
  codeChallengeMethod?: "S256" | "plain";
  /** Carried into the id token's `nonce` claim. */
  nonce?: string;
  /** Client capabilities declared at sign-in (e.g. `["cp1"]` for CAE). */
  clientCapabilities?: readonly string[];
}

/** A user's identity in one tenant. */
export interface DevUserTenantProfile {
  readonly tenantId: string;
  readonly objectId: string;
  readonly isGuest: boolean;
}

/** A registered user as the authority sees it. */
export interface DevUser {
  readonly username: string;
  readonly displayName: string;
  readonly homeTenantId: string;
  /** MSAL's home account id: `<home object id>.<home tenant id>` (`uid.utid`). */
  readonly homeAccountId: string;
  /** One profile per tenant, home first. */
  readonly tenants: readonly DevUserTenantProfile[];
}

/** Test controls of a running authority; also served as JSON under `/_control/`. */
export interface DevAuthorityControls {
  /**
   * Adds or replaces a tenant.
   * @throws `TypeError` for a malformed registration; `RangeError` for a domain another tenant owns.
   */
  registerTenant(tenant: TenantRegistration): void;
  /**
   * Adds or replaces an app.
   * @throws `TypeError` for a malformed registration.
   */
  registerApp(app: AppRegistration): void;
  /**
   * Adds or replaces a user.
   * @throws `TypeError` for a malformed registration; `RangeError` for an unknown tenant.
   */
  registerUser(user: UserRegistration): DevUser;
  /** A registered user, or `undefined`. */
  getUser(username: string): DevUser | undefined;
  /**
   * Issues an authorization code as if `username` had signed in, without a browser.
   * @throws `TypeError`/`RangeError` naming the option that is missing or unknown.
   */
  mintCode(options: MintCodeOptions): string;
  /**
   * Changes token lifetimes globally, or for one app with `options.clientId`.
   * @throws `TypeError`/`RangeError` for an unknown key or an invalid number of seconds.
   */
  setTokenLifetimes(lifetimes: TokenLifetimes, options?: { clientId?: string }): void;
  /** Makes a code expire now (next redemption: AADSTS70008). False when unknown. */
  expireCode(code: string): boolean;
  /** Makes a refresh token expire now (next redemption: AADSTS70008). False when unknown. */
  expireRefreshToken(refreshToken: string): boolean;
  /** Expires every refresh token of a user and/or client (all when no filter); returns how many. */
  expireRefreshTokens(filter?: RefreshTokenFilter): number;
  /**
   * Revokes every session of the user (CAE): earlier codes and refresh tokens are refused with
   * AADSTS50173 (`interaction_required` plus `claims` for `cp1` clients that did not send the
   * challenge), and `/me` challenges earlier `cp1` access tokens.
   * @returns the claims challenge (JSON) a client must send to satisfy the revocation.
   * @throws `RangeError` when the user is unknown.
   */
  revokeSessions(username: string): string;
  /** The claims challenge of the user's latest revocation, or `undefined`. */
  claimsChallenge(username: string): string | undefined;
  /**
   * Fails the next `count` matching requests.
   * @returns the fault id.
   * @throws `TypeError`/`RangeError` for an invalid fault.
   */
  injectFault(fault: FaultInjection): string;
  /** Faults still armed. */
  listFaults(): PendingFault[];
  /** Disarms one fault, or all. */
  clearFaults(id?: string): void;
  /** The request log, oldest first; secret values are redacted. */
  requestLog(filter?: RequestFilter): RequestLogEntry[];
  /** How many logged requests match, e.g. `{ grantType: "refresh_token" }`. */
  countRequests(filter?: RequestFilter): number;
  /** Empties the request log. */
  clearRequestLog(): void;
  /** Forgets everything issued and logged, and restores the registrations from the options. */
  reset(): void;
}

/** A running dev authority. Close it with `close()` or `await using`. */
export interface DevAuthority extends DevAuthorityControls {
  /** Base URL, e.g. `https://127.0.0.1:50123`. */
  readonly url: string;
  /** `127.0.0.1:<port>`, for MSAL's `knownAuthorities`. */
  readonly host: string;
  readonly port: number;
  /** The TLS certificate (self-signed, a CA) in PEM: pass it as `ca` or via `NODE_EXTRA_CA_CERTS`. */
  readonly caPem: string;
  /**
   * Authority URL for a tenant, e.g. `https://127.0.0.1:50123/<tenant>`.
   * @param tenant - id, domain, `common`, `organizations` or `consumers`; default {@link defaultTenantId}
   * @throws `TypeError` for a tenant that cannot be a path segment.
   */
  authorityUrl(tenant?: string): string;
  /**
   * Writes {@link DevAuthority.caPem} to a file and returns the path.
   * @throws `TypeError` when `path` is not a non-empty string.
   */
  writeCaFile(path: string): Promise<string>;
  /** Stops listening and drops open connections. Idempotent. */
  close(): Promise<void>;
  /** Same as `close()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}
