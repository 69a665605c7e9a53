import { isAuthenticationError, isAuthenticationRequiredError } from "@entrakit/core";
import {
  defaultTenantId,
  defaultWebAppClientId,
  defaultWebAppRedirectUri,
  type Fault,
} from "@entrakit/dev-authority";
import { ManualClock } from "@entrakit/testkit";
import type { AttemptRecord } from "@entrakit/transport";
import { describe, expect, it } from "vitest";
import { AuthorizationCodeCredential } from "../../src/authorization-code-credential";
import {
  claimsOf,
  rejectionOf,
  storageScope,
  useAuthorityFixture,
  vaultScope,
  waitUntil,
} from "../helpers/dev-authority";

const fixture = useAuthorityFixture();

const transientFaults: [string, Fault][] = [
  ["500", { kind: "server-error", status: 500 }],
  ["503", { kind: "server-error", status: 503 }],
  ["502 HTML page", { kind: "html", status: 502 }],
  ["429 with Retry-After", { kind: "throttle", retryAfterSeconds: 1 }],
  ["connection reset", { kind: "reset" }],
];

describe("transient faults are retried within the call", () => {
  it.each(transientFaults)(
    "a %s on the code redemption is retried and the call succeeds",
    async (_, fault) => {
      const { credential } = fixture.webAppCredential();
      fixture.authority.injectFault({
        endpoint: "token",
        grantType: "authorization_code",
        count: 2,
        ...fault,
      });

      const token = await credential.getToken(vaultScope);

      expect(claimsOf(token.token).aud).toBe("https://vault.azure.net");
      expect(fixture.codeRedemptions()).toBe(3);
      expect(
        fixture.authority.countRequests({ grantType: "authorization_code", status: 200 }),
      ).toBe(1);
      await credential.close();
    },
  );

  it.each(transientFaults)(
    "a %s on a refresh token redemption is retried and the call succeeds",
    async (_, fault) => {
      const { credential } = fixture.webAppCredential();
      await credential.getToken(vaultScope);
      fixture.authority.injectFault({
        endpoint: "token",
        grantType: "refresh_token",
        ...fault,
      });

      const token = await credential.getToken(storageScope);

      expect(claimsOf(token.token).aud).toBe("https://storage.azure.com");
      expect(fixture.refreshRedemptions()).toBe(2);
      expect(fixture.codeRedemptions()).toBe(1);
      await credential.close();
    },
  );

  it("a 429's Retry-After sets the wait before the retry", async () => {
    const attempts: AttemptRecord[] = [];
    const { credential } = fixture.webAppCredential([vaultScope], {
      transportOptions: {
        // The transport's own clock: its waits pass at once, and their length is recorded.
        clock: new ManualClock({ autoAdvance: true }),
        maxRetryDelayMs: 60_000,
        onAttempt: (attempt) => attempts.push(attempt),
      },
    });
    fixture.authority.injectFault({ endpoint: "token", kind: "throttle", retryAfterSeconds: 7 });

    await credential.getToken(vaultScope);

    const throttled = attempts.find((attempt) => attempt.status === 429);
    expect(throttled?.retryDelayMs).toBe(7000);
    await credential.close();
  });

  it("a timeout is retried: the retry redeems the code the slow attempt had not reached yet", async () => {
    const { credential } = fixture.webAppCredential([vaultScope], {
      transportOptions: { timeoutMs: 250 },
    });
    fixture.authority.injectFault({
      endpoint: "token",
      grantType: "authorization_code",
      kind: "delay",
      delayMs: 1000,
    });

    const token = await credential.getToken(vaultScope);

    expect(claimsOf(token.token).aud).toBe("https://vault.azure.net");
    // The slow attempt is still processed after the client gave up, and finds the code spent.
    await waitUntil(() => fixture.codeRedemptions() === 2, "the slow attempt was answered");
    expect(fixture.authority.requestLog({ grantType: "authorization_code" })).toMatchObject([
      { status: 200 },
      { status: 400 },
    ]);
    await credential.close();
  });

  it("a retry that meets AADSTS54005 says a lost attempt spent the code; later calls send nothing", async () => {
    const { credential } = fixture.webAppCredential([vaultScope], {
      // The slow first attempt is processed (and spends the code) while the retry waits.
      transportOptions: {
        timeoutMs: 250,
        retryDelayMs: 1000,
        maxRetryDelayMs: 1000,
        random: () => 0.99,
      },
    });
    fixture.authority.injectFault({
      endpoint: "token",
      grantType: "authorization_code",
      kind: "delay",
      delayMs: 400,
    });

    const error = await rejectionOf(credential.getToken(vaultScope));

    expect(isAuthenticationError(error) && error.code).toBe("code_already_redeemed");
    expect((error as Error).message).toMatch(/earlier attempt whose answer was lost/);
    expect((error as Error).message).toContain("AADSTS54005");
    expect(fixture.codeRedemptions()).toBe(2);

    const later = await rejectionOf(credential.getToken(vaultScope));
    expect(isAuthenticationRequiredError(later) && later.code).toBe("code_spent");
    expect(fixture.codeRedemptions()).toBe(2);
    await credential.close();
  });

  it("a fault that outlasts the retries fails the call; the code stays unspent for the next call", async () => {
    const { credential } = fixture.webAppCredential([vaultScope], {
      transportOptions: { maxRetries: 2 },
    });
    fixture.authority.injectFault({
      endpoint: "token",
      grantType: "authorization_code",
      kind: "server-error",
      status: 503,
      count: 3,
    });

    const error = await rejectionOf(credential.getToken(vaultScope));
    expect(isAuthenticationError(error)).toBe(true);
    expect(fixture.codeRedemptions()).toBe(3);

    const token = await credential.getToken(vaultScope);
    expect(claimsOf(token.token).aud).toBe("https://vault.azure.net");
    expect(fixture.codeRedemptions()).toBe(4);
    await credential.close();
  });
});

describe("permanent failures fail fast", () => {
  it("invalid_client (401) is not retried, and the answered code is not sent again", async () => {
    const { credential } = fixture.webAppCredential();
    fixture.authority.injectFault({
      endpoint: "token",
      kind: "entra-error",
      error: "invalid_client",
      errorCode: 7000215,
      description: "Invalid client secret provided.",
    });

    const error = await rejectionOf(credential.getToken(vaultScope));

    expect(isAuthenticationError(error) && error.errorResponse.error).toBe("invalid_client");
    expect((error as Error).message).toContain("AADSTS7000215");
    expect(fixture.codeRedemptions()).toBe(1);
    await rejectionOf(credential.getToken(vaultScope));
    expect(fixture.codeRedemptions()).toBe(1);
    await credential.close();
  });

  it("a wrong client secret is refused once (AADSTS7000215)", async () => {
    const code = fixture.mintWebAppCode();
    const credential = new AuthorizationCodeCredential(
      defaultTenantId,
      defaultWebAppClientId,
      "not-the-secret",
      code,
      defaultWebAppRedirectUri,
      fixture.options(),
    );

    const error = await rejectionOf(credential.getToken(vaultScope));

    expect(isAuthenticationError(error) && error.errorResponse.errorCodes).toContain(7000215);
    expect(fixture.allRequests()).toBe(2);
    await credential.close();
  });
});
