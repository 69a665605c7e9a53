// Regression: a public first-party (FOCI) client with a persistent cache got "code spent" for a
// second resource. The cache plugin did not hand MSAL its cache when the store had not moved,
// and MSAL's acquireTokenSilent empties its memory before the plugin runs, so MSAL lost the
// refresh token it had just saved. A family refresh token another family client saved over the
// shared entry is one MSAL never uses; the credential redeems it explicitly.
import { type CachePersistence, createMemoryPersistence } from "@entrakit/cache-persistence";
import {
  defaultFamilyClientId,
  defaultPublicClientId,
  defaultTenantId,
  defaultUsername,
} from "@entrakit/dev-authority";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthorizationCodeCredential } from "../../src/authorization-code-credential";
import {
  type AuthorityFixture,
  claimsOf,
  oidcScopes,
  startAuthorityFixture,
  storageScope,
  vaultScope,
} from "../helpers/dev-authority";

let fixture: AuthorityFixture;
beforeAll(async () => {
  fixture = await startAuthorityFixture();
});
afterAll(async () => {
  await fixture?.close();
});

const redirectUri = "http://localhost:8400";

function publicClientCredential(
  persistence: CachePersistence | undefined,
  clientId = defaultPublicClientId,
) {
  const code = fixture.authority.mintCode({
    username: defaultUsername,
    scopes: [vaultScope, ...oidcScopes],
    clientId,
    redirectUri,
  });
  return new AuthorizationCodeCredential(defaultTenantId, clientId, code, redirectUri, {
    ...fixture.options(),
    ...(persistence ? { tokenCachePersistenceOptions: { persistence } } : {}),
  });
}

function storedRefreshTokenClients(stored: string | undefined): unknown[] {
  const cache = JSON.parse(stored ?? "{}") as { RefreshToken?: Record<string, object> };
  return Object.values(cache.RefreshToken ?? {}).map(
    (entry) => (entry as { client_id?: unknown }).client_id,
  );
}

describe("a family refresh token kept in a persistent cache", () => {
  it.each([
    ["without persistence", () => undefined],
    ["with a persistent cache", () => createMemoryPersistence()],
  ])(
    "serves a second resource from the refresh token %s, sending the code once",
    async (_, make) => {
      fixture.authority.clearRequestLog();
      const credential = publicClientCredential(make());
      await credential.getToken(vaultScope);
      const storage = await credential.getToken(storageScope);
      expect(claimsOf(storage.token).aud).toBe("https://storage.azure.com");
      expect(fixture.codeRedemptions()).toBe(1);
      expect(fixture.refreshRedemptions()).toBe(1);
      await credential.close();
    },
  );

  it("serves a second resource from the family token another family client saved last", async () => {
    const persistence = createMemoryPersistence();
    const credential = publicClientCredential(persistence);
    await credential.getToken(vaultScope);
    const sibling = publicClientCredential(persistence, defaultFamilyClientId);
    await sibling.getToken(vaultScope);
    // The family entry's key names no client, so the sibling's token replaced this client's.
    expect(storedRefreshTokenClients((await persistence.load())?.data)).toEqual([
      defaultFamilyClientId,
    ]);
    fixture.authority.clearRequestLog();
    const storage = await credential.getToken(storageScope);
    expect(claimsOf(storage.token).aud).toBe("https://storage.azure.com");
    expect(fixture.codeRedemptions()).toBe(0);
    expect(fixture.refreshRedemptions()).toBe(1);
    await Promise.all([credential.close(), sibling.close()]);
  });
});
