// Sign in once with AuthorizationCodeCredential (persistent cache) in one process; get tokens
// silently with the built SharedTokenCacheCredential in another.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { defaultPublicClientId, defaultTenantId, defaultUsername } from "@entrakit/dev-authority";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevAuthority, startDevAuthority } from "../helpers/dev-authority";
import { storageScope, vaultScope } from "../helpers/fixtures";
import { runWorker, worker } from "../helpers/run-node";
import { tempDir } from "../helpers/temp-dir";

interface Outcome {
  ok: boolean;
  error?: { name: string; code: string; message: string };
  tokens?: Array<Record<string, unknown>>;
  accounts?: Array<Record<string, unknown>>;
  record?: Record<string, string>;
}

let authority: DevAuthority;
beforeAll(async () => {
  authority = await startDevAuthority();
});
afterAll(async () => {
  await authority?.close();
});

// No D-Bus session: the writer falls back to plaintext files (it is allowed to), the reader
// finds them there; neither touches a keyring of the machine running the tests.
const envFor = (home: string) => ({ PATH: process.env.PATH, HOME: home });

describe("AuthorizationCodeCredential in one process, SharedTokenCacheCredential in another", () => {
  it("signs in once and gets tokens elsewhere: cached ones without a request, others from the refresh token", async () => {
    const home = await tempDir();
    const code = authority.mintCode({
      username: defaultUsername,
      scopes: [vaultScope, "openid", "profile", "offline_access"],
      clientId: defaultPublicClientId,
      redirectUri: "http://localhost",
    });
    const signIn = await runWorker<Outcome>(
      worker("auth-code-sign-in.mjs"),
      {
        authorityHost: authority.url,
        caPem: authority.caPem,
        tenantId: defaultTenantId,
        clientId: defaultPublicClientId,
        code,
        redirectUri: "http://localhost",
        scope: vaultScope,
      },
      envFor(home),
    );
    expect(signIn).toMatchObject({ ok: true, record: { username: defaultUsername } });
    expect(
      (await readdir(join(home, ".IdentityService"))).filter((f) => f.startsWith("msal.cache")),
    ).toContain("msal.cache.nocae");

    authority.clearRequestLog();
    const reader = await runWorker<Outcome>(
      worker("shared-cache-get-token.mjs"),
      {
        authorityHost: authority.url,
        caPem: authority.caPem,
        options: { tenantId: defaultTenantId },
        requests: [{ scope: vaultScope }, { scope: storageScope }],
      },
      envFor(home),
    );
    expect(reader.error).toBeUndefined();
    expect(reader.tokens?.map((t) => [t.aud, t.upn])).toEqual([
      ["https://vault.azure.net", defaultUsername],
      ["https://storage.azure.com", defaultUsername],
    ]);
    // The vault token came from the cache the sign-in wrote; only storage needed the authority.
    expect(authority.countRequests({ grantType: "refresh_token" })).toBe(1);
    expect(authority.countRequests({ grantType: "authorization_code" })).toBe(0);
    expect(reader.accounts).toEqual([
      expect.objectContaining({
        username: defaultUsername,
        homeAccountId: signIn.record?.homeAccountId,
        homeTenantId: defaultTenantId,
      }),
    ]);

    // A third process finds the storage token the second one wrote back.
    authority.clearRequestLog();
    const third = await runWorker<Outcome>(
      worker("shared-cache-get-token.mjs"),
      {
        authorityHost: authority.url,
        caPem: authority.caPem,
        options: { authenticationRecord: signIn.record },
        requests: [{ scope: storageScope }],
      },
      envFor(home),
    );
    expect(third.tokens?.map((t) => t.aud)).toEqual(["https://storage.azure.com"]);
    expect(authority.countRequests()).toBe(0);
  });

  it("with nothing signed in, says no accounts were found, where it looked and why the keyring could not be read", async () => {
    const home = await tempDir();
    const reader = await runWorker<Outcome>(
      worker("shared-cache-get-token.mjs"),
      {
        authorityHost: authority.url,
        caPem: authority.caPem,
        options: {},
        requests: [{ scope: vaultScope }],
      },
      envFor(home),
    );
    expect(reader.error).toMatchObject({
      name: "CredentialUnavailableError",
      code: "keyring_unavailable",
    });
    expect(reader.error?.message).toContain("No accounts were found in the cache.");
    expect(reader.error?.message).toContain(join(home, ".IdentityService", "msal.cache"));
    expect(reader.error?.message).toContain("Cannot autolaunch D-Bus without X11 $DISPLAY");
  });
});
