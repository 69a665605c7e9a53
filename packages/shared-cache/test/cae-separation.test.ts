// CAE and non-CAE access tokens never answer each other's requests; refresh tokens are read
// from every cache name; new tokens go back where they belong.
import { describe, expect, it } from "vitest";
import { buildCache } from "./helpers/cache-builder";
import { credentialWith, memoryStores, storedJson } from "./helpers/credential";
import { fakeMsalApps } from "./helpers/fake-msal-app";
import { contoso, vaultScope } from "./helpers/fixtures";

const later = Math.floor(Date.UTC(2027, 0, 1) / 1000);
const vault = (secret: string) => ({ secret, target: vaultScope, expiresOn: later });
const account = {
  username: "a@contoso.com",
  tenantId: contoso,
  uid: "00000000-0000-4000-8000-0000000000a1",
};
const home = `${account.uid}.${contoso}`;

function setUp(caches: Record<string, object>) {
  const stores = memoryStores(caches);
  const apps = fakeMsalApps((call) => ({
    accessToken: `fresh-${call.clientCapabilities.join("") || "plain"}`,
    expiresOn: new Date(Date.UTC(2026, 0, 1, 1)),
    homeAccountId: home,
    entries: {
      AccessToken: {
        [`new-at-${call.clientCapabilities.join("")}`]: { secret: "new-at", home_account_id: home },
      },
      RefreshToken: { "new-rt": { secret: "new-rt", home_account_id: home } },
    },
  }));
  const credential = credentialWith(
    { username: account.username },
    { stores, msalAppFactory: apps.factory },
  );
  return { stores, apps, credential };
}

describe("CAE separation", () => {
  it("a CAE request never gets a non-CAE token, and the reverse", async () => {
    const { credential, apps } = setUp({
      "msal.cache": buildCache([{ ...account, accessTokens: [vault("legacy-at")] }]),
      "msal.cache.cae": buildCache([
        { ...account, refreshToken: "cae-rt", accessTokens: [vault("cae-at")] },
      ]),
    });
    expect((await credential.getToken(vaultScope)).token).toBe("legacy-at");
    expect((await credential.getToken(vaultScope, { enableCae: true })).token).toBe("cae-at");
    expect(apps.calls).toEqual([]);
  });

  it("a CAE request redeems a refresh token from the legacy cache, and keeps its access token out of it", async () => {
    const { credential, apps, stores } = setUp({
      "msal.cache": buildCache([
        { ...account, refreshToken: "legacy-rt", accessTokens: [vault("legacy-at")] },
      ]),
      "msal.cache.cae": buildCache([
        { username: "other@contoso.com", uid: "00000000-0000-4000-8000-0000000000b2" },
      ]),
    });
    const token = await credential.getToken(vaultScope, { enableCae: true });
    expect(token.token).toBe("fresh-cp1");
    expect(apps.calls.map((c) => [c.refreshToken, c.clientCapabilities, c.forceCache])).toEqual([
      ["legacy-rt", ["cp1"], true],
    ]);
    const legacy = await storedJson(stores["msal.cache"]);
    expect(Object.keys(legacy.AccessToken)).not.toContain("new-at-cp1");
    expect(legacy.RefreshToken["new-rt"]).toEqual({ secret: "new-rt", home_account_id: home });
    const cae = await storedJson(stores["msal.cache.cae"]);
    expect(cae.AccessToken["new-at-cp1"]).toEqual({ secret: "new-at", home_account_id: home });
    expect(cae.RefreshToken["new-rt"]).toBeUndefined();
  });

  it("a non-CAE request redeems a refresh token from the CAE cache and writes its access token to a non-CAE cache", async () => {
    const { credential, stores } = setUp({
      "msal.cache.nocae": buildCache([
        { username: "other@contoso.com", uid: "00000000-0000-4000-8000-0000000000b2" },
      ]),
      "msal.cache.cae": buildCache([
        { ...account, refreshToken: "cae-rt", accessTokens: [vault("cae-at")] },
      ]),
    });
    expect((await credential.getToken(vaultScope, { tenantId: undefined })).token).toBe(
      "fresh-plain",
    );
    const nocae = await storedJson(stores["msal.cache.nocae"]);
    expect(nocae.AccessToken["new-at-"]).toBeDefined();
    const cae = await storedJson(stores["msal.cache.cae"]);
    expect(cae.AccessToken["new-at-"]).toBeUndefined();
    expect(cae.RefreshToken["new-rt"]).toBeDefined();
  });

  it("keeps a CAE access token only in memory when no CAE cache exists (it never creates one)", async () => {
    const { credential, stores } = setUp({
      "msal.cache": buildCache([{ ...account, refreshToken: "legacy-rt" }]),
    });
    await credential.getToken(vaultScope, { enableCae: true });
    expect(Object.keys(stores)).toEqual(["msal.cache"]);
    const legacy = await storedJson(stores["msal.cache"]);
    expect(Object.keys(legacy.AccessToken)).toEqual([]);
  });

  it("a claims challenge skips cached access tokens and is sent with the refresh token", async () => {
    const { credential, apps } = setUp({
      "msal.cache": buildCache([{ ...account, accessTokens: [vault("legacy-at")] }]),
    });
    const claims = '{"access_token":{"nbf":{"essential":true,"value":"1767225600"}}}';
    expect((await credential.getToken(vaultScope, { claims })).token).toBe("fresh-plain");
    expect(apps.calls[0]?.claims).toBe(claims);
  });
});
