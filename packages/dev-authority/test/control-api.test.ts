import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevAuthority, defaultUsername, startDevAuthority } from "../src/index.js";
import {
  type ErrorBody,
  get,
  postToken,
  refresh,
  signInAndRedeem,
  type TokenBody,
} from "./helpers/authority-helpers.js";
import { request, sendJson } from "./helpers/https-client.js";

let authority: DevAuthority;
beforeAll(async () => {
  authority = await startDevAuthority();
});
afterAll(() => authority.close());

const control = (method: string, action: string, body?: unknown) =>
  sendJson(`${authority.url}/_control/${action}`, method, body, { ca: authority.caPem });

describe("the /_control JSON API", () => {
  it("registers a tenant, an app and a user, mints a code and redeems it", async () => {
    const tenantId = "44444444-5555-4666-8777-888888888888";
    expect(
      (await control("POST", "tenants", { tenantId, domains: ["northwind.test"] })).status,
    ).toBe(200);
    const app = {
      clientId: "control-app",
      clientSecret: "control-secret",
      redirectUris: ["https://app.test/cb"],
    };
    expect((await control("POST", "apps", app)).status).toBe(200);
    const user = await control("POST", "users", {
      username: "erin@northwind.test",
      homeTenantId: "northwind.test",
    });
    expect(user.json()).toMatchObject({ username: "erin@northwind.test", homeTenantId: tenantId });
    expect((await control("GET", "user?username=erin@northwind.test")).json()).toMatchObject({
      homeTenantId: tenantId,
    });

    const minted = await control("POST", "codes", {
      username: "erin@northwind.test",
      clientId: "control-app",
      scopes: ["User.Read", "offline_access"],
    });
    const { code } = minted.json<{ code: string }>();
    const token = await postToken(
      authority,
      {
        grant_type: "authorization_code",
        client_id: "control-app",
        client_secret: "control-secret",
        code,
        redirect_uri: "https://app.test/cb",
      },
      { tenant: "northwind.test" },
    );
    expect(token.status).toBe(200);

    const expired = await control("POST", "codes/expire", { code });
    expect(expired.json()).toEqual({ expired: true });
  });

  it("sets lifetimes, expires refresh tokens and revokes sessions", async () => {
    expect((await control("PUT", "lifetimes", { expiresIn: 120, refreshIn: 60 })).status).toBe(200);
    const tokens = await signInAndRedeem(authority);
    expect(tokens).toMatchObject({ expires_in: 120, refresh_in: 60 });

    const single = await control("POST", "refresh-tokens/expire", {
      refreshToken: tokens.refresh_token,
    });
    expect(single.json()).toEqual({ expired: true });
    expect((await refresh(authority, tokens.refresh_token!)).json<ErrorBody>().error_codes).toEqual(
      [70008],
    );

    const again = await signInAndRedeem(authority);
    expect(
      (await control("POST", "refresh-tokens/expire", { username: defaultUsername })).json(),
    ).toEqual({ expired: 1 });
    expect((await refresh(authority, again.refresh_token!)).status).toBe(400);

    const third = await signInAndRedeem(authority);
    const revoked = await control("POST", "sessions/revoke", { username: defaultUsername });
    expect(JSON.parse(revoked.json<{ claims: string }>().claims)).toHaveProperty(
      "access_token.nbf.essential",
      true,
    );
    expect((await refresh(authority, third.refresh_token!)).json<ErrorBody>().error_codes).toEqual([
      50173,
    ]);
  });

  it("injects, lists and clears faults; reads the log and counts; resets", async () => {
    const { id } = (
      await control("POST", "faults", {
        endpoint: "me",
        kind: "server-error",
        status: 503,
        count: 3,
      })
    ).json<{ id: string }>();
    expect((await control("GET", "faults")).json()).toEqual([
      { id, endpoint: "me", kind: "server-error", remaining: 3 },
    ]);
    expect((await get(authority, "/me")).status).toBe(503);
    expect((await control("DELETE", `faults?id=${id}`)).status).toBe(200);
    expect((await control("GET", "faults")).json()).toEqual([]);

    const log = (await control("GET", "log?endpoint=me")).json<
      { status: number; fault: string }[]
    >();
    expect(log.at(-1)).toMatchObject({ status: 503, fault: "server-error" });
    await signInAndRedeem(authority);
    const count = (await control("GET", "count?grantType=authorization_code")).json<{
      count: number;
    }>();
    expect(count.count).toBeGreaterThan(0);

    expect((await control("POST", "reset")).status).toBe(200);
    expect((await control("GET", "count")).json()).toEqual({ count: 0 });
    expect((await control("GET", "user?username=erin@northwind.test")).json()).toBeNull();
    expect((await control("DELETE", "log")).status).toBe(200);
  });

  it("serves the CA as PEM", async () => {
    const response = await request(`${authority.url}/_control/ca`, { ca: authority.caPem });
    expect(response.body).toBe(authority.caPem);
  });

  it("answers invalid input with 400 and a message, unknown routes with 404", async () => {
    const invalid = await control("POST", "codes", {
      username: "nobody@contoso.test",
      scopes: "User.Read",
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json()).toEqual({
      error: "invalid_request",
      message: "mintCode: username 'nobody@contoso.test' is not a registered user.",
    });
    const notJson = await request(`${authority.url}/_control/apps`, {
      ca: authority.caPem,
      method: "POST",
      body: "{",
    });
    expect(notJson.status).toBe(400);
    expect((await control("POST", "apps", [])).status).toBe(400);
    expect((await control("GET", "nothing")).status).toBe(404);
  });

  it("is absent when enableControlApi is false", async () => {
    await using closed = await startDevAuthority({ enableControlApi: false });
    const response = await request(`${closed.url}/_control/log`, { ca: closed.caPem });
    expect(response.status).toBe(404);
    expect(closed.mintCode({ username: defaultUsername, scopes: "User.Read" })).toMatch(/^0\.A/);
  });

  it("keeps token responses well-formed after control changes", async () => {
    const body: TokenBody = await signInAndRedeem(authority);
    expect(body.token_type).toBe("Bearer");
  });
});
