import { type CachePersistence, createMemoryPersistence } from "@entrakit/cache-persistence";
import { isAuthenticationError, isInvalidArgumentError } from "@entrakit/core";
import {
  FakeNetworkModule,
  ManualClock,
  type RecordedRequest,
  tokenResponse,
} from "@entrakit/testkit";
import { describe, expect, it } from "vitest";
import { AuthorizationCodeCredential } from "../src/authorization-code-credential";
import type { AuthorizationCodeCredentialOptions } from "../src/authorization-code-credential-options";

const tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const clientId = "0b8d4a8e-1c1e-4b4f-9d53-7f0e2c6c1e11";
const redirectUri = "https://app.example.test/callback";
const scope = "https://vault.azure.net/.default";
const authority = `https://login.microsoftonline.com/${tenantId}`;
const grant = (request: RecordedRequest) => request.form.grant_type;

/** A fake authority whose token endpoint answers with `refresh_in` and `expires_in` as given. */
function fakeAuthority(lifetimes: { expiresIn?: number; refreshIn?: number } = {}) {
  const network = new FakeNetworkModule().serveAuthorityMetadata(authority);
  let failRefreshes = false;
  network.on("POST", "/oauth2/v2.0/token", (request) => {
    if (failRefreshes && grant(request) === "refresh_token") {
      throw new Error("connect ECONNREFUSED");
    }
    return tokenResponse({ scope, clientId, ...lifetimes });
  });
  return {
    network,
    failRefreshes(fail: boolean) {
      failRefreshes = fail;
    },
    count: (grantType: string) => network.countPosts({ grant_type: grantType }),
  };
}

function credential(
  network: FakeNetworkModule,
  extra: AuthorizationCodeCredentialOptions = {},
  code = "the-code",
): AuthorizationCodeCredential {
  return new AuthorizationCodeCredential(tenantId, clientId, "the-secret", code, redirectUri, {
    disableInstanceDiscovery: true,
    networkModule: network,
    env: {},
    ...extra,
  });
}

describe("refresh timing (manual clock, fake network)", () => {
  it("serves the cached token until refreshAfter (Entra's refresh_in), then redeems the refresh token", async () => {
    const fake = fakeAuthority({ expiresIn: 3600, refreshIn: 600 });
    const clock = new ManualClock({ start: Date.now() });
    const cred = credential(fake.network, { clock });
    const first = await cred.getToken(scope);
    // MSAL counts refresh_in in whole seconds of its own (real) clock.
    expect(first.refreshAfterTimestamp).toBeLessThanOrEqual(clock.now() + 601_000);
    expect(first.refreshAfterTimestamp).toBeGreaterThan(clock.now() + 590_000);

    clock.set(first.refreshAfterTimestamp - 1);
    expect(await cred.getToken(scope)).toBe(first);
    expect(fake.count("refresh_token")).toBe(0);

    clock.set(first.refreshAfterTimestamp);
    const second = await cred.getToken(scope);
    expect(second.token).not.toBe(first.token);
    expect(fake.count("refresh_token")).toBe(1);
    expect(fake.count("authorization_code")).toBe(1);
    await cred.close();
  });

  it("a failed refresh keeps serving the valid token and retries no sooner than 30 s later", async () => {
    const fake = fakeAuthority({ expiresIn: 3600, refreshIn: 600 });
    const clock = new ManualClock({ start: Date.now() });
    const cred = credential(fake.network, { clock });
    const first = await cred.getToken(scope);
    fake.failRefreshes(true);

    clock.set(first.refreshAfterTimestamp + 1);
    expect(await cred.getToken(scope)).toBe(first);
    expect(fake.count("refresh_token")).toBe(1);

    clock.advance(29_999);
    expect(await cred.getToken(scope)).toBe(first);
    expect(fake.count("refresh_token")).toBe(1);

    clock.advance(1);
    expect(await cred.getToken(scope)).toBe(first);
    expect(fake.count("refresh_token")).toBe(2);

    fake.failRefreshes(false);
    clock.advance(30_000);
    const refreshed = await cred.getToken(scope);
    expect(refreshed.token).not.toBe(first.token);
    expect(fake.count("refresh_token")).toBe(3);
    expect(fake.count("authorization_code")).toBe(1);
    await cred.close();
  });

  it("once the token has expired, a failed refresh is the caller's error", async () => {
    const fake = fakeAuthority({ expiresIn: 3600 });
    const clock = new ManualClock({ start: Date.now() });
    const cred = credential(fake.network, { clock });
    const first = await cred.getToken(scope);
    fake.failRefreshes(true);

    clock.set(first.expiresOnTimestamp);
    const error = await cred.getToken(scope).catch((e: unknown) => e);

    expect(isAuthenticationError(error)).toBe(true);
    expect(fake.count("authorization_code")).toBe(1);
    await cred.close();
  });
});

