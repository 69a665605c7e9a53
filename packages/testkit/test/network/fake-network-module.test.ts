import { describe, expect, test } from "vitest";
import {
  entraError,
  FakeNetworkModule,
  inSequence,
  onceThen,
  type RecordedRequest,
  tokenResponse,
} from "../../src/index.js";
import { flushMicrotasks } from "../helpers.js";

const tokenUrl = "https://login.microsoftonline.com/contoso/oauth2/v2.0/token";
const form = (fields: Record<string, string>) => ({
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});

describe("FakeNetworkModule matching", () => {
  test("answers a scripted POST with status, headers and body", async () => {
    const fake = new FakeNetworkModule().on("POST", tokenUrl, {
      status: 201,
      headers: { "X-Ms-Request-Id": "abc" },
      body: { ok: true },
    });
    const response = await fake.sendPostRequestAsync<{ ok: boolean }>(tokenUrl, form({}));
    expect(response).toEqual({
      status: 201,
      headers: { "content-type": "application/json; charset=utf-8", "x-ms-request-id": "abc" },
      body: { ok: true },
    });
  });

  test("a string pattern matches the URL without its query, exactly or as a suffix", async () => {
    const fake = new FakeNetworkModule().on("POST", "/oauth2/v2.0/token", { body: { n: 1 } });
    await expect(
      fake.sendPostRequestAsync(`${tokenUrl}?client-request-id=1`, form({})),
    ).resolves.toMatchObject({ body: { n: 1 } });
    await expect(
      fake.sendPostRequestAsync("https://login.microsoftonline.com/other/oauth2/v2.0/token"),
    ).resolves.toMatchObject({ body: { n: 1 } });
    await expect(
      fake.sendPostRequestAsync("https://login.microsoftonline.com/other/oauth2/v2.0/token/x"),
    ).rejects.toMatchObject({ code: "unmatched_request" });
  });

  test("a RegExp pattern sees the query string", async () => {
    const fake = new FakeNetworkModule().on("GET", /api-version=1\.1/g, { body: { v: "1.1" } });
    await expect(fake.sendGetRequestAsync("https://h/x?api-version=1.1")).resolves.toMatchObject({
      body: { v: "1.1" },
    });
    // A global RegExp must not carry lastIndex from one request into the next.
    await expect(fake.sendGetRequestAsync("https://h/x?api-version=1.1")).resolves.toMatchObject({
      body: { v: "1.1" },
    });
    await expect(fake.sendGetRequestAsync("https://h/x?api-version=2.0")).rejects.toMatchObject({
      code: "unmatched_request",
    });
  });

  test("the method must match", async () => {
    const fake = new FakeNetworkModule().on("GET", tokenUrl, { body: {} });
    await expect(fake.sendPostRequestAsync(tokenUrl)).rejects.toMatchObject({
      code: "unmatched_request",
    });
  });

  test("the rule added last wins", async () => {
    const fake = new FakeNetworkModule()
      .on("POST", tokenUrl, { body: { from: "default" } })
      .on("POST", tokenUrl, { body: { from: "override" } });
    await expect(fake.sendPostRequestAsync(tokenUrl)).resolves.toMatchObject({
      body: { from: "override" },
    });
  });

  test("an unmatched request fails naming method and URL without the query", async () => {
    const fake = new FakeNetworkModule().on("GET", "/discovery/instance", { body: {} });
    const error = await fake
      .sendPostRequestAsync(`${tokenUrl}?code=secret-code-value`, form({ code: "x" }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "TestkitError", code: "unmatched_request" });
    const message = (error as Error).message;
    expect(message).toContain(`POST ${tokenUrl} `);
    expect(message).toContain('GET "/discovery/instance"');
    expect(message).not.toContain("secret-code-value");
    expect(message).toMatch(/^FakeNetworkModule: .+\. Script one with .+\.$/);
  });

  test("a responder function sees the parsed request and may throw", async () => {
    const seen: RecordedRequest[] = [];
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    const fake = new FakeNetworkModule().on("POST", tokenUrl, (request) => {
      seen.push(request);
      if (request.form.grant_type === "refresh_token") throw refused;
      return { body: { grant: request.form.grant_type } };
    });
    await expect(
      fake.sendPostRequestAsync(tokenUrl, form({ grant_type: "authorization_code" })),
    ).resolves.toMatchObject({ body: { grant: "authorization_code" } });
    await expect(
      fake.sendPostRequestAsync(tokenUrl, form({ grant_type: "refresh_token" })),
    ).rejects.toBe(refused);
    expect(seen.map((r) => r.formParams.get("grant_type"))).toEqual([
      "authorization_code",
      "refresh_token",
    ]);
  });

  test("a responder returning nothing fails with invalid_responder", async () => {
    const fake = new FakeNetworkModule().on("GET", tokenUrl, () => undefined as never);
    await expect(fake.sendGetRequestAsync(tokenUrl)).rejects.toMatchObject({
      code: "invalid_responder",
    });
  });

  test("bodies are cloned, so code under test cannot alter the script", async () => {
    const fake = new FakeNetworkModule().on("GET", tokenUrl, { body: { list: [1] } });
    const first = await fake.sendGetRequestAsync<{ list: number[] }>(tokenUrl);
    first.body.list.push(2);
    const second = await fake.sendGetRequestAsync<{ list: number[] }>(tokenUrl);
    expect(second.body.list).toEqual([1]);
  });

  test("onceThen answers in order and repeats its last step", async () => {
    const fake = new FakeNetworkModule().on(
      "POST",
      tokenUrl,
      onceThen(entraError({ status: 503, error: "temporarily_unavailable" }), { body: { n: 2 } }),
    );
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fake.sendPostRequestAsync(tokenUrl)).status);
    expect(statuses).toEqual([503, 200, 200]);
  });

  test("inSequence fails once its steps are used up", async () => {
    const fake = new FakeNetworkModule().on("POST", tokenUrl, inSequence({ body: { n: 1 } }));
    await fake.sendPostRequestAsync(tokenUrl);
    await expect(fake.sendPostRequestAsync(tokenUrl)).rejects.toMatchObject({
      code: "responder_exhausted",
    });
  });
});

