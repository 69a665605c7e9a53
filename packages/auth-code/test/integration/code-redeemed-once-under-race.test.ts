import { isAuthenticationError, isAuthenticationRequiredError } from "@entrakit/core";
import { describe, expect, it } from "vitest";
import {
  claimsOf,
  graphScope,
  rejectionOf,
  storageScope,
  useAuthorityFixture,
  vaultScope,
} from "../helpers/dev-authority";

const fixture = useAuthorityFixture();

describe("racing first calls send the code once", () => {
  it("1,000 concurrent first calls send exactly one authorization_code request and share its token", async () => {
    const { credential } = fixture.webAppCredential();
    const tokens = await Promise.all(
      Array.from({ length: 1000 }, () => credential.getToken(vaultScope)),
    );

    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
    expect(fixture.codeRedemptions()).toBe(1);
    expect(fixture.refreshRedemptions()).toBe(0);
    await credential.close();
  });

  it("concurrent first calls for different resources send the code once and the refresh token for the rest", async () => {
    const { credential } = fixture.webAppCredential();
    const scopes = [vaultScope, storageScope, graphScope, "api://entrakit-orders/Orders.Read"];
    const tokens = await Promise.all(
      scopes.flatMap((scope) => Array.from({ length: 25 }, () => credential.getToken(scope))),
    );

    expect(new Set(tokens.map((t) => claimsOf(t.token).aud))).toEqual(
      new Set([
        "https://vault.azure.net",
        "https://storage.azure.com",
        "https://graph.microsoft.com",
        "api://entrakit-orders",
      ]),
    );
    expect(fixture.codeRedemptions()).toBe(1);
    expect(fixture.refreshRedemptions()).toBe(3);
    await credential.close();
  });

  it("racing callers share a refusal: one request, one error for all, and nothing sent afterwards", async () => {
    const { credential, code } = fixture.webAppCredential();
    fixture.authority.expireCode(code);
    const calls = [vaultScope, storageScope, graphScope].flatMap((scope) =>
      Array.from({ length: 10 }, () => rejectionOf(credential.getToken(scope))),
    );
    const errors = await Promise.all(calls);

    expect(fixture.codeRedemptions()).toBe(1);
    expect(fixture.refreshRedemptions()).toBe(0);
    for (const error of errors) {
      expect(isAuthenticationError(error) || isAuthenticationRequiredError(error)).toBe(true);
    }
    // Every caller waiting on the refused redemption learns the authority's answer.
    expect(
      errors.filter((e) => isAuthenticationError(e) && e.code === "code_expired"),
    ).toHaveLength(errors.length);

    const later = await rejectionOf(credential.getToken(vaultScope));
    expect(isAuthenticationRequiredError(later) && later.code).toBe("code_spent");
    expect(fixture.codeRedemptions()).toBe(1);
    await credential.close();
  });

  it("racing callers share a transient failure; the code stays unspent and a later call redeems it", async () => {
    const { credential } = fixture.webAppCredential([vaultScope], {
      transportOptions: { maxRetries: 1 },
    });
    fixture.authority.injectFault({
      endpoint: "token",
      grantType: "authorization_code",
      kind: "server-error",
      status: 503,
      count: 2,
    });
    const errors = await Promise.all(
      [vaultScope, storageScope].flatMap((scope) =>
        Array.from({ length: 10 }, () => rejectionOf(credential.getToken(scope))),
      ),
    );

    // One redemption: the first attempt and the transport's one retry, both answered 503.
    expect(fixture.codeRedemptions()).toBe(2);
    for (const error of errors) expect(isAuthenticationError(error)).toBe(true);

    const token = await credential.getToken(storageScope);
    expect(claimsOf(token.token).aud).toBe("https://storage.azure.com");
    expect(fixture.codeRedemptions()).toBe(3);
    await credential.close();
  });
});
