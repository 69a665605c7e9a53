import { describe, expect, it } from "vitest";
import { RefreshTokenRedeemer } from "../src/refresh-token-redeemer";
import { fakeMsalApps } from "./helpers/fake-msal-app";

const request = (scope: string, enableCae = false) => ({
  scopes: [scope],
  tenantId: "organizations",
  claims: undefined,
  enableCae,
  forceRefresh: false,
  abortSignal: new AbortController().signal,
  options: {},
});

function redeemer(respond: Parameters<typeof fakeMsalApps>[0]) {
  const apps = fakeMsalApps(respond);
  const instance = new RefreshTokenRedeemer({
    component: "SharedTokenCacheCredential",
    clientId: "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
    authorityHost: "https://login.microsoftonline.com",
    tenantId: "organizations",
    knownAuthorities: [],
    networkClient: {} as never,
    factory: apps.factory,
  });
  return { instance, apps };
}

describe("RefreshTokenRedeemer", () => {
  it("reports only the entries this redemption produced", async () => {
    const { instance } = redeemer((call) => ({
      accessToken: `at-${call.scopes[0]}`,
      expiresOn: new Date(Date.UTC(2026, 0, 1, 1)),
      entries: {
        AccessToken: { [`key-${call.scopes[0]}`]: { secret: call.scopes[0] } },
        RefreshToken: { rt: { secret: "same" } },
      },
    }));
    const first = await instance.redeem(request("a"), "rt-1", () => Date.UTC(2026, 0, 1));
    const second = await instance.redeem(request("b"), "rt-1", () => Date.UTC(2026, 0, 1));
    expect(first.entries).toEqual({
      AccessToken: { "key-a": { secret: "a" } },
      RefreshToken: { rt: { secret: "same" } },
    });
    expect(second.entries).toEqual({ AccessToken: { "key-b": { secret: "b" } } });
    expect(second.token).toMatchObject({ token: "at-b", tokenType: "Bearer" });
  });

  it("redeems one token at a time per application, so concurrent entries never mix", async () => {
    const { instance } = redeemer((call) => ({
      accessToken: "at",
      expiresOn: new Date(Date.UTC(2026, 0, 1, 1)),
      entries: { AccessToken: { [call.scopes[0] ?? ""]: { secret: "x" } } },
    }));
    const results = await Promise.all(
      ["a", "b", "c"].map((scope) => instance.redeem(request(scope), "rt", () => 0)),
    );
    expect(results.map((r) => Object.keys(r.entries.AccessToken ?? {}))).toEqual([
      ["a"],
      ["b"],
      ["c"],
    ]);
  });

  it("builds one application per CAE setting, the CAE one with client capability cp1, and asks MSAL to keep the tokens", async () => {
    const { instance, apps } = redeemer(() => ({
      accessToken: "at",
      expiresOn: new Date(Date.UTC(2026, 0, 1, 1)),
    }));
    await instance.redeem(request("a"), "rt", () => 0);
    await instance.redeem(request("a", true), "rt", () => 0);
    await instance.redeem(request("b", true), "rt", () => 0);
    expect(apps.configs.map((c) => c.clientCapabilities)).toEqual([[], ["cp1"]]);
    expect(apps.calls.map((c) => [c.authority, c.forceCache])).toEqual([
      ["https://login.microsoftonline.com/organizations", true],
      ["https://login.microsoftonline.com/organizations", true],
      ["https://login.microsoftonline.com/organizations", true],
    ]);
  });

  it("keeps working after a failed redemption", async () => {
    let fail = true;
    const { instance } = redeemer(() => {
      if (fail) {
        fail = false;
        return {
          error: Object.assign(new Error("x"), {
            errorCode: "invalid_grant",
            errorMessage: "AADSTS70000: no",
          }),
        };
      }
      return { accessToken: "at", expiresOn: new Date(Date.UTC(2026, 0, 1, 1)) };
    });
    await expect(instance.redeem(request("a"), "rt", () => 0)).rejects.toMatchObject({
      code: "invalid_grant",
    });
    await expect(instance.redeem(request("a"), "rt", () => 0)).resolves.toMatchObject({
      token: { token: "at" },
    });
  });
});
