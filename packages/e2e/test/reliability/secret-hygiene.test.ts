// Both credentials, success and failure paths, with every log line captured at verbose: no
// planted secret (client secrets, cached refresh and access tokens) and no code or token the
// authority issued may appear in a log line or anywhere in a thrown error (inspected in full,
// causes and hidden properties included).
import { randomUUID } from "node:crypto";
import { type CachePersistence, createMemoryPersistence } from "@entrakit/cache-persistence";
import { type DevAuthority, startDevAuthority } from "@entrakit/dev-authority";
import { createSecretScanner, findIssuedValueLeaks, type LogCapture } from "@entrakit/testkit";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fakeTenant } from "./support/fake-entra";
import { hygieneFixture } from "./support/hygiene-fixture";
import { storageScope, vaultScope } from "./support/reliability-authority";
import { sharedCacheObject } from "./support/shared-cache-json";

const pastExpiryMs = 2 * 60 * 60_000;
const scanner = createSecretScanner();
const clientSecret = scanner.plant("client-secret");
const clientId = randomUUID();
/** Every code and token the authority issued in this file. */
const issued: string[] = [];
/** Every error a scenario produced. */
const errors: unknown[] = [];
let authority: DevAuthority;
let logs: LogCapture;
let fixture: ReturnType<typeof hygieneFixture>;

beforeAll(async () => {
  authority = await startDevAuthority();
  fixture = hygieneFixture({ authority, clientId, clientSecret, issued });
});
afterAll(async () => {
  await authority?.close();
});
beforeEach(() => {
  authority.clearFaults();
  errors.length = 0;
  // Captured before any credential exists, so MSAL's own logger starts at verbose too.
  logs = scanner.captureLogs();
});
afterEach(() => {
  logs.dispose();
  expect(logs.lines.length).toBeGreaterThan(0);
  expect(findIssuedValueLeaks(issued, logs, errors)).toEqual([]);
  scanner.assertClean(logs, ...errors);
});

async function failure(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  errors.push(error);
}

describe("AuthorizationCodeCredential at verbose", () => {
  it("success: redemption, another resource, CAE, refresh after expiry", async () => {
    const { credential, clock } = fixture.webApp(fixture.mint(fixture.newUser()));
    await credential.getToken(vaultScope);
    await credential.getToken(storageScope);
    await credential.getToken(vaultScope, { enableCae: true });
    clock.advance(pastExpiryMs);
    await credential.getToken(vaultScope);
    await credential.close();
    expect(issued.length).toBeGreaterThan(6);
    expect(logs.lines.some((line) => line.includes("MSAL: "))).toBe(true);
  });

  it("a wrong client secret, an expired code, a code redeemed elsewhere", async () => {
    const wrong = scanner.plant("wrong-client-secret");
    await failure(
      fixture
        .webApp(fixture.mint(fixture.newUser()), { secret: wrong })
        .credential.getToken(vaultScope),
    );
    const expiring = fixture.mint(fixture.newUser());
    authority.expireCode(expiring);
    const expired = fixture.webApp(expiring).credential;
    await failure(expired.getToken(vaultScope));
    await failure(expired.getToken(vaultScope));
    const code = fixture.mint(fixture.newUser());
    await fixture.webApp(code).credential.getToken(vaultScope);
    await failure(fixture.webApp(code).credential.getToken(vaultScope));
  });

  it("faults: retries that succeed, retries that run out, HTML, malformed JSON, a timeout", async () => {
    authority.injectFault({ endpoint: "token", kind: "server-error", count: 2 });
    await fixture.webApp(fixture.mint(fixture.newUser())).credential.getToken(vaultScope);
    authority.injectFault({ endpoint: "token", kind: "reset" });
    await fixture.webApp(fixture.mint(fixture.newUser())).credential.getToken(vaultScope);
    authority.injectFault({ endpoint: "token", kind: "html", count: 3 });
    const html = fixture.webApp(fixture.mint(fixture.newUser()), {
      transport: { maxRetries: 2 },
    }).credential;
    await failure(html.getToken(vaultScope));
    authority.injectFault({ endpoint: "token", kind: "malformed-json" });
    await failure(fixture.webApp(fixture.mint(fixture.newUser())).credential.getToken(vaultScope));
    authority.injectFault({ endpoint: "token", kind: "delay", delayMs: 600 });
    const slow = fixture.webApp(fixture.mint(fixture.newUser()), {
      transport: { maxRetries: 0 },
    }).credential;
    await failure(slow.getToken(vaultScope));
  });

  it("an authority that quotes the secret, the code and the refresh token in its error", async () => {
    const { credential, clock } = fixture.webApp(fixture.mint(fixture.newUser()));
    await credential.getToken(vaultScope);
    const refreshToken = issued.find((value) => value.split(".").length !== 3 && value.length > 40);
    authority.injectFault({
      endpoint: "token",
      kind: "entra-error",
      error: "invalid_request",
      errorCode: 900144,
      description: `client_secret=${clientSecret}&code=${issued[0]}&refresh_token=${refreshToken}`,
    });
    clock.advance(pastExpiryMs);
    await failure(credential.getToken(vaultScope));
  });

  it("refused refresh tokens: expired, and a revoked session", async () => {
    const username = fixture.newUser();
    const { credential, clock } = fixture.webApp(fixture.mint(username));
    await credential.getToken(vaultScope);
    authority.expireRefreshTokens({ username });
    clock.advance(pastExpiryMs);
    await failure(credential.getToken(vaultScope));
    const revoked = fixture.newUser();
    const cae = fixture.webApp(fixture.mint(revoked));
    await cae.credential.getToken(vaultScope, { enableCae: true });
    authority.revokeSessions(revoked);
    cae.clock.advance(pastExpiryMs);
    await failure(cae.credential.getToken(vaultScope, { enableCae: true }));
  });
});

