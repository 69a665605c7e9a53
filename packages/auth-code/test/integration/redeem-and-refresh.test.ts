import { defaultTenantId, defaultUsername, defaultWebAppClientId } from "@entrakit/dev-authority";
import { ManualClock } from "@entrakit/testkit";
import { describe, expect, it } from "vitest";
import { claimsOf, storageScope, useAuthorityFixture, vaultScope } from "../helpers/dev-authority";

const fixture = useAuthorityFixture();

const apiRead = "api://entrakit-orders/Orders.Read";
const apiWrite = "api://entrakit-orders/Orders.Write";

describe("AuthorizationCodeCredential redeems, caches and refreshes", () => {
  it("redeems the code once with the form fields MSAL sends, then serves the cached token", async () => {
    const { credential } = fixture.webAppCredential();
    const first = await credential.getToken(vaultScope);
    const second = await credential.getToken(vaultScope);

    expect(second).toBe(first);
    expect(fixture.codeRedemptions()).toBe(1);
    expect(fixture.allRequests()).toBe(2); // the OpenID configuration and the one redemption
    const [entry] = fixture.authority.requestLog({ grantType: "authorization_code" });
    expect(entry?.tenant).toBe(defaultTenantId);
    expect(entry?.clientId).toBe(defaultWebAppClientId);
    expect(entry?.params).toMatchObject({
      grant_type: "authorization_code",
      code: "[redacted]",
      redirect_uri: "http://localhost:3000/auth/callback",
      client_secret: "[redacted]",
      client_info: "1",
    });
    expect(entry?.params.scope?.split(" ")).toEqual([
      vaultScope,
      "openid",
      "profile",
      "offline_access",
    ]);
    // No CAE and no challenge: MSAL's claims ask for id token hints only, never for access
    // token claims; and no PKCE verifier was configured.
    expect(JSON.parse(entry?.params.claims ?? "{}").access_token).toBeUndefined();
    expect(entry?.params.code_verifier).toBeUndefined();
    expect(claimsOf(first.token)).toMatchObject({
      aud: "https://vault.azure.net",
      upn: defaultUsername,
      tid: defaultTenantId,
    });
    expect(first.tokenType).toBe("Bearer");
    expect(first.refreshAfterTimestamp).toBeLessThan(first.expiresOnTimestamp);
    await credential.close();
  });

  it("a second scope of the same resource redeems the refresh token, not the code", async () => {
    const { credential } = fixture.webAppCredential([apiRead]);
    const read = await credential.getToken(apiRead);
    const write = await credential.getToken(apiWrite);

    expect(claimsOf(read.token).scp).toBe("Orders.Read");
    expect(claimsOf(write.token)).toMatchObject({
      aud: "api://entrakit-orders",
      scp: "Orders.Write",
    });
    expect(fixture.codeRedemptions()).toBe(1);
    expect(fixture.refreshRedemptions()).toBe(1);
    await credential.close();
  });

  it("a scope of another resource redeems the refresh token: offline_access makes it good for any resource", async () => {
    const { credential } = fixture.webAppCredential();
    await credential.getToken(vaultScope);
    const storage = await credential.getToken(storageScope);

    expect(claimsOf(storage.token).aud).toBe("https://storage.azure.com");
    expect(fixture.codeRedemptions()).toBe(1);
    const [refresh] = fixture.authority.requestLog({ grantType: "refresh_token" });
    expect(refresh?.params.scope?.split(" ")).toEqual([
      storageScope,
      "openid",
      "profile",
      "offline_access",
    ]);
    await credential.close();
  });

  it("after the token is due, the next call redeems the refresh token and caches the new token", async () => {
    // MSAL stamps expiry with the real time. Starting the credential's clock two hours earlier
    // makes the first token look three hours long, so it is due at half its life, and the
    // refreshed one is not due yet at that moment.
    const clock = new ManualClock({ start: Date.now() - 2 * 3_600_000 });
    const { credential } = fixture.webAppCredential([vaultScope], { clock });
    const first = await credential.getToken(vaultScope);

    clock.set(first.refreshAfterTimestamp + 1);
    const refreshed = await credential.getToken(vaultScope);
    const again = await credential.getToken(vaultScope);

    expect(refreshed.token).not.toBe(first.token);
    expect(again).toBe(refreshed);
    expect(fixture.codeRedemptions()).toBe(1);
    expect(fixture.refreshRedemptions()).toBe(1);
    await credential.close();
  });

  it("keeps each rotated refresh token: strictly single-use refresh tokens keep working", async () => {
    await fixture.withStrictRefreshTokens(async () => {
      const clock = new ManualClock({ start: Date.now() });
      const { credential } = fixture.webAppCredential([vaultScope], { clock });
      let token = await credential.getToken(vaultScope);
      for (let round = 0; round < 3; round++) {
        // Token times have one-second resolution: a refresh in the same second as the last
        // issuance brings the same expiry, which core then serves for half its remaining life.
        // Move past both, so every round is due.
        clock.set(Math.max(token.refreshAfterTimestamp + 1, clock.now() + 3 * 60_000));
        const next = await credential.getToken(vaultScope);
        expect(next.token).not.toBe(token.token);
        token = next;
      }
      await credential.getToken(storageScope);

      expect(fixture.refreshRedemptions()).toBe(4);
      expect(fixture.authority.countRequests({ grantType: "refresh_token", status: 200 })).toBe(4);
      expect(fixture.codeRedemptions()).toBe(1);
      await credential.close();
    });
  });

  it("getAuthenticationRecord() names the signed-in account once the code is redeemed", async () => {
    const { credential } = fixture.webAppCredential();
    expect(credential.getAuthenticationRecord()).toBeUndefined();
    await credential.getToken(vaultScope);

    const user = fixture.authority.getUser(defaultUsername);
    expect(credential.getAuthenticationRecord()).toEqual({
      authority: new URL(fixture.authority.url).host,
      homeAccountId: user?.homeAccountId,
      clientId: defaultWebAppClientId,
      tenantId: defaultTenantId,
      username: defaultUsername,
    });
    await credential.close();
  });
});
