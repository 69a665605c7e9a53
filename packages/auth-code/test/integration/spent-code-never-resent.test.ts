import { isAuthenticationError, isAuthenticationRequiredError } from "@entrakit/core";
import {
  defaultPublicClientId,
  defaultTenantId,
  defaultUsername,
  defaultWebAppClientId,
} from "@entrakit/dev-authority";
import { ManualClock } from "@entrakit/testkit";
import { describe, expect, it } from "vitest";
import { AuthorizationCodeCredential } from "../../src/authorization-code-credential";
import {
  rejectionOf,
  storageScope,
  useAuthorityFixture,
  vaultScope,
} from "../helpers/dev-authority";

const fixture = useAuthorityFixture();

async function expectFastCodeSpent(call: () => Promise<unknown>): Promise<void> {
  const before = fixture.allRequests();
  for (let i = 0; i < 5; i++) {
    const error = await rejectionOf(call());
    expect(isAuthenticationRequiredError(error)).toBe(true);
    expect((error as { code: string }).code).toBe("code_spent");
    expect((error as Error).message).toMatch(/[Ss]ign the user in again/);
  }
  expect(fixture.allRequests()).toBe(before);
}

describe("an answered code is never sent again", () => {
  it("an expired code: AuthenticationError with AADSTS70008 and the correlation id, one request, then fast code_spent errors that send nothing", async () => {
    const { credential, code } = fixture.webAppCredential();
    fixture.authority.expireCode(code);

    const error = await rejectionOf(credential.getToken(vaultScope));

    expect(isAuthenticationError(error)).toBe(true);
    if (!isAuthenticationError(error)) return;
    expect(error.name).toBe("AuthenticationError");
    expect(error.code).toBe("code_expired");
    expect(error.errorResponse.errorCodes).toContain(70008);
    expect(error.message).toContain("AADSTS70008");
    // MSAL's correlation id, sent as client-request-id: the id Entra's sign-in logs show.
    const [entry] = fixture.authority.requestLog({ grantType: "authorization_code" });
    const correlationId = entry?.params["client-request-id"];
    expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.errorResponse.correlationId).toBe(correlationId);
    expect(error.message).toContain(correlationId);
    // No retry storm: a 400 is the authority's verdict, not a transient failure.
    expect(fixture.codeRedemptions()).toBe(1);

    await expectFastCodeSpent(() => credential.getToken(vaultScope));
    await expectFastCodeSpent(() => credential.getToken(storageScope, { enableCae: true }));
    await credential.close();
  });

  it("a code redeemed elsewhere: AuthenticationError code_already_redeemed with AADSTS54005, not blamed on a lost attempt", async () => {
    const code = fixture.mintWebAppCode();
    const elsewhere = fixture.webAppCredentialFor(code);
    await elsewhere.getToken(vaultScope);
    fixture.authority.clearRequestLog();

    const credential = fixture.webAppCredentialFor(code);
    const error = await rejectionOf(credential.getToken(vaultScope));

    expect(isAuthenticationError(error) && error.code).toBe("code_already_redeemed");
    if (!isAuthenticationError(error)) return;
    expect(error.errorResponse.errorCodes).toContain(54005);
    expect(error.errorResponse.correlationId).toBe(
      fixture.authority.requestLog({ grantType: "authorization_code" })[0]?.params[
        "client-request-id"
      ],
    );
    expect(error.message).toMatch(/already redeemed/);
    expect(error.message).not.toMatch(/lost/);
    expect(fixture.codeRedemptions()).toBe(1);

    await expectFastCodeSpent(() => credential.getToken(vaultScope));
    await Promise.all([elsewhere.close(), credential.close()]);
  });

  it("a code bound to another redirect URI is refused once and never resent (public client)", async () => {
    const code = fixture.authority.mintCode({
      username: defaultUsername,
      scopes: [vaultScope, "openid", "profile", "offline_access"],
      clientId: defaultPublicClientId,
      redirectUri: "http://localhost:8400",
    });
    const credential = new AuthorizationCodeCredential(
      defaultTenantId,
      defaultPublicClientId,
      code,
      "http://localhost:8401",
      fixture.options(),
    );

    const error = await rejectionOf(credential.getToken(vaultScope));

    expect(isAuthenticationError(error) && error.errorResponse.errorCodes).toContain(50011);
    expect(fixture.codeRedemptions()).toBe(1);
    await expectFastCodeSpent(() => credential.getToken(vaultScope));
    await credential.close();
  });

  it("a refresh that fails later never falls back to the spent code", async () => {
    const clock = new ManualClock({ start: Date.now() });
    const { credential } = fixture.webAppCredential([vaultScope], { clock });
    const first = await credential.getToken(vaultScope);
    fixture.authority.expireRefreshTokens({ clientId: defaultWebAppClientId });

    const other = await rejectionOf(credential.getToken(storageScope));
    expect(isAuthenticationError(other) || isAuthenticationRequiredError(other)).toBe(true);
    expect((other as Error).message).toContain("AADSTS70008");

    // A due token whose refresh fails is still served while it is valid.
    clock.set(first.refreshAfterTimestamp + 1);
    expect(await credential.getToken(vaultScope)).toBe(first);

    expect(fixture.codeRedemptions()).toBe(1);
    expect(fixture.refreshRedemptions()).toBe(2);
    await credential.close();
  });

  it("a revoked session fails the refresh with AADSTS50173 and the code is not sent", async () => {
    const username = "revoked.user@contoso.test";
    fixture.authority.registerUser({ username });
    const code = fixture.mintWebAppCode({ username });
    const credential = fixture.webAppCredentialFor(code);
    await credential.getToken(vaultScope);
    fixture.authority.revokeSessions(username);

    const error = await rejectionOf(credential.getToken(storageScope));

    expect((error as Error).message).toContain("AADSTS50173");
    expect(fixture.codeRedemptions()).toBe(1);
    expect(await rejectionOf(credential.getToken(storageScope))).toBeInstanceOf(Error);
    expect(fixture.codeRedemptions()).toBe(1);
    await credential.close();
  });

  it("a credential built without a code has nothing to send: fast code_spent errors", async () => {
    const credential = fixture.webAppCredentialFor("");
    await expectFastCodeSpent(() => credential.getToken(vaultScope));
    await credential.close();
  });
});
