import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AuthorityFixture,
  claimsOf,
  startAuthorityFixture,
  storageScope,
  vaultScope,
} from "../helpers/dev-authority";

let fixture: AuthorityFixture;
beforeAll(async () => {
  fixture = await startAuthorityFixture();
});
afterAll(async () => {
  await fixture?.close();
});

const codeRedemptions = () => fixture.authority.countRequests({ grantType: "authorization_code" });
const refreshRedemptions = () => fixture.authority.countRequests({ grantType: "refresh_token" });

describe("AuthorizationCodeCredential against the dev authority", () => {
  it("redeems the code once with the right form fields, then serves the cached token", async () => {
    fixture.authority.clearRequestLog();
    const { credential } = fixture.webAppCredential();
    const first = await credential.getToken(vaultScope);
    const second = await credential.getToken(vaultScope);
    expect(second).toBe(first);
    expect(codeRedemptions()).toBe(1);
    const [entry] = fixture.authority.requestLog({ grantType: "authorization_code" });
    const scope = String(entry?.params?.scope ?? "").split(" ");
    expect(scope).toEqual(
      expect.arrayContaining([vaultScope, "offline_access", "openid", "profile"]),
    );
    expect(entry?.params?.redirect_uri).toBe("http://localhost:3000/auth/callback");
    expect(entry?.params?.client_secret).toBe("[redacted]");
    expect(claimsOf(first.token).aud).toBe("https://vault.azure.net");
    expect(first.tokenType).toBe("Bearer");
    expect(first.refreshAfterTimestamp).toBeLessThan(first.expiresOnTimestamp);
    await credential.close();
  });

  it("a scope of another resource redeems the refresh token, never the code", async () => {
    fixture.authority.clearRequestLog();
    const { credential } = fixture.webAppCredential();
    await credential.getToken(vaultScope);
    const storage = await credential.getToken(storageScope);
    expect(claimsOf(storage.token).aud).toBe("https://storage.azure.com");
    expect(codeRedemptions()).toBe(1);
    expect(refreshRedemptions()).toBe(1);
    await credential.close();
  });

  it("1,000 concurrent first calls send exactly one authorization_code request", async () => {
    fixture.authority.clearRequestLog();
    const { credential } = fixture.webAppCredential();
    const tokens = await Promise.all(
      Array.from({ length: 1000 }, () => credential.getToken(vaultScope)),
    );
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
    expect(codeRedemptions()).toBe(1);
    await credential.close();
  });

  it("concurrent first calls for different resources send the code once and use the refresh token for the rest", async () => {
    fixture.authority.clearRequestLog();
    const { credential } = fixture.webAppCredential();
    const [vault, storage] = await Promise.all([
      credential.getToken(vaultScope),
      credential.getToken(storageScope),
    ]);
    expect(claimsOf(vault.token).aud).toBe("https://vault.azure.net");
    expect(claimsOf(storage.token).aud).toBe("https://storage.azure.com");
    expect(codeRedemptions()).toBe(1);
    await credential.close();
  });
});