describe("FakeNetworkModule recording", () => {
  test("records method, URL, lower-cased headers, form fields, query and timeout", async () => {
    const fake = new FakeNetworkModule()
      .on("POST", tokenUrl, tokenResponse({ scope: "s" }))
      .on("GET", /openid-configuration/, { body: {} });
    await fake.sendGetRequestAsync(
      "https://login.microsoftonline.com/contoso/v2.0/.well-known/openid-configuration?x=1",
      { headers: { "X-Client-SKU": "msal.js.node" } },
      3_000,
    );
    await fake.sendPostRequestAsync(`${tokenUrl}?client-request-id=abc`, {
      ...form({ grant_type: "refresh_token", scope: "a b", client_id: "app" }),
      correlationId: "corr-1",
    });
    const [get, post] = fake.requests;
    expect(get).toMatchObject({
      index: 0,
      method: "GET",
      headers: { "x-client-sku": "msal.js.node" },
      query: { x: "1" },
      timeout: 3_000,
      body: undefined,
      form: {},
    });
    expect(post).toMatchObject({
      index: 1,
      method: "POST",
      url: `${tokenUrl}?client-request-id=abc`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      form: { grant_type: "refresh_token", scope: "a b", client_id: "app" },
      query: { "client-request-id": "abc" },
      correlationId: "corr-1",
    });
  });

  test("a JSON body is not parsed as a form", async () => {
    const fake = new FakeNetworkModule().on("POST", tokenUrl, { body: {} });
    await fake.sendPostRequestAsync(tokenUrl, {
      headers: { "content-type": "application/json" },
      body: '{"a=b":1}',
    });
    expect(fake.requests[0]?.form).toEqual({});
    expect(fake.requests[0]?.body).toBe('{"a=b":1}');
  });

  test("requestsTo and countPosts filter the record; unmatched requests are recorded too", async () => {
    const fake = new FakeNetworkModule().on("POST", "/token", { body: {} });
    await fake.sendPostRequestAsync(tokenUrl, form({ grant_type: "authorization_code" }));
    await fake.sendPostRequestAsync(tokenUrl, form({ grant_type: "refresh_token", scope: "x" }));
    await fake.sendPostRequestAsync(tokenUrl, form({ grant_type: "refresh_token", scope: "y" }));
    await fake.sendGetRequestAsync("https://h/unscripted").catch(() => undefined);
    expect(fake.requests).toHaveLength(4);
    expect(fake.requestsTo("/token")).toHaveLength(3);
    expect(fake.requestsTo("https://h/unscripted", "GET")).toHaveLength(1);
    expect(fake.requestsTo("https://h/unscripted", "POST")).toHaveLength(0);
    expect(fake.countPosts()).toBe(3);
    expect(fake.countPosts({ grant_type: "refresh_token" })).toBe(2);
    expect(fake.countPosts({ grant_type: "refresh_token", scope: "y" })).toBe(1);
    expect(fake.countPosts({ grant_type: "client_credentials" })).toBe(0);
  });

  test("clearRequests keeps the script; reset forgets both", async () => {
    const fake = new FakeNetworkModule().on("GET", tokenUrl, { body: {} });
    await fake.sendGetRequestAsync(tokenUrl);
    fake.clearRequests();
    expect(fake.requests).toHaveLength(0);
    await expect(fake.sendGetRequestAsync(tokenUrl)).resolves.toMatchObject({ status: 200 });
    fake.reset();
    expect(fake.requests).toHaveLength(0);
    await expect(fake.sendGetRequestAsync(tokenUrl)).rejects.toMatchObject({
      code: "unmatched_request",
    });
  });
});