describe("SharedTokenCacheCredential at verbose", () => {
  it("success: a refresh-token redemption, write-back, refresh after expiry", async () => {
    const persistence = createMemoryPersistence({
      initialData: await fixture.signedInCache(fixture.newUser()),
    });
    const { credential, clock } = fixture.sharedCache(persistence);
    await credential.getToken(vaultScope);
    await credential.getToken(storageScope);
    clock.advance(pastExpiryMs);
    await credential.getToken(vaultScope);
    await credential.close();
    const stored = JSON.parse((await persistence.load())?.data ?? "{}");
    expect(Object.keys(stored.AccessToken ?? {}).length).toBeGreaterThan(0);
  });

  it("planted tokens the authority does not know, and a cache that no account matches", async () => {
    const refreshToken = scanner.plant("cached-refresh-token");
    const accessToken = scanner.plant("cached-access-token");
    const cache = sharedCacheObject([
      {
        username: "planted@contoso.test",
        uid: "11111111-2222-4333-8444-555555555555",
        tenantId: fakeTenant,
        refreshToken,
        accessToken,
        accessTokenExpiresOn: Math.floor(Date.now() / 1000) - 60,
      },
    ]);
    // The entries must name the authority's host for the credential to consider them.
    const host = new URL(authority.url).host;
    const text = JSON.stringify(cache).replaceAll("login.microsoftonline.com", host);
    await failure(
      fixture
        .sharedCache(createMemoryPersistence({ initialData: text }))
        .credential.getToken(vaultScope),
    );
    const nobody = fixture.sharedCache(createMemoryPersistence({ initialData: text }), {
      username: "someone-else@contoso.test",
    });
    await failure(nobody.credential.getToken(vaultScope));
  });

  it("an expired refresh token, an echoing authority, faults, a damaged cache", async () => {
    const username = fixture.newUser();
    const seeded = await fixture.signedInCache(username);
    authority.expireRefreshTokens({ username });
    await failure(
      fixture
        .sharedCache(createMemoryPersistence({ initialData: seeded }))
        .credential.getToken(vaultScope),
    );

    const fresh = await fixture.signedInCache(fixture.newUser());
    const refreshToken = (Object.values(JSON.parse(fresh).RefreshToken)[0] as { secret: string })
      .secret;
    authority.injectFault({
      endpoint: "token",
      kind: "entra-error",
      error: "invalid_grant",
      errorCode: 70000,
      description: `The refresh token ${refreshToken} (refresh_token=${refreshToken}) is not valid.`,
    });
    await failure(
      fixture
        .sharedCache(createMemoryPersistence({ initialData: fresh }))
        .credential.getToken(vaultScope),
    );
    authority.injectFault({ endpoint: "token", kind: "html", count: 4 });
    await failure(
      fixture
        .sharedCache(createMemoryPersistence({ initialData: fresh }))
        .credential.getToken(vaultScope),
    );
    authority.clearFaults();
    authority.injectFault({ endpoint: "token", kind: "malformed-json" });
    await failure(
      fixture
        .sharedCache(createMemoryPersistence({ initialData: fresh }))
        .credential.getToken(vaultScope),
    );

    const damaged = fresh.slice(0, -7);
    const raw: CachePersistence = {
      description: "damaged cache",
      encrypted: false,
      load: async () => ({ data: damaged, version: "1" }),
      save: async () => ({ conflict: true }),
      delete: async () => {},
    };
    await failure(fixture.sharedCache(raw).credential.getToken(vaultScope));
  });
});
