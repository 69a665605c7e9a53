import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type DevAuthority,
  defaultFamilyClientId,
  defaultGuestTenantId,
  defaultPublicClientId,
  defaultTenantId,
  defaultUsername,
  defaultWebAppClientId,
  defaultWebAppRedirectUri,
  defaultWebAppSecret,
  startDevAuthority,
} from "../src/index.js";
import {
  decodePayload,
  type ErrorBody,
  manualClock,
  pkce,
  postToken,
  publicRedirectUri,
  type TokenBody,
  tokenEndpoint,
} from "./helpers/authority-helpers.js";
import { postForm, request } from "./helpers/https-client.js";

const clock = manualClock();
let authority: DevAuthority;
beforeAll(async () => {
  authority = await startDevAuthority({ clock });
});
beforeEach(() => authority.reset());
afterAll(() => authority.close());

const scopes = "https://storage.azure.com/.default openid profile offline_access";

function mint(overrides: Partial<Parameters<DevAuthority["mintCode"]>[0]> = {}) {
  return authority.mintCode({ username: defaultUsername, scopes, ...overrides });
}

function redeem(
  code: string,
  overrides: Record<string, string | undefined> = {},
  headers?: Record<string, string>,
) {
  return postToken(
    authority,
    {
      grant_type: "authorization_code",
      client_id: defaultPublicClientId,
      code,
      redirect_uri: publicRedirectUri,
      scope: scopes,
      client_info: "1",
      ...overrides,
    },
    { headers },
  );
}

