// A dev authority plus the two credentials built against it the way the reliability suite
// needs them: transport timeouts short, retry waits instant (a manual clock that advances on
// every sleep), every token-endpoint attempt recorded, and a manual clock for refresh timing.
import { AuthorizationCodeCredential } from "@entrakit/auth-code";
import { type CachePersistence, createMemoryPersistence } from "@entrakit/cache-persistence";
import {
  type DevAuthority,
  type DevAuthorityOptions,
  defaultPublicClientId,
  defaultTenantId,
  defaultUsername,
  defaultWebAppClientId,
  defaultWebAppRedirectUri,
  defaultWebAppSecret,
  startDevAuthority,
} from "@entrakit/dev-authority";
import { SharedTokenCacheCredential } from "@entrakit/shared-cache";
import { ManualClock } from "@entrakit/testkit";
import type { AttemptRecord, TransportOptions } from "@entrakit/transport";

export const vaultScope = "https://vault.azure.net/.default";
export const storageScope = "https://storage.azure.com/.default";
/** The OpenID scopes MSAL adds to every code and refresh-token request. */
export const oidcScopes = ["openid", "profile", "offline_access"];
/** Each transport attempt gives up after this long; the `timeout` fault outlasts it. */
export const attemptTimeoutMs = 250;

/** A credential under test with what the suite observes of it. */
export interface ObservedCredential<C> {
  credential: C;
  /** Moves refresh decisions forward; the authority and MSAL keep real time. */
  clock: ManualClock;
  /** Every attempt the transport made, newest last. */
  attempts: AttemptRecord[];
}

/** A running authority and factories for credentials that trust it. */
export interface ReliabilityAuthority {
  authority: DevAuthority;
  /** Transport options: trust the authority, short timeouts, instant retry waits. */
  transport(attempts?: AttemptRecord[], extra?: TransportOptions): TransportOptions;
  /** A confidential web-app credential over a freshly minted code for the vault. */
  authorizationCode(extra?: {
    clientSecret?: string;
  }): ObservedCredential<AuthorizationCodeCredential>;
  /**
   * The MSAL cache a developer tool leaves after signing in (a family refresh token for the
   * default user), with its access tokens removed so nothing can be served without a request.
   */
  seededSharedCache(): Promise<string>;
  /** A shared-cache credential over `cacheText`, kept in a memory backend it writes back to. */
  sharedCache(cacheText: string): ObservedCredential<SharedTokenCacheCredential> & {
    persistence: CachePersistence;
  };
  close(): Promise<void>;
}

/** Starts the authority; close it in `afterAll`. */
export async function startReliabilityAuthority(
  options: DevAuthorityOptions = {},
): Promise<ReliabilityAuthority> {
  const authority = await startDevAuthority(options);
  const transport = (attempts: AttemptRecord[] = [], extra: TransportOptions = {}) => ({
    ca: authority.caPem,
    env: {},
    timeoutMs: attemptTimeoutMs,
    retryDelayMs: 1,
    maxRetryDelayMs: 60_000,
    // Retry waits (Retry-After included) pass at once, and their lengths stay on record.
    clock: new ManualClock({ autoAdvance: true }),
    onAttempt: (attempt: AttemptRecord) => attempts.push(attempt),
    ...extra,
  });
  const common = (attempts: AttemptRecord[], clock: ManualClock) => ({
    authorityHost: authority.url,
    disableInstanceDiscovery: true,
    env: {},
    clock,
    transportOptions: transport(attempts),
  });
  return {
    authority,
    transport,
    authorizationCode(extra = {}) {
      const attempts: AttemptRecord[] = [];
      // Starts at the real time: MSAL stamps expiries with the system clock.
      const clock = new ManualClock({ start: Date.now() });
      const code = authority.mintCode({
        username: defaultUsername,
        scopes: [vaultScope, ...oidcScopes],
        clientId: defaultWebAppClientId,
        redirectUri: defaultWebAppRedirectUri,
      });
      const credential = new AuthorizationCodeCredential(
        defaultTenantId,
        defaultWebAppClientId,
        extra.clientSecret ?? defaultWebAppSecret,
        code,
        defaultWebAppRedirectUri,
        common(attempts, clock),
      );
      return { credential, clock, attempts };
    },
    async seededSharedCache() {
      const persistence = createMemoryPersistence();
      const code = authority.mintCode({
        username: defaultUsername,
        scopes: [vaultScope, ...oidcScopes],
        clientId: defaultPublicClientId,
        redirectUri: "http://localhost",
      });
      const signIn = new AuthorizationCodeCredential(
        "organizations",
        defaultPublicClientId,
        code,
        "http://localhost",
        {
          ...common([], new ManualClock({ start: Date.now() })),
          tokenCachePersistenceOptions: { persistence },
        },
      );
      await signIn.getToken(vaultScope);
      await signIn.close();
      const stored = await persistence.load();
      if (stored === undefined) throw new TypeError("the sign-in stored no cache");
      const cache = JSON.parse(stored.data) as Record<string, unknown>;
      cache.AccessToken = {};
      return JSON.stringify(cache);
    },
    sharedCache(cacheText) {
      const attempts: AttemptRecord[] = [];
      const clock = new ManualClock({ start: Date.now() });
      const persistence = createMemoryPersistence({ initialData: cacheText });
      const credential = new SharedTokenCacheCredential({
        ...common(attempts, clock),
        tokenCachePersistenceOptions: { persistence },
      });
      return { credential, clock, attempts, persistence };
    },
    close: () => authority.close(),
  };
}

/** Token-endpoint attempts among `attempts` (MSAL's metadata requests are left out). */
export function tokenAttempts(attempts: readonly AttemptRecord[]): number {
  return attempts.filter(
    (attempt) => attempt.method === "POST" && /\/oauth2\/v2\.0\/token(\?|$)/.test(attempt.url),
  ).length;
}
