import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DevAuthority,
  defaultPublicClientId,
  defaultUsername,
  redactedValue,
  startDevAuthority,
} from "../src/index.js";
import {
  get,
  postToken,
  publicRedirectUri,
  refresh,
  signInAndRedeem,
  type TokenBody,
} from "./helpers/authority-helpers.js";
import { request } from "./helpers/https-client.js";

const planted = (label: string) => `planted-${label}-${randomBytes(12).toString("hex")}`;
const secret = planted("secret");
const password = planted("password");
const confidentialId = "22222222-3333-4444-8555-666666666666";
let authority: DevAuthority;
beforeAll(async () => {
  authority = await startDevAuthority({
    apps: [{ clientId: confidentialId, clientSecret: secret, redirectUris: [publicRedirectUri] }],
    users: [{ username: "dave@contoso.test", password }],
  });
});
afterAll(() => authority.close());

describe("the request log", () => {
  it("records endpoint, grant type, client, scopes, status and correlation id", async () => {
    authority.clearRequestLog();
    const tokens = await signInAndRedeem(authority, { scopes: "User.Read offline_access" });
    await refresh(authority, tokens.refresh_token!, { scope: "https://vault.azure.net/.default" });
    await postToken(
      authority,
      {
        grant_type: "refresh_token",
        client_id: defaultPublicClientId,
        refresh_token: "x",
        scope: "User.Read",
      },
      { headers: { "client-request-id": "corr-1" } },
    );
    const log = authority.requestLog({ endpoint: "token" });
    expect(log.map(({ grantType, status }) => [grantType, status])).toEqual([
      ["authorization_code", 200],
      ["refresh_token", 200],
      ["refresh_token", 400],
    ]);
    expect(log[1]).toMatchObject({
      method: "POST",
      path: `/${authority.authorityUrl().split("/").pop()}/oauth2/v2.0/token`,
      clientId: defaultPublicClientId,
      scopes: ["https://vault.azure.net/.default"],
      fault: undefined,
    });
    expect(log[2]?.correlationId).toBe("corr-1");
    expect(Number.isNaN(Date.parse(log[0]?.timestamp ?? ""))).toBe(false);
    expect(authority.countRequests({ grantType: "refresh_token" })).toBe(2);
    expect(authority.countRequests({ grantType: "refresh_token", status: 200 })).toBe(1);
    expect(authority.countRequests({ grantType: "authorization_code" })).toBe(1);
    authority.clearRequestLog();
    expect(authority.requestLog()).toEqual([]);
  });

  it("never holds a secret, code, verifier, assertion, token or password in clear", async () => {
    authority.clearRequestLog();
    const verifier = planted("verifier");
    const assertion = planted("assertion");
    const code = authority.mintCode({
      username: defaultUsername,
      clientId: confidentialId,
      scopes: "User.Read openid offline_access",
    });
    const good = await postToken(authority, {
      grant_type: "authorization_code",
      client_id: confidentialId,
      client_secret: secret,
      code,
      redirect_uri: publicRedirectUri,
      code_verifier: verifier,
    });
    const tokens = good.json<TokenBody>();
    const wrongSecret = await postToken(authority, {
      grant_type: "authorization_code",
      client_id: confidentialId,
      client_secret: `${secret}-wrong`,
      code,
      redirect_uri: publicRedirectUri,
    });
    const badAssertion = await postToken(authority, {
      grant_type: "refresh_token",
      client_id: confidentialId,
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: assertion,
      refresh_token: tokens.refresh_token,
      scope: "User.Read",
    });
    const reused = await postToken(authority, {
      grant_type: "authorization_code",
      client_id: confidentialId,
      client_secret: secret,
      code,
      redirect_uri: publicRedirectUri,
    });
    await get(authority, "/me", { authorization: `Bearer ${tokens.access_token}` });
    const authorize = new URL(`${authority.authorityUrl()}/oauth2/v2.0/authorize`);
    authorize.search = new URLSearchParams({
      client_id: defaultPublicClientId,
      response_type: "code",
      redirect_uri: publicRedirectUri,
      scope: "User.Read",
      auto: "1",
      user: "dave@contoso.test",
      password,
    }).toString();
    const signedIn = await request(authorize.toString(), { ca: authority.caPem });

    const secrets = [
      secret,
      password,
      verifier,
      assertion,
      code,
      tokens.access_token,
      tokens.refresh_token!,
      tokens.id_token!,
    ];
    const issuedCode = new URL(String(signedIn.headers.location)).searchParams.get("code") ?? "";
    secrets.push(issuedCode);
    const control = await request(`${authority.url}/_control/log`, { ca: authority.caPem });
    const texts = {
      log: JSON.stringify(authority.requestLog()),
      controlLog: control.body,
      errors: [wrongSecret.body, badAssertion.body, reused.body].join("\n"),
    };
    for (const [where, text] of Object.entries(texts)) {
      for (const value of secrets) {
        expect(text.includes(value), `${where} holds a planted value`).toBe(false);
      }
    }
    expect([wrongSecret.status, badAssertion.status, reused.status]).toEqual([401, 401, 400]);
    const entry = authority.requestLog({ endpoint: "token" })[0];
    expect(entry?.params).toMatchObject({
      grant_type: "authorization_code",
      client_id: confidentialId,
      client_secret: redactedValue,
      code: redactedValue,
      code_verifier: redactedValue,
      redirect_uri: publicRedirectUri,
    });
    expect(authority.requestLog({ endpoint: "authorize" })[0]?.params).toMatchObject({
      user: "dave@contoso.test",
      password: redactedValue,
    });
    expect(authority.requestLog({ endpoint: "authorize" })[0]?.path).not.toContain("?");
  });

  it("does not log control API calls", async () => {
    authority.clearRequestLog();
    await request(`${authority.url}/_control/faults`, { ca: authority.caPem });
    expect(authority.requestLog()).toEqual([]);
  });
});
