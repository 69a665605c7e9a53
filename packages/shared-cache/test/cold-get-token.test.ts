// A new credential's first getToken is served straight from the shared cache's parsed JSON
// (MSAL is built only to redeem a refresh token), reading only the chosen account's entries.
// These pin the rules that decide whether a cached access token may be served, end to end: any
// token that does not fit goes to the refresh token instead, and the choice of account is the
// same as when every account is listed.
import { describe, expect, it } from "vitest";
import { type AccessTokenSpec, type AccountSpec, buildCache } from "./helpers/cache-builder";
import { credentialWith, memoryStores } from "./helpers/credential";
import { fakeMsalApps } from "./helpers/fake-msal-app";
import { contoso, fabrikam, vaultScope } from "./helpers/fixtures";

const now = Date.UTC(2026, 0, 1);
const inSeconds = (ms: number) => Math.floor((now + ms) / 1000);
const hour = 3_600_000;
const target =
  "https://vault.azure.net/user_impersonation https://vault.azure.net/.default openid profile offline_access";
const vault = (secret: string, extra: Partial<AccessTokenSpec> = {}): AccessTokenSpec => ({
  secret,
  target,
  expiresOn: inSeconds(2 * hour),
  ...extra,
});
const alice: AccountSpec = { username: "alice@contoso.com", tenantId: contoso };

/** A credential choosing `username` from `accounts`; redemptions answer `fresh`. */
function setUp(accounts: AccountSpec[], options: { username?: string; tenantId?: string } = {}) {
  const apps = fakeMsalApps(() => ({ accessToken: "fresh", expiresOn: new Date(now + hour) }));
  const credential = credentialWith(
    { username: "alice@contoso.com", ...options },
    { stores: memoryStores({ "msal.cache": buildCache(accounts) }), msalAppFactory: apps.factory },
  );
  return { credential, apps };
}

async function served(accessTokens: AccessTokenSpec[], scope = vaultScope) {
  const { credential, apps } = setUp([{ ...alice, accessTokens }]);
  const token = await credential.getToken(scope);
  return { token: token.token, redemptions: apps.calls.length };
}

/** Serves from a cache whose only access token was cached under `environment`. */
async function servedIn(environment: string) {
  const cache = buildCache([{ ...alice, accessTokens: [vault("moved")] }]);
  for (const entry of Object.values(cache.AccessToken as Record<string, Record<string, unknown>>)) {
    entry.environment = environment;
  }
  const apps = fakeMsalApps(() => ({ accessToken: "fresh", expiresOn: new Date(now + hour) }));
  const credential = credentialWith(
    { username: "alice@contoso.com" },
    { stores: memoryStores({ "msal.cache": cache }), msalAppFactory: apps.factory },
  );
  const token = await credential.getToken(vaultScope);
  return { token: token.token, redemptions: apps.calls.length };
}

describe("a cold getToken", () => {
  it("serves the cached token for a subset of its scopes, in any case, without redeeming", async () => {
    expect(await served([vault("cached")])).toEqual({ token: "cached", redemptions: 0 });
    expect(await served([vault("cached")], "HTTPS://VAULT.AZURE.NET/USER_IMPERSONATION")).toEqual({
      token: "cached",
      redemptions: 0,
    });
  });

  it("redeems the refresh token when the cached token expired or is due for refresh", async () => {
    expect(await served([vault("expired", { expiresOn: inSeconds(-hour) })])).toEqual({
      token: "fresh",
      redemptions: 1,
    });
    expect(await served([vault("due", { refreshOn: inSeconds(-60_000) })])).toEqual({
      token: "fresh",
      redemptions: 1,
    });
  });

  it("never serves another tenant's, another client's or another cloud's token", async () => {
    const tokens = [
      vault("other-realm", { realm: fabrikam }),
      vault("other-client", { clientId: "5c1e6f3a-9b2d-4e8f-a1c7-3d9e0b4f6a21" }),
    ];
    expect(await served(tokens)).toEqual({ token: "fresh", redemptions: 1 });
    expect(await servedIn("login.microsoftonline.us")).toEqual({ token: "fresh", redemptions: 1 });
    // Another name of the same cloud is the same cloud.
    expect(await servedIn("login.windows.net")).toEqual({ token: "moved", redemptions: 0 });
  });

  it("counts only accounts of the authority's cloud", async () => {
    const { credential, apps } = setUp([
      { ...alice, accessTokens: [vault("public")] },
      {
        ...alice,
        uid: "00000000-0000-4000-8000-0000000000c1",
        environment: "login.microsoftonline.us",
        accessTokens: [vault("government")],
      },
    ]);
    expect((await credential.getToken(vaultScope)).token).toBe("public");
    expect(apps.calls).toEqual([]);
  });

  it("never serves a proof-of-possession or SSH certificate token as a bearer token", async () => {
    const tokens = [vault("pop", { tokenType: "pop" }), vault("ssh", { tokenType: "ssh-cert" })];
    expect(await served(tokens)).toEqual({ token: "fresh", redemptions: 1 });
  });

  it("serves a scope the token was not granted only through the refresh token", async () => {
    expect(await served([vault("cached")], "https://storage.azure.com/.default")).toEqual({
      token: "fresh",
      redemptions: 1,
    });
  });

  it("chooses by username among 2,000 accounts as it would after listing them all", async () => {
    const accounts: AccountSpec[] = Array.from({ length: 2000 }, (_, n) => ({
      username: `user${n}@contoso.com`,
      accessTokens: [vault(`token-${n}`)],
    }));
    const { credential } = setUp(accounts, { username: "USER1234@contoso.com" });
    expect((await credential.getToken(vaultScope)).token).toBe("token-1234");
    const twice = setUp(
      [...accounts, { username: "user7@contoso.com", uid: "00000000-0000-4000-8000-0000000000d7" }],
      { username: "user7@contoso.com" },
    );
    const error = await twice.credential.getToken(vaultScope).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "multiple_matching_accounts" });
    expect(String(error)).toContain("Matching accounts: user7@contoso.com");
    const nobody = setUp(accounts, { username: "nobody@contoso.com" });
    const missing = await nobody.credential.getToken(vaultScope).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: "no_matching_account" });
    // Listed sorted by username, as before any account was chosen alone.
    expect(String(missing)).toMatch(
      /Accounts in the cache: user0@contoso\.com \([^)]*\), user1@contoso\.com \([^)]*\), user10@/,
    );
  });
});
