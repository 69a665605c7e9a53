import { isClosedError } from "@entrakit/async-context";
import { describe, expect, it } from "vitest";
import type { AuthorizationCodeCredential } from "../../src/authorization-code-credential";
import {
  claimsOf,
  rejectionOf,
  storageScope,
  useAuthorityFixture,
  vaultScope,
  waitUntil,
} from "../helpers/dev-authority";

const fixture = useAuthorityFixture();

describe("close() and await using", () => {
  it("calls after close() reject with ClosedError and send nothing, cached scopes included", async () => {
    const { credential } = fixture.webAppCredential();
    await credential.getToken(vaultScope);
    await credential.close();
    const requests = fixture.allRequests();

    for (const call of [
      () => credential.getToken(vaultScope),
      () => credential.getToken(storageScope),
      () => credential.getTokenInfo(vaultScope, { enableCae: true }),
    ]) {
      const error = await rejectionOf(call());
      expect(isClosedError(error)).toBe(true);
      expect((error as Error).message).toMatch(/^AuthorizationCodeCredential\.getToken: /);
    }
    expect(fixture.allRequests()).toBe(requests);
  });

  it("close() waits for a call in flight, which completes", async () => {
    const { credential } = fixture.webAppCredential();
    fixture.authority.injectFault({
      endpoint: "token",
      grantType: "authorization_code",
      kind: "delay",
      delayMs: 300,
    });
    const order: string[] = [];
    const call = credential.getToken(vaultScope).then((token) => {
      order.push("call");
      return token;
    });
    await waitUntil(() => fixture.authority.listFaults().length === 0, "the redemption arrived");
    const closing = credential.close().then(() => order.push("close"));
    const late = rejectionOf(credential.getToken(storageScope));

    await Promise.all([call, closing]);
    expect(order).toEqual(["call", "close"]);
    expect(claimsOf((await call).token).aud).toBe("https://vault.azure.net");
    expect(isClosedError(await late)).toBe(true);
  });

  it("close() is idempotent", async () => {
    const { credential } = fixture.webAppCredential();
    await Promise.all([credential.close(), credential.close()]);
    await credential.close();
    expect(isClosedError(await rejectionOf(credential.getToken(vaultScope)))).toBe(true);
  });

  it("await using closes the credential at the end of its scope", async () => {
    let escaped: AuthorizationCodeCredential | undefined;
    {
      await using credential = fixture.webAppCredential().credential;
      escaped = credential;
      expect(claimsOf((await credential.getToken(vaultScope)).token).aud).toBe(
        "https://vault.azure.net",
      );
    }
    expect(isClosedError(await rejectionOf(escaped.getToken(vaultScope)))).toBe(true);
  });
});
