import { describe, expect, test } from "vitest";
import { decodeJwtPayload, defaultClientInfo, tokenResponse } from "../../src/index.js";

const scope = "https://vault.azure.net/user_impersonation";

describe("tokenResponse", () => {
  test("builds Entra's token response body", () => {
    const response = tokenResponse({
      scope,
      accessToken: "at-1",
      expiresIn: 600,
      refreshIn: 300,
      refreshToken: "rt-1",
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      token_type: "Bearer",
      scope,
      expires_in: 600,
      ext_expires_in: 600,
      refresh_in: 300,
      access_token: "at-1",
      refresh_token: "rt-1",
    });
    expect(response.body?.foci).toBeUndefined();
  });

  test("client_info and the id token name the same account", () => {
    const clientInfo = { uid: "uid-1", utid: "tenant-1" };
    const body = tokenResponse({
      scope,
      clientInfo,
      now: Date.UTC(2026, 0, 1),
      clientId: "app-1",
      idTokenClaims: { preferred_username: "ada@contoso.com", nonce: "n-1" },
    }).body!;
    expect(JSON.parse(Buffer.from(body.client_info, "base64url").toString())).toEqual(clientInfo);
    const issuedAt = Date.UTC(2026, 0, 1) / 1000;
    expect(decodeJwtPayload(body.id_token)).toMatchObject({
      aud: "app-1",
      iss: "https://login.microsoftonline.com/tenant-1/v2.0",
      oid: "uid-1",
      tid: "tenant-1",
      iat: issuedAt,
      exp: issuedAt + 3600,
      ver: "2.0",
      preferred_username: "ada@contoso.com",
      nonce: "n-1",
    });
  });

  test("defaults: the fixed test account, a JWT access token, a fresh refresh token", () => {
    const first = tokenResponse({ scope, now: 0 }).body!;
    const second = tokenResponse({ scope, now: 0 }).body!;
    expect(decodeJwtPayload(first.id_token)).toMatchObject({
      oid: defaultClientInfo.uid,
      tid: defaultClientInfo.utid,
    });
    expect(decodeJwtPayload(first.access_token)).toMatchObject({
      aud: "https://vault.azure.net",
      scp: scope,
      exp: 3600,
    });
    expect(first.expires_in).toBe(3600);
    expect(first.refresh_in).toBeUndefined();
    expect(first.refresh_token).toMatch(/^0\.A[A-Za-z0-9_-]{60,}$/);
    expect(first.refresh_token).not.toBe(second.refresh_token);
    expect(first.access_token).not.toBe(second.access_token);
  });

  test("refreshToken: null leaves the refresh token out; foci marks the family", () => {
    expect(tokenResponse({ scope, refreshToken: null }).body).not.toHaveProperty("refresh_token");
    expect(tokenResponse({ scope, foci: true }).body?.foci).toBe("1");
    expect(tokenResponse({ scope, foci: "2" }).body?.foci).toBe("2");
    expect(tokenResponse({ scope, foci: false }).body).not.toHaveProperty("foci");
  });
});
