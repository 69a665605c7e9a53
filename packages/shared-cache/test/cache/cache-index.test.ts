import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { indexCache } from "../../src/cache/cache-index";
import type { CachedAccessToken } from "../../src/cache/cached-access-token";
import { buildCache } from "../helpers/cache-builder";
import { contoso, fabrikam, fixtureJson, nodeAlice, python } from "../helpers/fixtures";

// Reads every lazily read part, so a property test sees whatever first use would throw, and
// checks that looking one account up alone gives what the whole-cache tables hold for it.
function readEverything(cache: Record<string, unknown>): CachedAccessToken[] {
  const whole = indexCache(cache);
  const alone = indexCache(cache);
  for (const profiles of whole.accounts.values()) {
    for (const profile of profiles) expect(Array.isArray(profile.tenantIds)).toBe(true);
  }
  expect(typeof whole.holdsTokens).toBe("boolean");
  expect(whole.tokenTenants).toBeInstanceOf(Map);
  const homes = new Set<string>();
  const names = new Set<string>();
  for (const section of Object.values(cache)) {
    if (typeof section !== "object" || section === null) continue;
    for (const entry of Object.values(section)) {
      const { home_account_id: home, username } = (entry ?? {}) as Record<string, unknown>;
      if (typeof home === "string") homes.add(home);
      if (typeof username === "string") names.add(username);
    }
  }
  // A few accounts are looked up by scanning, the rest after grouping: both must agree.
  for (const home of homes) {
    expect(alone.accountsOf(home)).toEqual(whole.accounts.get(home) ?? []);
    expect(alone.refreshTokensOf(home)).toEqual(whole.refreshTokens.get(home) ?? []);
  }
  for (const name of names) {
    const query = name.toUpperCase();
    const named = [...whole.accounts.values()]
      .flat()
      .filter((account) => account.username.toLowerCase() === query.toLowerCase())
      .map((account) => account.homeAccountId);
    expect(alone.homesNamed(query)).toEqual(new Set(named));
  }
  return [...homes].flatMap((home) => [...alone.accessTokensOf(home)]);
}

describe("indexCache", () => {
  it("reads a cache Python MSAL wrote: string times, realm organizations, family refresh token", () => {
    const index = indexCache(fixtureJson("msal-python/one-account.msal.json"));
    const [account] = index.accounts.get(python.alice.homeAccountId) ?? [];
    expect(account).toMatchObject({
      username: "alice@contoso.test",
      environment: "127.0.0.1",
      realm: "organizations",
      tenantIds: [],
    });
    const [token] = index.accessTokensOf(python.alice.homeAccountId);
    expect(token?.scopes).toEqual(new Set(["https://vault.azure.net/.default"]));
    expect(token?.expiresOn).toBe(2110751605_000);
    expect(token?.cachedAt).toBe(1795391605_000);
    expect(token?.refreshOn).toBe(1953071605_000);
    expect(token?.realm).toBe("organizations");
    const [refresh] = index.refreshTokens.get(python.alice.homeAccountId) ?? [];
    expect(refresh).toMatchObject({ familyId: "1", lastModified: 1795391605 });
    expect(index.families.get("127.0.0.1|04b07795-8ddb-461a-bbee-02f9e1bf7b46")).toBe("1");
  });

  it("reads MSAL Node's tenant profiles, stored as JSON strings, and the tenants tokens are held for", () => {
    const index = indexCache(fixtureJson("node-style.msal.json"));
    const profiles = index.accounts.get(nodeAlice.homeAccountId) ?? [];
    expect(profiles).toHaveLength(2);
    expect(profiles[0]?.tenantIds).toEqual([contoso, fabrikam]);
    expect([...(index.tokenTenants.get(nodeAlice.homeAccountId) ?? [])].sort()).toEqual(
      [contoso, fabrikam].sort(),
    );
  });

  it("skips proof-of-possession tokens but still counts their tenant", () => {
    const index = indexCache(fixtureJson("dotnet-style.msal.json"));
    const home = `b0b00000-0000-4000-8000-000000000002.${fabrikam}`;
    const tokens = index.accessTokensOf(home);
    expect(tokens.map((t) => t.secret)).toEqual(["dotnet-at-bob-vault"]);
  });

  it("skips entries with missing or mistyped fields and accepts numeric times", () => {
    const cache = buildCache([
      {
        username: "a@x.test",
        accessTokens: [{ secret: "s", target: "T", expiresOn: 2_000_000_000 }],
      },
    ]);
    const at = Object.values(cache.AccessToken as object)[0] as Record<string, unknown>;
    at.expires_on = 2_000_000_000;
    (cache.AccessToken as Record<string, unknown>).broken = { secret: 1 };
    (cache.RefreshToken as Record<string, unknown>).broken = "not an object";
    (cache.Account as Record<string, unknown>).nohome = { environment: "e" };
    const index = indexCache(cache);
    const tokens = [...index.accounts.keys()].flatMap((home) => index.accessTokensOf(home));
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.expiresOn).toBe(2_000_000_000_000);
    expect([...index.refreshTokens.values()].flat()).toHaveLength(1);
    expect([...index.accounts.values()].flat()).toHaveLength(1);
  });

  it("never throws, whatever JSON it is given", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        readEverything(value);
      }),
    );
  });

  it("never throws on caches with arbitrary entry fields", () => {
    const entry = fc.dictionary(
      fc.constantFrom(
        "home_account_id",
        "environment",
        "client_id",
        "secret",
        "expires_on",
        "target",
        "realm",
        "family_id",
        "tenantProfiles",
        "username",
      ),
      fc.jsonValue(),
    );
    const section = fc.dictionary(fc.string(), entry);
    fc.assert(
      fc.property(
        fc.record({
          Account: section,
          AccessToken: section,
          RefreshToken: section,
          IdToken: section,
          AppMetadata: section,
        }),
        (cache) => {
          for (const token of readEverything(cache)) {
            expect(Number.isFinite(token.expiresOn)).toBe(true);
          }
        },
      ),
    );
  });

  it("indexes every well-formed account it is given", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.emailAddress(), { minLength: 1, maxLength: 20 }), (names) => {
        const index = indexCache(buildCache(names.map((username) => ({ username }))));
        expect(index.accounts.size).toBe(names.length);
        expect(index.refreshTokens.size).toBe(names.length);
      }),
    );
  });
});
