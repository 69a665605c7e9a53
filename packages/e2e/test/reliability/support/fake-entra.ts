// Credentials over testkit's FakeNetworkModule, for tests that script the authority's answers
// body by body (property tests, the soak) instead of running a real one.
import { AuthorizationCodeCredential } from "@entrakit/auth-code";
import type { CachePersistence } from "@entrakit/cache-persistence";
import { SharedTokenCacheCredential } from "@entrakit/shared-cache";
import {
  defaultClientInfo,
  FakeNetworkModule,
  type ManualClock,
  type Responder,
} from "@entrakit/testkit";

export const fakeHost = "https://login.microsoftonline.com";
/** The home tenant of testkit's default token responses. */
export const fakeTenant = defaultClientInfo.utid;
export const fakeClientId = "0b8d4a8e-1c1e-4b4f-9d53-7f0e2c6c1e11";
/** The Microsoft developer sign-on client, which SharedTokenCacheCredential uses by default. */
export const developerClientId = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
export const fakeRedirectUri = "https://app.example.test/callback";

/** A fake authority serving metadata for `tenants` and answering token requests with `token`. */
export function fakeEntra(tenants: readonly string[], token: Responder): FakeNetworkModule {
  const network = new FakeNetworkModule();
  for (const tenant of tenants) network.serveAuthorityMetadata(`${fakeHost}/${tenant}`);
  return network.on("POST", "/oauth2/v2.0/token", token);
}

/** A web-app credential over `network`, with the given code and secret. */
export function fakeAuthorizationCode(
  network: FakeNetworkModule,
  clock: ManualClock,
  secrets: { code?: string; clientSecret?: string } = {},
  extra: { additionallyAllowedTenants?: string[] } = {},
): AuthorizationCodeCredential {
  return new AuthorizationCodeCredential(
    fakeTenant,
    fakeClientId,
    secrets.clientSecret ?? "the-client-secret",
    secrets.code ?? "the-code",
    fakeRedirectUri,
    { networkModule: network, disableInstanceDiscovery: true, env: {}, clock, ...extra },
  );
}

/** A shared-cache credential reading `persistence` through `network`. */
export function fakeSharedCache(
  network: FakeNetworkModule,
  clock: ManualClock,
  persistence: CachePersistence,
  extra: { additionallyAllowedTenants?: string[] } = {},
): SharedTokenCacheCredential {
  return new SharedTokenCacheCredential({
    networkModule: network,
    disableInstanceDiscovery: true,
    env: {},
    clock,
    tokenCachePersistenceOptions: { persistence },
    ...extra,
  });
}

/**
 * A backend holding `text` as is, without checking it (the memory backend refuses non-caches
 * up front), so whatever is stored reaches the credential's own loading.
 */
export function rawPersistence(text: string): CachePersistence {
  let data = text;
  let version = 1;
  return {
    description: "raw test cache",
    encrypted: false,
    load: async () => ({ data, version: String(version) }),
    save: async (next, expected) => {
      if (expected !== String(version)) return { conflict: true };
      data = next;
      version++;
      return { version: String(version) };
    },
    delete: async () => {
      data = "";
      version++;
    },
  };
}
