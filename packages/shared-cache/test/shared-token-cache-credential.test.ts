import { type CachePersistence, createMemoryPersistence } from "@entrakit/cache-persistence";
import { isAuthenticationRequiredError, isCredentialUnavailableError } from "@entrakit/core";
import { entraError } from "@entrakit/testkit";
import { describe, expect, it } from "vitest";
import { SharedTokenCacheCredential } from "../src/shared-token-cache-credential";
import { credentialWith, memoryStores, storedJson } from "./helpers/credential";
import { fakeAuthority, familyTokenResponse } from "./helpers/fake-authority";
import {
  cliClientId,
  fixtureJson,
  fixtureText,
  python,
  storageScope,
  vaultScope,
} from "./helpers/fixtures";

const host = python.host;
const local = { authorityHost: host, disableInstanceDiscovery: true };

function counted(persistence: CachePersistence) {
  const counts = { load: 0, version: 0 };
  const wrapped: CachePersistence = {
    ...persistence,
    load: (o) => {
      counts.load++;
      return persistence.load(o);
    },
    version: (o) => {
      counts.version++;
      return persistence.version?.(o) ?? Promise.resolve(undefined);
    },
  };
  return { wrapped, counts };
}

describe("SharedTokenCacheCredential with a cache Python wrote", () => {
  it("serves the cached access token without touching the network", async () => {
    const network = fakeAuthority(host, ["organizations"]);
    const credential = credentialWith(
      { ...local, networkModule: network },
      { stores: memoryStores({ "msal.cache": fixtureText("msal-python/one-account.msal.json") }) },
    );
    const token = await credential.getToken(vaultScope);
    const cached = Object.values(fixtureJson("msal-python/one-account.msal.json").AccessToken)[0];
    expect(token.token).toBe(cached?.secret);
    expect(token.expiresOnTimestamp).toBe(2110751605_000);
    expect(token.refreshAfterTimestamp).toBe(1953071605_000);
    expect(token.tokenType).toBe("Bearer");
    expect(network.requests).toEqual([]);
  });

  it("answers a warm call from memory without reading the store again", async () => {
    const { wrapped, counts } = counted(
      createMemoryPersistence({ initialData: fixtureText("msal-python/one-account.msal.json") }),
    );
    const credential = credentialWith(local, { stores: { "msal.cache": wrapped } });
    const first = await credential.getToken(vaultScope);
    const seen = { ...counts };
    expect(await credential.getToken(vaultScope)).toBe(first);
    expect(counts).toEqual(seen);
  });

  it("redeems the family refresh token for a scope with no cached token, and writes the new tokens beside everything else", async () => {
    const stores = memoryStores({ "msal.cache": fixtureText("msal-python/one-account.msal.json") });
    const original = fixtureJson("msal-python/one-account.msal.json");
    const network = fakeAuthority(host, ["organizations"]).on(
      "POST",
      "/oauth2/v2.0/token",
      familyTokenResponse(python.alice.homeAccountId, storageScope, host, cliClientId),
    );
    const credential = credentialWith({ ...local, networkModule: network }, { stores });
    const token = await credential.getToken(storageScope);
    const [post] = network.requestsTo("/oauth2/v2.0/token", "POST");
    expect(post?.form).toMatchObject({
      grant_type: "refresh_token",
      client_id: cliClientId,
      refresh_token: Object.values(original.RefreshToken)[0]?.secret,
    });
    expect(post?.form.scope?.split(" ")).toContain(storageScope);
    const stored = await storedJson(stores["msal.cache"]);
    for (const [section, entries] of Object.entries(original)) {
      for (const [key, value] of Object.entries(entries))
        expect(stored[section][key]).toEqual(value);
    }
    const newTokens = Object.values(
      stored.AccessToken as Record<string, { secret: string; target: string }>,
    );
    expect(newTokens.find((t) => t.target.includes("storage"))?.secret).toBe(token.token);
    expect(Object.keys(stored.RefreshToken)).toHaveLength(2);
  });

  it("on invalid_grant names the AADSTS code, says to sign in again, and leaves the shared cache exactly as it was", async () => {
    const stores = memoryStores({
      "msal.cache": fixtureText("msal-python/two-accounts.msal.json"),
    });
    const before = await stores["msal.cache"]?.load();
    const network = fakeAuthority(host, ["organizations"]).on(
      "POST",
      "/oauth2/v2.0/token",
      entraError({
        error: "invalid_grant",
        codes: [70008],
        description: "The refresh token has expired due to inactivity.",
      }),
    );
    const credential = credentialWith(
      { ...local, networkModule: network, username: "alice@contoso.test" },
      { stores },
    );
    const error = await credential.getToken(storageScope).catch((e: unknown) => e);
    expect(isAuthenticationRequiredError(error)).toBe(true);
    expect(error).toMatchObject({
      name: "AuthenticationRequiredError",
      code: "refresh_token_expired",
      scopes: [storageScope],
    });
    expect((error as Error).message).toContain("AADSTS70008");
    expect((error as Error).message).toContain("Sign in again");
    const after = await stores["msal.cache"]?.load();
    expect(after).toEqual(before);
  });

  it("tries the next refresh token when the authority refuses one", async () => {
    const cache = fixtureJson("msal-python/one-account.msal.json");
    const [key, entry] = Object.entries(cache.RefreshToken)[0] ?? [];
    cache.RefreshToken[`${key}-older`] = {
      ...entry,
      secret: "refused-one",
      client_id: cliClientId,
      last_modification_time: "1795391606",
    };
    const stores = memoryStores({ "msal.cache": cache });
    const network = fakeAuthority(host, ["organizations"]).on(
      "POST",
      "/oauth2/v2.0/token",
      (request) =>
        request.form.refresh_token === "refused-one"
          ? entraError({
              error: "invalid_grant",
              codes: [50173],
              description: "The grant was revoked.",
            })
          : familyTokenResponse(python.alice.homeAccountId, storageScope, host, cliClientId),
    );
    const credential = credentialWith({ ...local, networkModule: network }, { stores });
    await expect(credential.getToken(storageScope)).resolves.toMatchObject({ tokenType: "Bearer" });
    expect(
      network
        .requestsTo("/oauth2/v2.0/token", "POST")
        .map((r) => r.form.refresh_token === "refused-one"),
    ).toEqual([true, false]);
  });

  it("stops at the first refresh token when the authority cannot be reached", async () => {
    const cache = fixtureJson("msal-python/one-account.msal.json");
    const [key, entry] = Object.entries(cache.RefreshToken)[0] ?? [];
    cache.RefreshToken[`${key}-2`] = { ...entry, secret: "second-one" };
    const network = fakeAuthority(host, ["organizations"]).on("POST", "/oauth2/v2.0/token", () => {
      throw new Error("connect ECONNREFUSED");
    });
    const credential = credentialWith(
      { ...local, networkModule: network },
      { stores: memoryStores({ "msal.cache": cache }) },
    );
    const error = await credential.getToken(storageScope).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "AuthenticationError" });
    expect(network.requestsTo("/oauth2/v2.0/token", "POST")).toHaveLength(1);
  });
});

