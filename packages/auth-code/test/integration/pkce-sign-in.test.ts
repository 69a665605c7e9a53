import {
  isAuthenticationError,
  isAuthenticationRequiredError,
  isInvalidArgumentError,
} from "@entrakit/core";
import {
  defaultPublicClientId,
  defaultTenantId,
  defaultUsername,
  defaultWebAppClientId,
  defaultWebAppRedirectUri,
  defaultWebAppSecret,
} from "@entrakit/dev-authority";
import { describe, expect, it } from "vitest";
import { AuthorizationCodeCredential } from "../../src/authorization-code-credential";
import {
  type AuthorizationRequest,
  createAuthorizationRequest,
  readAuthorizationResponse,
} from "../../src/authorization-request";
import { claimsOf, rejectionOf, useAuthorityFixture, vaultScope } from "../helpers/dev-authority";
import { signInWithForm, signInWithShortcut } from "../helpers/sign-in";

const fixture = useAuthorityFixture();

// Registered as "http://localhost": a loopback redirect matches on any port.
const redirectUri = "http://localhost:8400";

function publicSignInRequest(): AuthorizationRequest {
  return createAuthorizationRequest({
    tenantId: defaultTenantId,
    clientId: defaultPublicClientId,
    redirectUri,
    scopes: [vaultScope],
    authorityHost: fixture.authority.url,
  });
}

function publicCredential(code: string, request: AuthorizationRequest, codeVerifier?: string) {
  return new AuthorizationCodeCredential(
    defaultTenantId,
    defaultPublicClientId,
    code,
    redirectUri,
    {
      ...fixture.options(),
      codeVerifier: codeVerifier ?? request.codeVerifier,
      nonce: request.nonce,
    },
  );
}

describe("PKCE sign-in: authorization request, redirect, credential", () => {
  it.each([
    ["the auto=1 shortcut", signInWithShortcut],
    ["the sign-in form", signInWithForm],
  ])(
    "a public client signs in through %s and redeems the code with its verifier",
    async (_, signIn) => {
      const request = publicSignInRequest();
      const redirectedTo = await signIn(request.url, fixture.authority.caPem, defaultUsername);
      const { code } = readAuthorizationResponse(redirectedTo, request.state);
      const credential = publicCredential(code, request);

      const token = await credential.getToken(vaultScope);

      expect(claimsOf(token.token)).toMatchObject({
        aud: "https://vault.azure.net",
        upn: defaultUsername,
        appid: defaultPublicClientId,
      });
      const [entry] = fixture.authority.requestLog({ grantType: "authorization_code" });
      expect(entry?.params).toMatchObject({
        code_verifier: "[redacted]",
        redirect_uri: redirectUri,
      });
      expect(entry?.params.client_secret).toBeUndefined();
      expect(fixture.codeRedemptions()).toBe(1);
      await credential.close();
    },
  );

  it("the authorize URL carries an S256 challenge, state, nonce and the OpenID scopes", async () => {
    const request = publicSignInRequest();
    await signInWithShortcut(request.url, fixture.authority.caPem, defaultUsername);

    const [entry] = fixture.authority.requestLog({ endpoint: "authorize" });
    expect(entry?.params).toMatchObject({
      client_id: defaultPublicClientId,
      response_type: "code",
      redirect_uri: redirectUri,
      code_challenge_method: "S256",
      state: "[redacted]",
      nonce: "[redacted]",
    });
    expect(entry?.params.scope?.split(" ")).toEqual([
      vaultScope,
      "openid",
      "profile",
      "offline_access",
    ]);
  });

  it("a confidential web app can use PKCE together with its client secret", async () => {
    const request = createAuthorizationRequest({
      tenantId: defaultTenantId,
      clientId: defaultWebAppClientId,
      redirectUri: defaultWebAppRedirectUri,
      scopes: [vaultScope],
      authorityHost: fixture.authority.url,
      loginHint: defaultUsername,
    });
    const redirectedTo = await signInWithForm(
      request.url,
      fixture.authority.caPem,
      defaultUsername,
    );
    const { code } = readAuthorizationResponse(new URL(redirectedTo), request.state);
    const credential = new AuthorizationCodeCredential(
      defaultTenantId,
      defaultWebAppClientId,
      defaultWebAppSecret,
      code,
      defaultWebAppRedirectUri,
      { ...fixture.options(), codeVerifier: request.codeVerifier, nonce: request.nonce },
    );

    expect(claimsOf((await credential.getToken(vaultScope)).token).appidacr).toBe("1");
    await credential.close();
  });

  it("a wrong verifier is refused with AADSTS50148, once", async () => {
    const request = publicSignInRequest();
    const redirectedTo = await signInWithShortcut(
      request.url,
      fixture.authority.caPem,
      defaultUsername,
    );
    const { code } = readAuthorizationResponse(redirectedTo, request.state);
    const credential = publicCredential(code, request, publicSignInRequest().codeVerifier);

    const error = await rejectionOf(credential.getToken(vaultScope));

    expect(isAuthenticationError(error) && error.errorResponse.errorCodes).toContain(50148);
    expect((error as Error).message).toContain("AADSTS50148");
    expect(isAuthenticationRequiredError(await rejectionOf(credential.getToken(vaultScope)))).toBe(
      true,
    );
    expect(fixture.codeRedemptions()).toBe(1);
    await credential.close();
  });

  it("without the sign-in's nonce, MSAL refuses the id token: a typed error naming options.nonce", async () => {
    const request = publicSignInRequest();
    const redirectedTo = await signInWithShortcut(
      request.url,
      fixture.authority.caPem,
      defaultUsername,
    );
    const { code } = readAuthorizationResponse(redirectedTo, request.state);
    const credential = new AuthorizationCodeCredential(
      defaultTenantId,
      defaultPublicClientId,
      code,
      redirectUri,
      {
        ...fixture.options(),
        codeVerifier: request.codeVerifier,
      },
    );

    const error = await rejectionOf(credential.getToken(vaultScope));

    expect(isAuthenticationError(error) && error.code).toBe("nonce_mismatch");
    expect((error as Error).message).toContain("options.nonce");
    // The authority issued tokens for that code: it is spent, and not sent again.
    await rejectionOf(credential.getToken(vaultScope));
    expect(fixture.codeRedemptions()).toBe(1);
    await credential.close();
  });

  it("a redirect whose state does not match is rejected before anything is redeemed", async () => {
    const request = publicSignInRequest();
    const redirectedTo = await signInWithShortcut(
      request.url,
      fixture.authority.caPem,
      defaultUsername,
    );

    const error = await rejectionOf(
      Promise.resolve().then(() =>
        readAuthorizationResponse(redirectedTo, publicSignInRequest().state),
      ),
    );

    expect(isInvalidArgumentError(error) && error.code).toBe("state_mismatch");
    expect((error as Error).message).not.toContain(new URL(redirectedTo).searchParams.get("code"));
  });

  it("an error redirect (the user cancelled) becomes an AuthenticationError", async () => {
    const request = publicSignInRequest();
    const redirectedTo = await signInWithShortcut(request.url, fixture.authority.caPem, "cancel");

    const error = await rejectionOf(
      Promise.resolve().then(() => readAuthorizationResponse(redirectedTo, request.state)),
    );

    expect(isAuthenticationError(error) && error.code).toBe("access_denied");
    expect(isAuthenticationError(error) && error.errorResponse.errorCodes?.length).toBeGreaterThan(
      0,
    );
  });
});
