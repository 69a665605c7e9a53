import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type DevAuthority,
  defaultPublicClientId,
  defaultUsername,
  startDevAuthority,
} from "../src/index.js";
import {
  type ErrorBody,
  get,
  postToken,
  publicRedirectUri,
  refresh,
  signInAndRedeem,
  tokenEndpoint,
} from "./helpers/authority-helpers.js";
import { postForm } from "./helpers/https-client.js";

let authority: DevAuthority;
beforeAll(async () => {
  authority = await startDevAuthority();
});
beforeEach(() => authority.reset());
afterAll(() => authority.close());

const openIdPath = () =>
  `/${authority.authorityUrl().split("/").pop()}/v2.0/.well-known/openid-configuration`;

describe("fault kinds", () => {
  it("server-error: a 5xx with a plain-text body", async () => {
    authority.injectFault({ endpoint: "token", kind: "server-error", status: 503 });
    const response = await postToken(authority, { grant_type: "refresh_token" });
    expect(response.status).toBe(503);
    expect(response.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(response.body).toBe("Service Unavailable");
    authority.injectFault({ endpoint: "token", kind: "server-error" });
    expect((await postToken(authority, {})).status).toBe(500);
  });

  it("throttle: 429 with Retry-After and an Entra body", async () => {
    authority.injectFault({ endpoint: "token", kind: "throttle", retryAfterSeconds: 7 });
    const response = await postToken(authority, { grant_type: "refresh_token" });
    expect(response.status).toBe(429);
    expect(response.headers["retry-after"]).toBe("7");
    expect(response.json<ErrorBody>()).toMatchObject({
      error: "temporarily_unavailable",
      error_codes: [90033],
    });
  });

  it("html: an HTML error page where JSON is expected", async () => {
    authority.injectFault({ endpoint: "openid-configuration", kind: "html" });
    const response = await get(authority, openIdPath());
    expect(response.status).toBe(502);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.body).toContain("<h1>502 Bad Gateway</h1>");
  });

  it("malformed-json: truncated JSON with a JSON content type", async () => {
    authority.injectFault({ endpoint: "token", kind: "malformed-json" });
    const response = await postToken(authority, { grant_type: "refresh_token" });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(() => JSON.parse(response.body)).toThrow(SyntaxError);
  });

  it("reset: the connection is dropped without a response", async () => {
    authority.injectFault({ endpoint: "token", kind: "reset" });
    await expect(postToken(authority, { grant_type: "refresh_token" })).rejects.toMatchObject({
      code: "ECONNRESET",
    });
    expect(authority.requestLog({ endpoint: "token" })[0]).toMatchObject({
      status: 0,
      fault: "reset",
    });
  });

  it("delay: a client timeout fires, yet the request is still processed (the code is spent)", async () => {
    const code = authority.mintCode({ username: defaultUsername, scopes: "User.Read" });
    const params = {
      grant_type: "authorization_code",
      client_id: defaultPublicClientId,
      code,
      redirect_uri: publicRedirectUri,
    };
    authority.injectFault({ endpoint: "token", kind: "delay", delayMs: 300 });
    await expect(
      postForm(tokenEndpoint(authority), params, { ca: authority.caPem, timeoutMs: 50 }),
    ).rejects.toMatchObject({ code: "ETIMEDOUT" });
    await expect
      .poll(() => authority.countRequests({ endpoint: "token" }), { timeout: 5_000, interval: 20 })
      .toBe(1);
    const retry = await postToken(authority, params);
    expect(retry.json<ErrorBody>().error_codes).toEqual([54005]);
  });

  it("entra-error: any Entra error in the exact shape, with claims", async () => {
    authority.injectFault({
      endpoint: "token",
      kind: "entra-error",
      error: "interaction_required",
      errorCode: 50076,
      description:
        "Due to a configuration change made by your administrator, you must use multi-factor authentication.",
      claims: '{"access_token":{"capolids":{"essential":true,"values":["x"]}}}',
      suberror: "basic_action",
    });
    const response = await postToken(
      authority,
      { grant_type: "refresh_token" },
      { headers: { "client-request-id": "abc-123" } },
    );
    expect(response.status).toBe(400);
    const body = response.json<ErrorBody>();
    expect(body).toMatchObject({
      error: "interaction_required",
      error_codes: [50076],
      correlation_id: "abc-123",
      suberror: "basic_action",
      claims: '{"access_token":{"capolids":{"essential":true,"values":["x"]}}}',
    });
    expect(body.error_description).toMatch(/^AADSTS50076: Due to a configuration change/);
    authority.injectFault({ endpoint: "token", kind: "entra-error", error: "invalid_client" });
    expect((await postToken(authority, {})).status).toBe(401);
  });

  it("json: any body and status", async () => {
    authority.injectFault({
      endpoint: "keys",
      kind: "json",
      status: 418,
      body: { hello: "world" },
      headers: { "x-test": "1" },
    });
    const response = await get(
      authority,
      `/${authority.authorityUrl().split("/").pop()}/discovery/v2.0/keys`,
    );
    expect(response.status).toBe(418);
    expect(response.headers["x-test"]).toBe("1");
    expect(response.json()).toEqual({ hello: "world" });
  });
});

