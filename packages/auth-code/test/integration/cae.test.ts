import { isAuthenticationRequiredError } from "@entrakit/core";
import { ManualClock } from "@entrakit/testkit";
import { describe, expect, it } from "vitest";
import {
  claimsOf,
  rejectionOf,
  storageScope,
  useAuthorityFixture,
  vaultScope,
} from "../helpers/dev-authority";

const fixture = useAuthorityFixture();

const isCae = (token: { token: string }) => {
  const capabilities = claimsOf(token.token).xms_cc;
  return Array.isArray(capabilities) && capabilities.includes("cp1");
};
const claimsParam = (index: number) =>
  JSON.parse(fixture.authority.requestLog({ endpoint: "token" })[index]?.params.claims ?? "{}");

/** A fresh user per test, so revoking one user's sessions cannot disturb another test. */
function newUser(name: string): string {
  const username = `${name}-${Math.random().toString(36).slice(2, 8)}@contoso.test`;
  fixture.authority.registerUser({ username });
  return username;
}

describe("continuous access evaluation", () => {
  it("CAE and non-CAE tokens never mix, and switching between them uses the refresh token", async () => {
    const { credential } = fixture.webAppCredential();
    const plain = await credential.getToken(vaultScope);
    const cae = await credential.getToken(vaultScope, { enableCae: true });
    const plainAgain = await credential.getToken(vaultScope);
    const caeAgain = await credential.getToken(vaultScope, { enableCae: true });

    expect(isCae(plain)).toBe(false);
    expect(isCae(cae)).toBe(true);
    expect(plainAgain).toBe(plain);
    expect(caeAgain).toBe(cae);
    expect(fixture.codeRedemptions()).toBe(1);
    expect(fixture.refreshRedemptions()).toBe(1);
    // The CAE request declares the cp1 capability; the plain one does not.
    expect(claimsParam(0).access_token).toBeUndefined();
    expect(claimsParam(1).access_token).toEqual({ xms_cc: { values: ["cp1"] } });
    await credential.close();
  });

  it("a first CAE call redeems the code with cp1; later non-CAE calls for any resource use the refresh token", async () => {
    const { credential } = fixture.webAppCredential();
    const cae = await credential.getToken(vaultScope, { enableCae: true });
    const plainStorage = await credential.getToken(storageScope);
    const plainVault = await credential.getToken(vaultScope);

    expect(isCae(cae)).toBe(true);
    expect(isCae(plainStorage)).toBe(false);
    expect(isCae(plainVault)).toBe(false);
    expect(plainVault.token).not.toBe(cae.token);
    const [redemption] = fixture.authority.requestLog({ grantType: "authorization_code" });
    expect(JSON.parse(redemption?.params.claims ?? "{}").access_token).toEqual({
      xms_cc: { values: ["cp1"] },
    });
    expect(fixture.codeRedemptions()).toBe(1);
    expect(fixture.refreshRedemptions()).toBe(2);
    await credential.close();
  });

  it("switching back and forth keeps working with strictly single-use refresh tokens", async () => {
    await fixture.withStrictRefreshTokens(async () => {
      const clock = new ManualClock({ start: Date.now() });
      const { credential } = fixture.webAppCredential([vaultScope], { clock });
      // Each switch redeems the other application's refresh token, which rotates it: both
      // applications must keep the newest one they received, or the next switch fails.
      const plain = await credential.getToken(vaultScope);
      const cae = await credential.getToken(vaultScope, { enableCae: true });
      const plainStorage = await credential.getToken(storageScope);
      const caeStorage = await credential.getToken(storageScope, { enableCae: true });
      // Expiries have whole-second resolution: the CAE token may have been issued a second
      // after the plain one, so move past the later of the two refresh times.
      clock.set(Math.max(plain.refreshAfterTimestamp, cae.refreshAfterTimestamp) + 1);
      const plainRefreshed = await credential.getToken(vaultScope);
      const caeRefreshed = await credential.getToken(vaultScope, { enableCae: true });

      expect([plain, plainStorage, plainRefreshed].map(isCae)).toEqual([false, false, false]);
      expect([cae, caeStorage, caeRefreshed].map(isCae)).toEqual([true, true, true]);
      expect(fixture.codeRedemptions()).toBe(1);
      expect(fixture.authority.countRequests({ grantType: "refresh_token", status: 200 })).toBe(5);
      await credential.close();
    });
  });

  it("a claims challenge bypasses the cache once and reaches the authority; later calls use the cache and never resend the claims", async () => {
    const clock = new ManualClock({ start: Date.now() - 2 * 3_600_000 });
    const { credential } = fixture.webAppCredential([vaultScope], { clock });
    const before = await credential.getToken(vaultScope, { enableCae: true });
    fixture.authority.clearRequestLog();
    // What a resource sends in WWW-Authenticate when it wants a token issued after a moment.
    const challenge = JSON.stringify({
      access_token: { nbf: { essential: true, value: String(Math.floor(Date.now() / 1000)) } },
    });

    const answered = await credential.getToken(vaultScope, { enableCae: true, claims: challenge });
    expect(answered.token).not.toBe(before.token);
    expect(isCae(answered)).toBe(true);
    expect(fixture.refreshRedemptions()).toBe(1);
    expect(claimsParam(0).access_token).toEqual({
      nbf: JSON.parse(challenge).access_token.nbf,
      xms_cc: { values: ["cp1"] },
    });

    // Claims never stick: the next call is served from the cache...
    expect(await credential.getToken(vaultScope, { enableCae: true })).toBe(answered);
    expect(fixture.refreshRedemptions()).toBe(1);
    // ...and the next refresh asks without them.
    clock.set(answered.refreshAfterTimestamp + 1);
    await credential.getToken(vaultScope, { enableCae: true });
    expect(fixture.refreshRedemptions()).toBe(2);
    expect(claimsParam(1).access_token).toEqual({ xms_cc: { values: ["cp1"] } });
    expect(fixture.codeRedemptions()).toBe(0);
    await credential.close();
  });

  it("a revoked session: a CAE refresh gets interaction_required (AADSTS50173), and the spent code is not resent", async () => {
    const username = newUser("cae-revoked");
    const code = fixture.mintWebAppCode({ username });
    const credential = fixture.webAppCredentialFor(code);
    await credential.getToken(vaultScope, { enableCae: true });
    const challenge = fixture.authority.revokeSessions(username);

    const error = await rejectionOf(credential.getToken(storageScope, { enableCae: true }));
    expect(isAuthenticationRequiredError(error) && error.code).toBe("interaction_required");
    expect((error as Error).message).toContain("AADSTS50173");

    // Only a new sign-in helps: even with the challenge, nothing but a fast error follows.
    const again = await rejectionOf(
      credential.getToken(storageScope, { enableCae: true, claims: challenge }),
    );
    expect(isAuthenticationRequiredError(again)).toBe(true);
    expect(fixture.codeRedemptions()).toBe(1);
    await credential.close();
  });
});
