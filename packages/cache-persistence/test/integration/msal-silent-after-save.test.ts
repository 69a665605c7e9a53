// MSAL's acquireTokenSilent empties its in-memory cache before calling the plugin, then restores
// it from the text the plugin last passed to deserialize. A plugin that hands MSAL nothing when
// the store has not moved since its own save leaves MSAL without the refresh token it saved.
import { PublicClientApplication } from "@azure/msal-node";
import { FakeNetworkModule, type RecordedRequest, tokenResponse } from "@entrakit/testkit";
import { describe, expect, it, vi } from "vitest";
import { type CachePersistence, createCachePlugin, createMemoryPersistence } from "../../src/index";

const tenant = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
const authority = `https://login.microsoftonline.com/${tenant}`;
// Azure CLI's client id: a public first-party client in FOCI family "1".
const familyClientId = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
const plainClientId = "00000000-0000-4000-8000-00000000c11e";
const vault = "https://vault.azure.net/.default";
const storage = "https://storage.azure.com/.default";

/** A public client over `persistence` whose authority issues refresh token `rt-<n>` for request n. */
function client(clientId: string, persistence: CachePersistence, saveErrors?: "log") {
  const network = new FakeNetworkModule()
    .serveAuthorityMetadata(authority)
    .on("POST", "/oauth2/v2.0/token", (request: RecordedRequest) =>
      tokenResponse({
        scope: request.form.scope ?? "",
        clientId,
        foci: clientId === familyClientId,
        refreshToken: `rt-${clientId}-${request.index}`,
      }),
    );
  const app = new PublicClientApplication({
    auth: { clientId, authority },
    cache: { cachePlugin: createCachePlugin(persistence, saveErrors ? { saveErrors } : {}) },
    system: { networkClient: network },
  });
  const signIn = async () => {
    const result = await app.acquireTokenByCode({
      code: "code",
      redirectUri: "http://localhost",
      scopes: [vault],
    });
    if (!result.account) throw new Error("the sign-in returned no account");
    return result.account;
  };
  const redeemed = () =>
    network.requests
      .filter((request) => request.form.grant_type === "refresh_token")
      .map((request) => request.form.refresh_token);
  return { app, signIn, redeemed };
}

async function storedRefreshTokens(persistence: CachePersistence) {
  const stored = JSON.parse((await persistence.load())?.data ?? "{}");
  return Object.values(stored.RefreshToken ?? {}) as { client_id: string; secret: string }[];
}

describe("acquireTokenSilent after the plugin saved the cache itself", () => {
  it("redeems the refresh token a family (FOCI) client saved", async () => {
    const persistence = createMemoryPersistence();
    const { app, signIn, redeemed } = client(familyClientId, persistence);
    const account = await signIn();
    const [saved] = await storedRefreshTokens(persistence);
    expect(saved?.secret).toMatch(/^rt-/);

    const result = await app.acquireTokenSilent({ account, scopes: [storage] });

    expect(result.scopes).toContain(storage);
    expect(redeemed()).toEqual([saved?.secret]);
    expect(Object.keys(JSON.parse(app.getTokenCache().serialize()).RefreshToken)).toHaveLength(1);
  });

  it("redeems the refresh token a client outside any family saved into a shared cache", async () => {
    const persistence = createMemoryPersistence();
    await client(familyClientId, persistence).signIn();
    const { app, signIn, redeemed } = client(plainClientId, persistence);
    const account = await signIn();
    const saved = (await storedRefreshTokens(persistence)).find(
      (rt) => rt.client_id === plainClientId,
    );
    expect(saved?.secret).toMatch(/^rt-/);

    await app.acquireTokenSilent({ account, scopes: [storage] });

    expect(redeemed()).toEqual([saved?.secret]);
  });

  it("keeps a change it could not save through MSAL's reload, and other writers' entries", async () => {
    const persistence = createMemoryPersistence();
    await client(familyClientId, persistence).signIn();
    const { app, signIn, redeemed } = client(plainClientId, persistence, "log");
    const save = vi
      .spyOn(persistence, "save")
      .mockRejectedValueOnce(Object.assign(new Error("store down"), { code: "cache_unavailable" }));
    const account = await signIn();
    expect(save).toHaveBeenCalledTimes(1);
    expect((await storedRefreshTokens(persistence)).map((rt) => rt.client_id)).toEqual([
      familyClientId,
    ]);

    await app.acquireTokenSilent({ account, scopes: [storage] });

    expect(redeemed()).toHaveLength(1);
    const stored = (await storedRefreshTokens(persistence)).map((rt) => rt.client_id);
    expect(stored.sort()).toEqual([familyClientId, plainClientId].sort());
  });
});