describe("SharedTokenCacheCredential and abort signals", () => {
  it("a caller's abort ends its wait for a refresh-token redemption", async () => {
    const network = fakeAuthority(host, ["organizations"]).on(
      "POST",
      "/oauth2/v2.0/token",
      familyTokenResponse(python.alice.homeAccountId, storageScope, host, cliClientId),
    );
    const credential = credentialWith(
      { ...local, networkModule: network },
      { stores: memoryStores({ "msal.cache": fixtureText("msal-python/one-account.msal.json") }) },
    );
    const release = network.hold();
    const controller = new AbortController();
    const pending = credential.getToken(storageScope, { abortSignal: controller.signal });
    await network.waitForRequests(1);
    controller.abort(new Error("caller gave up"));
    await expect(pending).rejects.toThrow("caller gave up");
    release();
  });
});

describe("SharedTokenCacheCredential basics", () => {
  it("is supported on Windows, macOS and Linux", () => {
    expect(SharedTokenCacheCredential.supported()).toBe(
      ["win32", "darwin", "linux"].includes(process.platform),
    );
  });

  it("is unavailable on other platforms, naming the platform", async () => {
    const credential = credentialWith({}, { platform: "aix", keyring: null });
    const error = await credential.getToken(vaultScope).catch((e: unknown) => e);
    expect(isCredentialUnavailableError(error)).toBe(true);
    expect(error).toMatchObject({ code: "platform_not_supported" });
    expect((error as Error).message).toContain("no shared token cache on aix");
    await expect(credential.listAccounts()).rejects.toMatchObject({
      code: "platform_not_supported",
    });
  });

  it("lists the accounts a person can choose from, without secrets", async () => {
    const credential = credentialWith(local, {
      stores: memoryStores({ "msal.cache": fixtureText("msal-python/two-accounts.msal.json") }),
    });
    const accounts = await credential.listAccounts();
    expect(accounts).toEqual([
      {
        username: "alice@contoso.test",
        homeAccountId: python.alice.homeAccountId,
        homeTenantId: python.alice.tenantId,
        tenantIds: [python.alice.tenantId],
        cloud: "127.0.0.1",
      },
      {
        username: "bob@fabrikam.test",
        homeAccountId: python.bob.homeAccountId,
        homeTenantId: python.bob.tenantId,
        tenantIds: [python.bob.tenantId],
        cloud: "127.0.0.1",
      },
    ]);
    expect(JSON.stringify(accounts)).not.toContain("eyJ");
  });

  it("chooses by username and, unlike the anchors, lists the candidates when it cannot choose", async () => {
    const stores = memoryStores({
      "msal.cache": fixtureText("msal-python/two-accounts.msal.json"),
    });
    const ambiguous = credentialWith(local, { stores });
    const error = await ambiguous.getToken(vaultScope).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "CredentialUnavailableError",
      code: "multiple_matching_accounts",
    });
    expect((error as Error).message).toContain(`bob@fabrikam.test (tenant ${python.bob.tenantId})`);
    const bob = credentialWith({ ...local, username: "BOB@fabrikam.test" }, { stores });
    const token = await bob.getToken(vaultScope);
    const bobsToken = Object.entries(
      fixtureJson("msal-python/two-accounts.msal.json").AccessToken,
    ).find(([k]) => k.startsWith("c84e"))?.[1];
    expect(token.token).toBe(bobsToken?.secret);
  });

  it("chooses by authentication record, and takes its tenant", async () => {
    const stores = memoryStores({
      "msal.cache": fixtureText("msal-python/two-accounts.msal.json"),
    });
    const network = fakeAuthority(host, [python.bob.tenantId]).on(
      "POST",
      "/oauth2/v2.0/token",
      familyTokenResponse(python.bob.homeAccountId, storageScope, host, cliClientId),
    );
    const credential = credentialWith(
      {
        disableInstanceDiscovery: true,
        networkModule: network,
        authenticationRecord: {
          authority: "127.0.0.1",
          homeAccountId: python.bob.homeAccountId,
          clientId: cliClientId,
          tenantId: python.bob.tenantId,
          username: "bob@fabrikam.test",
        },
      },
      { stores },
    );
    await credential.getToken(storageScope);
    expect(
      network.requestsTo(`https://127.0.0.1/${python.bob.tenantId}/oauth2/v2.0/token`, "POST"),
    ).toHaveLength(1);
  });

  it("rejects malformed options at construction, naming the option", () => {
    expect(() => new SharedTokenCacheCredential({ username: "" })).toThrow(/username/);
    expect(() => new SharedTokenCacheCredential({ clientId: 5 as never })).toThrow(/clientId/);
    expect(() => new SharedTokenCacheCredential({ tenantId: "a/b" })).toThrow(/tenantId/);
    expect(
      () =>
        new SharedTokenCacheCredential({ authenticationRecord: { homeAccountId: "x" } as never }),
    ).toThrow(/authenticationRecord/);
    expect(
      () => new SharedTokenCacheCredential({ authorityHost: "http://login.example.com" }),
    ).toThrow(/https/);
  });

  it("rejects calls after close, and closes with await using", async () => {
    const stores = memoryStores({ "msal.cache": fixtureText("msal-python/one-account.msal.json") });
    let closed: SharedTokenCacheCredential | undefined;
    {
      await using credential = credentialWith(local, { stores });
      await credential.getToken(vaultScope);
      closed = credential;
    }
    await expect(closed.getToken(vaultScope)).rejects.toMatchObject({ name: "ClosedError" });
    await expect(closed.listAccounts()).rejects.toMatchObject({ name: "ClosedError" });
    await closed.close();
  });
});