describe("constructor", () => {
  it("the secret overload makes a confidential client, the other a public one", async () => {
    const fake = fakeAuthority();
    await credential(fake.network).getToken(scope);
    const publicClient = new AuthorizationCodeCredential(
      tenantId,
      clientId,
      "code-2",
      redirectUri,
      {
        disableInstanceDiscovery: true,
        networkModule: fake.network,
        env: {},
      },
    );
    await publicClient.getToken(scope);

    const posts = fake.network.requestsTo("/oauth2/v2.0/token", "POST");
    expect(posts.map((post) => post.form.client_secret)).toEqual(["the-secret", undefined]);
    expect(posts.map((post) => post.form.code)).toEqual(["the-code", "code-2"]);
  });

  it.each([
    ["clientId", () => new AuthorizationCodeCredential(tenantId, "", "code", redirectUri)],
    ["redirectUri", () => new AuthorizationCodeCredential(tenantId, clientId, "code", " ")],
    [
      "authorizationCode",
      () => new AuthorizationCodeCredential(tenantId, clientId, 42 as never, redirectUri),
    ],
    [
      "clientSecret and getClientAssertion",
      () =>
        new AuthorizationCodeCredential(tenantId, clientId, "secret", "code", redirectUri, {
          getClientAssertion: async () => "assertion",
        }),
    ],
  ])("a bad %s is a TypeError naming it", (option, build) => {
    expect(build).toThrow(TypeError);
    expect(build).toThrow(option);
  });

  it("a malformed tenant id is refused before anything is built", () => {
    let error: unknown;
    try {
      new AuthorizationCodeCredential("contoso/../evil", clientId, "code", redirectUri);
    } catch (caught) {
      error = caught;
    }
    expect(isInvalidArgumentError(error) && error.code).toBe("invalid_tenant_id");
  });
});

describe("close()", () => {
  it("waits for a call that was still looking in the cache, and lets it redeem the code", async () => {
    const fake = fakeAuthority();
    const memory = createMemoryPersistence();
    let releaseLoad!: () => void;
    const loadHeld = new Promise<void>((resolve) => {
      releaseLoad = resolve;
    });
    let loads = 0;
    const persistence: CachePersistence = {
      ...memory,
      async load(options) {
        if (loads++ === 0) await loadHeld;
        return memory.load(options);
      },
    };
    const cred = credential(fake.network, {
      tokenCachePersistenceOptions: { persistence },
      // A record makes the first call look for the account in the (held) persistent cache.
      authenticationRecord: {
        authority: "login.microsoftonline.com",
        homeAccountId: "someone.else",
        clientId,
        tenantId,
        username: "someone@example.test",
      },
    });
    const order: string[] = [];
    const call = cred.getToken(scope).then((token) => {
      order.push("call");
      return token;
    });
    await new Promise((resolve) => setImmediate(resolve));
    const closing = cred.close().then(() => order.push("close"));
    releaseLoad();

    await Promise.all([call, closing]);
    expect(order).toEqual(["call", "close"]);
    expect(fake.count("authorization_code")).toBe(1);
  });
});