describe("closing with a delayed request pending", () => {
  it("drops the delayed request instead of waiting for it", async () => {
    const short = await startDevAuthority();
    short.injectFault({ endpoint: "openid-configuration", kind: "delay", delayMs: 60_000 });
    const pending = get(short, "/common/v2.0/.well-known/openid-configuration");
    await expect.poll(() => short.listFaults().length, { interval: 10 }).toBe(0);
    const started = Date.now();
    await short.close();
    await expect(pending).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe("fault matching", () => {
  it("fails exactly count matching requests, then behaves normally", async () => {
    authority.injectFault({ endpoint: "openid-configuration", kind: "server-error", count: 2 });
    expect(authority.listFaults()).toMatchObject([
      { endpoint: "openid-configuration", kind: "server-error", remaining: 2 },
    ]);
    expect((await get(authority, openIdPath())).status).toBe(500);
    expect((await get(authority, openIdPath())).status).toBe(500);
    expect((await get(authority, openIdPath())).status).toBe(200);
    expect(authority.listFaults()).toEqual([]);
  });

  it("matches by endpoint, grant type and client id", async () => {
    const tokens = await signInAndRedeem(authority);
    authority.injectFault({
      endpoint: "token",
      grantType: "refresh_token",
      clientId: "someone-else",
      kind: "server-error",
    });
    authority.injectFault({ endpoint: "token", grantType: "refresh_token", kind: "throttle" });
    expect((await get(authority, openIdPath())).status).toBe(200);
    expect((await signInAndRedeem(authority)).access_token).toBeTruthy();
    expect((await refresh(authority, tokens.refresh_token!)).status).toBe(429);
    expect(authority.listFaults()).toHaveLength(1);
  });

  it("applies endpoint any to everything, and clearFaults disarms", async () => {
    const id = authority.injectFault({ endpoint: "any", kind: "server-error", count: 5 });
    expect((await get(authority, "/me")).status).toBe(500);
    authority.clearFaults(id);
    expect((await get(authority, openIdPath())).status).toBe(200);
    authority.injectFault({ endpoint: "any", kind: "server-error" });
    authority.clearFaults();
    expect(authority.listFaults()).toEqual([]);
  });

  it("validates faults with TypeError/RangeError", () => {
    expect(() => authority.injectFault({ endpoint: "nowhere" as "token", kind: "reset" })).toThrow(
      TypeError,
    );
    expect(() => authority.injectFault({ endpoint: "token", kind: "explode" as "reset" })).toThrow(
      TypeError,
    );
    expect(() => authority.injectFault({ endpoint: "token", kind: "reset", count: 0 })).toThrow(
      RangeError,
    );
    expect(() =>
      authority.injectFault({ endpoint: "token", kind: "server-error", status: 42 }),
    ).toThrow(RangeError);
    expect(() => authority.injectFault({ endpoint: "token", kind: "delay", delayMs: -1 })).toThrow(
      RangeError,
    );
    expect(() =>
      authority.injectFault({ endpoint: "token", kind: "entra-error", error: "" }),
    ).toThrow(TypeError);
  });
});
