import { isAuthenticationRequiredError } from "@entrakit/core";
import { describe, expect, it } from "vitest";
import {
  claimsOf,
  rejectionOf,
  useAuthorityFixture,
  vaultScope,
  waitUntil,
} from "../helpers/dev-authority";

const fixture = useAuthorityFixture();

// A delayed request takes its fault when it arrives, so an empty fault list means the
// authority has the request in hand.
const arrived = () => fixture.authority.listFaults().length === 0;

describe("an abort signal stops one call, and the code's fate follows what was sent", () => {
  it("aborted while the code is at the authority: the call rejects, and the code is treated as spent", async () => {
    const { credential } = fixture.webAppCredential();
    fixture.authority.injectFault({
      endpoint: "token",
      grantType: "authorization_code",
      kind: "delay",
      delayMs: 600,
    });
    const controller = new AbortController();
    const call = rejectionOf(credential.getToken(vaultScope, { abortSignal: controller.signal }));
    await waitUntil(arrived, "the redemption reached the authority");
    controller.abort();

    expect(await call).toMatchObject({ name: "AbortError" });
    const later = await rejectionOf(credential.getToken(vaultScope));
    expect(isAuthenticationRequiredError(later) && later.code).toBe("code_spent");
    expect((later as Error).message).toMatch(
      /aborted after the code may have reached the authority/,
    );

    // Why: the authority still processes the abandoned request, and it did redeem the code.
    await waitUntil(() => fixture.codeRedemptions() === 1, "the abandoned request was answered");
    expect(fixture.authority.requestLog({ grantType: "authorization_code" })[0]?.status).toBe(200);
    await credential.close();
  });

  it("aborted before the code left the process: the code stays unspent and a later call redeems it", async () => {
    const { credential } = fixture.webAppCredential();
    fixture.authority.injectFault({
      endpoint: "openid-configuration",
      kind: "delay",
      delayMs: 600,
    });
    const controller = new AbortController();
    const call = rejectionOf(credential.getToken(vaultScope, { abortSignal: controller.signal }));
    await waitUntil(arrived, "the OpenID configuration request reached the authority");
    controller.abort();

    expect(await call).toMatchObject({ name: "AbortError" });
    const token = await credential.getToken(vaultScope);
    expect(claimsOf(token.token).aud).toBe("https://vault.azure.net");
    expect(fixture.codeRedemptions()).toBe(1);
    await credential.close();
  });

  it("an abort stops only its own call: a caller without a signal sharing the redemption gets the token", async () => {
    const { credential } = fixture.webAppCredential();
    fixture.authority.injectFault({
      endpoint: "token",
      grantType: "authorization_code",
      kind: "delay",
      delayMs: 600,
    });
    const controller = new AbortController();
    const aborted = rejectionOf(
      credential.getToken(vaultScope, { abortSignal: controller.signal }),
    );
    const patient = credential.getToken(vaultScope);
    await waitUntil(arrived, "the redemption reached the authority");
    controller.abort();

    expect(await aborted).toMatchObject({ name: "AbortError" });
    expect(claimsOf((await patient).token).aud).toBe("https://vault.azure.net");
    expect(fixture.codeRedemptions()).toBe(1);
    await credential.close();
  });

  it("a signal aborted before the call sends nothing and spends nothing", async () => {
    const { credential } = fixture.webAppCredential();
    const error = await rejectionOf(
      credential.getToken(vaultScope, { abortSignal: AbortSignal.abort() }),
    );

    expect(error).toMatchObject({ name: "AbortError" });
    expect(fixture.allRequests()).toBe(0);
    await credential.getToken(vaultScope);
    expect(fixture.codeRedemptions()).toBe(1);
    await credential.close();
  });
});