describe("FakeNetworkModule hold", () => {
  test("1,000 callers pile up on a held request and all get the answer after release", async () => {
    const fake = new FakeNetworkModule().on("POST", tokenUrl, { body: { ok: 1 } });
    const release = fake.hold();
    const calls = Array.from({ length: 1_000 }, () => fake.sendPostRequestAsync(tokenUrl));
    await fake.waitForRequests(1_000);
    await flushMicrotasks();
    expect(fake.heldRequests).toBe(1_000);
    let settled = 0;
    for (const call of calls) void call.then(() => settled++);
    await flushMicrotasks();
    expect(settled).toBe(0);
    release();
    const responses = await Promise.all(calls);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(fake.heldRequests).toBe(0);
  });

  test("the answer is chosen after the hold, so a test can script it while requests wait", async () => {
    const fake = new FakeNetworkModule().on("POST", tokenUrl, { body: { v: "before" } });
    const release = fake.hold();
    const call = fake.sendPostRequestAsync(tokenUrl);
    await fake.waitForRequests(1);
    fake.on("POST", tokenUrl, { body: { v: "after" } });
    release();
    await expect(call).resolves.toMatchObject({ body: { v: "after" } });
  });

  test("requests wait until every hold is released; releasing twice is harmless", async () => {
    const fake = new FakeNetworkModule().on("GET", tokenUrl, { body: {} });
    const first = fake.hold();
    const second = fake.hold();
    let done = false;
    const call = fake.sendGetRequestAsync(tokenUrl).then(() => {
      done = true;
    });
    first();
    first();
    await flushMicrotasks();
    expect(done).toBe(false);
    second();
    await call;
    expect(done).toBe(true);
  });
});

describe("FakeNetworkModule.serveAuthorityMetadata", () => {
  test("scripts instance discovery and the OpenID configuration MSAL fetches", async () => {
    const fake = new FakeNetworkModule().serveAuthorityMetadata(
      "https://login.microsoftonline.com/contoso.onmicrosoft.com/",
    );
    const discovery = await fake.sendGetRequestAsync<{ metadata: { aliases: string[] }[] }>(
      "https://login.microsoftonline.com/common/discovery/instance?api-version=1.1&authorization_endpoint=x",
    );
    expect(discovery.body.metadata[0]?.aliases).toContain("login.windows.net");
    const config = await fake.sendGetRequestAsync<{ token_endpoint: string }>(
      "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration",
    );
    expect(config.body.token_endpoint).toBe(
      "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token",
    );
  });
});