function expectEntraError(body: ErrorBody, error: string, code: number) {
  expect(body.error).toBe(error);
  expect(body.error_codes).toEqual([code]);
  expect(body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
}

describe("authorization_code grant: success", () => {
  it("returns MSAL's token response shape with the right claims", async () => {
    const user = authority.getUser(defaultUsername)!;
    const response = await redeem(mint({ nonce: "n-123" }));
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(response.headers["cache-control"]).toContain("no-store");
    const body = response.json<TokenBody>();
    expect(body).toMatchObject({
      token_type: "Bearer",
      expires_in: 3600,
      ext_expires_in: 3600,
      foci: "1",
    });
    expect(body.refresh_in).toBeUndefined();
    expect(body.scope).toBe(
      "https://storage.azure.com/user_impersonation https://storage.azure.com/.default openid profile offline_access",
    );
    expect(body.refresh_token).toMatch(/^1\.A/);
    const home = user.tenants[0]!;
    expect(JSON.parse(Buffer.from(body.client_info!, "base64url").toString())).toEqual({
      uid: home.objectId,
      utid: defaultTenantId,
    });

    const now = Math.floor(clock.now() / 1000);
    const access = decodePayload(body.access_token);
    expect(access).toMatchObject({
      aud: "https://storage.azure.com",
      iss: `https://sts.windows.net/${defaultTenantId}/`,
      tid: defaultTenantId,
      oid: home.objectId,
      upn: defaultUsername,
      scp: "user_impersonation",
      appid: defaultPublicClientId,
      appidacr: "0",
      iat: now,
      nbf: now,
      exp: now + 3600,
      ver: "1.0",
    });
    expect(access.sub).toEqual(expect.any(String));
    expect(access.xms_cc).toBeUndefined();

    const id = decodePayload(body.id_token!);
    expect(id).toMatchObject({
      aud: defaultPublicClientId,
      iss: `${authority.url}/${defaultTenantId}/v2.0`,
      tid: defaultTenantId,
      oid: home.objectId,
      preferred_username: defaultUsername,
      name: "Alice Smith",
      nonce: "n-123",
      ver: "2.0",
      iat: now,
      nbf: now,
    });
    expect(id.sub).not.toBe(access.sub);
  });

  it("omits id_token, refresh_token and client_info when not asked for", async () => {
    const code = mint({ scopes: "User.Read" });
    const body = (
      await redeem(code, { scope: "User.Read", client_info: undefined })
    ).json<TokenBody>();
    expect(body.id_token).toBeUndefined();
    expect(body.refresh_token).toBeUndefined();
    expect(body.client_info).toBeUndefined();
    expect(decodePayload(body.access_token).aud).toBe("https://graph.microsoft.com");
  });

  it("issues guest-tenant tokens with the guest oid but the home account in client_info", async () => {
    const user = authority.getUser(defaultUsername)!;
    const guest = user.tenants.find((profile) => profile.tenantId === defaultGuestTenantId)!;
    const code = mint({ tenant: defaultGuestTenantId });
    const response = await postToken(
      authority,
      {
        grant_type: "authorization_code",
        client_id: defaultPublicClientId,
        code,
        redirect_uri: publicRedirectUri,
        scope: scopes,
        client_info: "1",
      },
      { tenant: defaultGuestTenantId },
    );
    const body = response.json<TokenBody>();
    const access = decodePayload(body.access_token);
    expect(access).toMatchObject({
      tid: defaultGuestTenantId,
      oid: guest.objectId,
      idp: `https://sts.windows.net/${defaultTenantId}/`,
    });
    expect(access.upn).toBeUndefined();
    expect(guest.objectId).not.toBe(user.tenants[0]!.objectId);
    expect(JSON.parse(Buffer.from(body.client_info!, "base64url").toString()).utid).toBe(
      defaultTenantId,
    );
    expect(decodePayload(body.id_token!).tid).toBe(defaultGuestTenantId);
  });

  it("echoes client-request-id as correlation_id in errors and headers", async () => {
    const correlation = "6f1b2c3d-0000-4000-8000-00000000abcd";
    const response = await redeem("not-a-code", {}, { "client-request-id": correlation });
    expect(response.headers["client-request-id"]).toBe(correlation);
    const body = response.json<ErrorBody>();
    expect(body.correlation_id).toBe(correlation);
    expect(body.error_description).toContain(`\r\nCorrelation ID: ${correlation}\r\n`);
  });

  it("echoes client-request-id from the query string, where MSAL sends it on token requests", async () => {
    const correlation = "7a2b3c4d-0000-4000-8000-00000000dcba";
    const url = `${tokenEndpoint(authority)}?client-request-id=${correlation}`;
    const response = await postForm(
      url,
      {
        grant_type: "authorization_code",
        client_id: defaultPublicClientId,
        code: "not-a-code",
        redirect_uri: publicRedirectUri,
        scope: scopes,
      },
      { ca: authority.caPem },
    );
    expect(response.json<ErrorBody>().correlation_id).toBe(correlation);
  });
});

describe("authorization_code grant: Entra errors", () => {
  it("has Entra's exact error shape", async () => {
    const response = await redeem("not-a-code");
    expect(response.status).toBe(400);
    const body = response.json<ErrorBody>();
    expect(Object.keys(body)).toEqual([
      "error",
      "error_description",
      "error_codes",
      "timestamp",
      "trace_id",
      "correlation_id",
      "error_uri",
    ]);
    expect(body.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/);
    expect(body.error_description).toBe(
      `AADSTS70000: Provided grant is invalid or malformed. The authorization code is not recognized.\r\nTrace ID: ${body.trace_id}\r\nCorrelation ID: ${body.correlation_id}\r\nTimestamp: ${body.timestamp}`,
    );
    expect(body.error_uri).toBe(`${authority.url}/error?code=70000`);
    expect(response.headers["x-ms-request-id"]).toBe(body.trace_id);
  });

  it("redeems a code once: the second redemption gets AADSTS54005", async () => {
    const code = mint();
    expect((await redeem(code)).status).toBe(200);
    const second = await redeem(code);
    expect(second.status).toBe(400);
    expectEntraError(second.json<ErrorBody>(), "invalid_grant", 54005);
  });

  it("redeems a code once under a race of concurrent redemptions", async () => {
    const code = mint();
    const results = await Promise.all(Array.from({ length: 5 }, () => redeem(code)));
    expect(results.map((result) => result.status).sort()).toEqual([200, 400, 400, 400, 400]);
  });

  it("expires codes after codeExpiresIn (AADSTS70008), and on expireCode()", async () => {
    const code = mint();
    clock.advance(600_000);
    expectEntraError((await redeem(code)).json<ErrorBody>(), "invalid_grant", 70008);
    const fresh = mint();
    clock.advance(599_000);
    expect(authority.expireCode(fresh)).toBe(true);
    expectEntraError((await redeem(fresh)).json<ErrorBody>(), "invalid_grant", 70008);
    expect(authority.expireCode("unknown")).toBe(false);
  });

  it("requires the redirect_uri used at sign-in (AADSTS50011)", async () => {
    const code = mint();
    const response = await redeem(code, { redirect_uri: "http://localhost:8400/other" });
    expectEntraError(response.json<ErrorBody>(), "invalid_grant", 50011);
    expectEntraError(
      (await redeem(mint(), { redirect_uri: undefined })).json<ErrorBody>(),
      "invalid_request",
      900144,
    );
  });

  it("checks the PKCE S256 verifier (AADSTS50148) and accepts the right one", async () => {
    const { verifier, challenge } = pkce();
    const wrong = await redeem(mint({ codeChallenge: challenge }), {
      code_verifier: pkce().verifier,
    });
    expectEntraError(wrong.json<ErrorBody>(), "invalid_grant", 50148);
    const missing = await redeem(mint({ codeChallenge: challenge }));
    expectEntraError(missing.json<ErrorBody>(), "invalid_grant", 50148);
    expect(
      (await redeem(mint({ codeChallenge: challenge }), { code_verifier: verifier })).status,
    ).toBe(200);
    const plain = mint({ codeChallenge: verifier, codeChallengeMethod: "plain" });
    expect((await redeem(plain, { code_verifier: verifier })).status).toBe(200);
  });

  it("binds the code to its client", async () => {
    const response = await redeem(mint(), { client_id: defaultFamilyClientId });
    expectEntraError(response.json<ErrorBody>(), "invalid_grant", 70000);
  });

  it("refuses scopes of two resources (AADSTS28000) without spending the code", async () => {
    const code = mint();
    const response = await redeem(code, {
      scope: "https://vault.azure.net/.default https://storage.azure.com/.default",
    });
    expectEntraError(response.json<ErrorBody>(), "invalid_request", 28000);
    expect((await redeem(code)).status).toBe(200);
  });

  it.each([
    ["grant_type", { grant_type: undefined }],
    ["client_id", { client_id: undefined }],
    ["code", { code: undefined }],
  ])("names the missing parameter %s (AADSTS900144)", async (name, overrides) => {
    const body = (await redeem(mint(), overrides)).json<ErrorBody>();
    expectEntraError(body, "invalid_request", 900144);
    expect(body.error_description).toContain(`'${name}'`);
  });

  it("refuses unknown clients (AADSTS700016), unknown grants (70003) and unknown tenants (90002)", async () => {
    expectEntraError(
      (await redeem(mint(), { client_id: "nobody" })).json<ErrorBody>(),
      "unauthorized_client",
      700016,
    );
    expectEntraError(
      (await redeem(mint(), { grant_type: "password" })).json<ErrorBody>(),
      "unsupported_grant_type",
      70003,
    );
    const response = await postToken(
      authority,
      { grant_type: "authorization_code" },
      { tenant: "nope.test" },
    );
    expectEntraError(response.json<ErrorBody>(), "invalid_request", 90002);
  });

  it("accepts only POST", async () => {
    const response = await request(tokenEndpoint(authority), { ca: authority.caPem });
    expect(response.status).toBe(405);
    expectEntraError(response.json<ErrorBody>(), "invalid_request", 900561);
  });

  it("refuses a code redeemed at another tenant", async () => {
    const code = mint();
    const response = await postToken(
      authority,
      {
        grant_type: "authorization_code",
        client_id: defaultPublicClientId,
        code,
        redirect_uri: publicRedirectUri,
        scope: scopes,
      },
      { tenant: defaultGuestTenantId },
    );
    expectEntraError(response.json<ErrorBody>(), "invalid_grant", 70000);
  });
});

describe("confidential clients with a secret", () => {
  const webCode = () =>
    authority.mintCode({
      username: defaultUsername,
      clientId: defaultWebAppClientId,
      scopes,
      redirectUri: defaultWebAppRedirectUri,
    });
  const redeemWeb = (
    code: string,
    extra: Record<string, string | undefined>,
    headers?: Record<string, string>,
  ) =>
    redeem(
      code,
      { client_id: defaultWebAppClientId, redirect_uri: defaultWebAppRedirectUri, ...extra },
      headers,
    );

  it("accepts the secret in the body (appidacr 1), without foci", async () => {
    const response = await redeemWeb(webCode(), { client_secret: defaultWebAppSecret });
    expect(response.status).toBe(200);
    const body = response.json<TokenBody>();
    expect(body.foci).toBeUndefined();
    expect(decodePayload(body.access_token).appidacr).toBe("1");
  });

  it("accepts the secret by HTTP Basic", async () => {
    const basic = Buffer.from(`${defaultWebAppClientId}:${defaultWebAppSecret}`).toString("base64");
    const response = await redeemWeb(
      webCode(),
      { client_id: undefined },
      { authorization: `Basic ${basic}` },
    );
    expect(response.status).toBe(200);
  });

  it("refuses a missing secret (AADSTS7000218) and a wrong one (AADSTS7000215) with 401", async () => {
    const missing = await redeemWeb(webCode(), {});
    expect(missing.status).toBe(401);
    expectEntraError(missing.json<ErrorBody>(), "invalid_client", 7000218);
    const wrong = await redeemWeb(webCode(), { client_secret: "not-the-secret" });
    expect(wrong.status).toBe(401);
    expectEntraError(wrong.json<ErrorBody>(), "invalid_client", 7000215);
  });

  it("refuses a secret from a public client (AADSTS700025)", async () => {
    const response = await redeem(mint(), { client_secret: "anything" });
    expect(response.status).toBe(401);
    expectEntraError(response.json<ErrorBody>(), "invalid_client", 700025);
  });
});
