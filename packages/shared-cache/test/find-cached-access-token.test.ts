import { describe, expect, it } from "vitest";
import { cloudOf } from "../src/cloud";
import { type AccessTokenQuery, findCachedAccessToken } from "../src/find-cached-access-token";
import { type AccessTokenSpec, addAccount, buildCache } from "./helpers/cache-builder";
import {
  cliClientId,
  contoso,
  fabrikam,
  fixtureJson,
  python,
  vaultScope,
} from "./helpers/fixtures";
import { snapshotOf } from "./helpers/snapshots";

const now = Date.UTC(2026, 0, 1);
const inSeconds = (ms: number) => Math.floor((now + ms) / 1000);
const hour = 3_600_000;

function setUp(tokens: AccessTokenSpec[], name = "msal.cache") {
  const cache = buildCache([]);
  const account = addAccount(cache, {
    username: "a@contoso.com",
    tenantId: contoso,
    accessTokens: tokens,
  });
  const query: AccessTokenQuery = {
    homeAccountId: account.homeAccountId,
    homeTenantId: contoso,
    clientId: cliClientId,
    tenantId: contoso,
    scopes: [vaultScope],
    enableCae: false,
    now,
    cloud: cloudOf("https://login.microsoftonline.com"),
  };
  return { snapshots: [snapshotOf(cache, name)], query };
}

const vault = (secret: string, extra: Partial<AccessTokenSpec> = {}): AccessTokenSpec => ({
  secret,
  target:
    "https://vault.azure.net/user_impersonation https://vault.azure.net/.default openid profile",
  expiresOn: inSeconds(hour),
  ...extra,
});

describe("findCachedAccessToken", () => {
  it("serves a token whose scopes include the requested ones, case-insensitively", () => {
    const { snapshots, query } = setUp([vault("v1")]);
    expect(
      findCachedAccessToken(snapshots, { ...query, scopes: ["HTTPS://VAULT.AZURE.NET/.DEFAULT"] })
        ?.token,
    ).toBe("v1");
    expect(
      findCachedAccessToken(snapshots, {
        ...query,
        scopes: ["https://storage.azure.com/.default"],
      }),
    ).toBeUndefined();
  });

  it("requires more than five minutes of life left", () => {
    expect(
      findCachedAccessToken(
        setUp([vault("v", { expiresOn: inSeconds(5 * 60_000) })]).snapshots,
        setUp([]).query,
      ),
    ).toBeUndefined();
    const fresh = setUp([vault("v", { expiresOn: inSeconds(5 * 60_000 + 1000) })]);
    expect(findCachedAccessToken(fresh.snapshots, fresh.query)?.token).toBe("v");
  });

  it("skips a token already due for refresh (refresh_on passed)", () => {
    const due = setUp([vault("v", { refreshOn: inSeconds(-1000) })]);
    expect(findCachedAccessToken(due.snapshots, due.query)).toBeUndefined();
    const later = setUp([vault("v", { refreshOn: inSeconds(10 * 60_000) })]);
    expect(findCachedAccessToken(later.snapshots, later.query)?.refreshAfterTimestamp).toBe(
      inSeconds(10 * 60_000) * 1000,
    );
  });

  it("matches the tenant: exactly, or the home tenant for organizations", () => {
    const { snapshots, query } = setUp([vault("v", { realm: fabrikam })]);
    expect(findCachedAccessToken(snapshots, query)).toBeUndefined();
    expect(findCachedAccessToken(snapshots, { ...query, tenantId: fabrikam })?.token).toBe("v");
    const home = setUp([vault("h")]);
    expect(
      findCachedAccessToken(home.snapshots, { ...home.query, tenantId: "organizations" })?.token,
    ).toBe("h");
  });

  it("serves a token Python cached under the organizations path for the home tenant too", () => {
    const snapshots = [snapshotOf(fixtureJson("msal-python/one-account.msal.json"))];
    const query: AccessTokenQuery = {
      homeAccountId: python.alice.homeAccountId,
      homeTenantId: python.alice.tenantId,
      clientId: cliClientId,
      tenantId: python.alice.tenantId,
      scopes: [vaultScope],
      enableCae: false,
      now,
      cloud: cloudOf("https://127.0.0.1:8443"),
    };
    expect(findCachedAccessToken(snapshots, query)?.token).toMatch(/^eyJ/);
    expect(
      findCachedAccessToken(snapshots, { ...query, tenantId: "organizations" })?.token,
    ).toMatch(/^eyJ/);
  });

  it("serves only this client's tokens and only bearer tokens", () => {
    const { snapshots, query } = setUp([
      vault("other", { clientId: "5c1e6f3a-9b2d-4e8f-a1c7-3d9e0b4f6a21" }),
      vault("pop", { tokenType: "pop" }),
    ]);
    expect(findCachedAccessToken(snapshots, query)).toBeUndefined();
  });

  it("never lets access tokens cross between CAE and non-CAE stores", () => {
    const legacy = setUp([vault("legacy")], "msal.cache");
    const nocae = setUp([vault("nocae")], "msal.cache.nocae");
    const cae = setUp([vault("cae")], "msal.cache.cae");
    expect(
      findCachedAccessToken(legacy.snapshots, { ...legacy.query, enableCae: true }),
    ).toBeUndefined();
    expect(
      findCachedAccessToken(nocae.snapshots, { ...nocae.query, enableCae: true }),
    ).toBeUndefined();
    expect(findCachedAccessToken(cae.snapshots, { ...cae.query, enableCae: true })?.token).toBe(
      "cae",
    );
    expect(findCachedAccessToken(cae.snapshots, cae.query)).toBeUndefined();
    expect(findCachedAccessToken(legacy.snapshots, legacy.query)?.token).toBe("legacy");
    expect(findCachedAccessToken(nocae.snapshots, nocae.query)?.token).toBe("nocae");
  });

  it("prefers the token that lives longest", () => {
    const { snapshots, query } = setUp([
      vault("short", { expiresOn: inSeconds(hour) }),
      {
        ...vault("long", { expiresOn: inSeconds(2 * hour) }),
        target: "https://vault.azure.net/.default",
      },
    ]);
    expect(findCachedAccessToken(snapshots, query)?.token).toBe("long");
  });

  it("serves nothing for OpenID scopes alone", () => {
    const { snapshots, query } = setUp([vault("v")]);
    expect(
      findCachedAccessToken(snapshots, { ...query, scopes: ["openid", "profile"] }),
    ).toBeUndefined();
  });
});
