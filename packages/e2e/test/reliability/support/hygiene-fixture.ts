// The hygiene suite's fixture: a dev authority with a confidential app whose secret is
// planted, credentials built against it, and a record of every code and token it issued.
import { randomUUID } from "node:crypto";
import { AuthorizationCodeCredential } from "@entrakit/auth-code";
import { type CachePersistence, createMemoryPersistence } from "@entrakit/cache-persistence";
import { type DevAuthority, defaultPublicClientId, defaultTenantId } from "@entrakit/dev-authority";
import { SharedTokenCacheCredential } from "@entrakit/shared-cache";
import { ManualClock } from "@entrakit/testkit";
import { createNetworkModule, type TransportOptions } from "@entrakit/transport";
import { recordingNetwork } from "./recording-network";
import { oidcScopes, vaultScope } from "./reliability-authority";

const redirectUri = "https://hygiene.example.test/callback";

/** What the fixture needs: the authority, the app's planted secret, where issued values go. */
export interface HygieneSetup {
  authority: DevAuthority;
  clientId: string;
  clientSecret: string;
  issued: string[];
}

/** Registers the app and returns the factories the scenarios use. */
export function hygieneFixture({ authority, clientId, clientSecret, issued }: HygieneSetup) {
  authority.registerApp({ clientId, clientSecret, redirectUris: [redirectUri] });

  function transport(extra: TransportOptions = {}) {
    const options: TransportOptions = {
      ca: authority.caPem,
      env: {},
      timeoutMs: 250,
      retryDelayMs: 1,
      maxRetryDelayMs: 5,
      ...extra,
    };
    return recordingNetwork(createNetworkModule(options), issued);
  }

  function newUser(): string {
    const username = `hygiene-${randomUUID()}@contoso.test`;
    authority.registerUser({ username });
    return username;
  }

  function mint(username: string, client = clientId, redirect = redirectUri): string {
    const code = authority.mintCode({
      username,
      scopes: [vaultScope, ...oidcScopes],
      clientId: client,
      redirectUri: redirect,
    });
    issued.push(code);
    return code;
  }

  function webApp(code: string, extra: { secret?: string; transport?: TransportOptions } = {}) {
    const clock = new ManualClock({ start: Date.now() });
    const credential = new AuthorizationCodeCredential(
      defaultTenantId,
      clientId,
      extra.secret ?? clientSecret,
      code,
      redirectUri,
      {
        authorityHost: authority.url,
        disableInstanceDiscovery: true,
        env: {},
        clock,
        networkModule: transport(extra.transport),
      },
    );
    return { credential, clock };
  }

  /** A developer tool's cache for `username`, signed in through the dev authority. */
  async function signedInCache(username: string): Promise<string> {
    const persistence = createMemoryPersistence();
    const signIn = new AuthorizationCodeCredential(
      "organizations",
      defaultPublicClientId,
      mint(username, defaultPublicClientId, "http://localhost"),
      "http://localhost",
      {
        authorityHost: authority.url,
        disableInstanceDiscovery: true,
        env: {},
        networkModule: transport(),
        tokenCachePersistenceOptions: { persistence },
      },
    );
    await signIn.getToken(vaultScope);
    await signIn.close();
    const cache = JSON.parse((await persistence.load())?.data ?? "{}") as Record<string, unknown>;
    cache.AccessToken = {};
    return JSON.stringify(cache);
  }

  function sharedCache(
    persistence: CachePersistence,
    extra: { username?: string; transport?: TransportOptions } = {},
  ) {
    const clock = new ManualClock({ start: Date.now() });
    const credential = new SharedTokenCacheCredential({
      authorityHost: authority.url,
      disableInstanceDiscovery: true,
      env: {},
      clock,
      networkModule: transport(extra.transport),
      tokenCachePersistenceOptions: { persistence },
      ...(extra.username ? { username: extra.username } : {}),
    });
    return { credential, clock };
  }

  return { transport, newUser, mint, webApp, signedInCache, sharedCache };
}
