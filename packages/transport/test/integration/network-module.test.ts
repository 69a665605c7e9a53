import { isAuthenticationError } from "@entrakit/core";
import { captureAzureLogs, ManualClock } from "@entrakit/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AttemptRecord,
  createNetworkModule,
  runWithAbortSignal,
  type TransportOptions,
  transportVersion,
} from "../../src/index.js";
import { type TestCertificate, testCertificates } from "../helpers/certificates.js";
import { rejection } from "../helpers/rejection.js";
import {
  closedPort,
  hang,
  json,
  resetAfterRequest,
  startTestServer,
  type TestServer,
  text,
  truncated,
} from "../helpers/servers.js";

let certificate: TestCertificate;
let server: TestServer;

beforeAll(async () => {
  certificate = testCertificates().server;
  server = await startTestServer(certificate);
});

afterAll(async () => {
  await server.close();
});

function transport(options: TransportOptions = {}) {
  const clock = new ManualClock({ autoAdvance: true });
  const attempts: AttemptRecord[] = [];
  const network = createNetworkModule({
    ca: certificate.cert,
    clock,
    env: {},
    random: () => 0.5,
    onAttempt: (record) => attempts.push(record),
    ...options,
  });
  return { network, clock, attempts };
}

function fresh(...handlers: Parameters<TestServer["script"]>) {
  server.script(...handlers);
  server.requests.length = 0;
}

const form =
  "grant_type=authorization_code&client_id=app&code=abc123&redirect_uri=https%3A%2F%2Fapp%2Fcb";

describe("successful requests", () => {
  it("returns status, lower-case headers and the parsed body of a GET", async () => {
    fresh(json(200, { issuer: "https://login.test/" }, { "X-Ms-Request-Id": "r-1" }));
    const { network, attempts } = transport();
    const response = await network.sendGetRequestAsync<{ issuer: string }>(
      `${server.origin}/tenant/v2.0/.well-known/openid-configuration`,
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ issuer: "https://login.test/" });
    expect(response.headers["x-ms-request-id"]).toBe("r-1");
    expect(attempts).toEqual([
      expect.objectContaining({ attempt: 1, status: 200, stopReason: "final_response" }),
    ]);
  });

  it("delivers the POST body and MSAL's headers intact, with the user agent", async () => {
    fresh(json(200, { access_token: "at", token_type: "Bearer", expires_in: 3600 }));
    const { network } = transport({ userAgentPrefix: "my-app/1.2" });
    const body = `${form}&scope=${encodeURIComponent("https://graph.microsoft.com/.default ünï")}`;
    await network.sendPostRequestAsync(`${server.origin}/tenant/oauth2/v2.0/token?dc=x`, {
      body,
      headers: {
        "Content-Type": "application/x-www-form-urlencoded;charset=utf-8",
        "x-client-SKU": "msal.js.node",
        "Content-Length": "1",
      },
    });
    const [received] = server.requests;
    expect(received?.method).toBe("POST");
    expect(received?.url).toBe("/tenant/oauth2/v2.0/token?dc=x");
    expect(received?.body).toBe(body);
    expect(received?.headers["content-type"]).toBe(
      "application/x-www-form-urlencoded;charset=utf-8",
    );
    expect(received?.headers["x-client-sku"]).toBe("msal.js.node");
    expect(received?.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
    expect(received?.headers["user-agent"]).toMatch(
      new RegExp(
        `^my-app/1\\.2 entrakit-transport/${transportVersion.replace(/\./g, "\\.")} Node/`,
      ),
    );
  });

  it("returns an empty body as {}", async () => {
    fresh((_request, response) => response.writeHead(204).end());
    const { network } = transport();
    const response = await network.sendGetRequestAsync(`${server.origin}/empty`);
    expect(response).toMatchObject({ status: 204, body: {} });
  });

  it("returns a JSON 400 Entra error without retrying, for MSAL to read", async () => {
    const entraError = {
      error: "invalid_grant",
      error_description: "AADSTS54005: OAuth2 Authorization code was already redeemed.",
      error_codes: [54005],
    };
    fresh(json(400, entraError));
    const { network, attempts } = transport();
    const response = await network.sendPostRequestAsync(`${server.origin}/token`, { body: form });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(entraError);
    expect(server.requests).toHaveLength(1);
    expect(attempts).toHaveLength(1);
  });
});

describe("retries", () => {
  it("retries a 500 and reports every attempt, including on success", async () => {
    fresh(json(500, { error: "server_error" }), json(200, { ok: 1 }));
    const { network, attempts, clock } = transport();
    const response = await network.sendGetRequestAsync(`${server.origin}/a?secret=1`);
    expect(response.body).toEqual({ ok: 1 });
    expect(clock.sleeps).toEqual([400]);
    expect(attempts).toEqual([
      expect.objectContaining({
        attempt: 1,
        status: 500,
        retryDelayMs: 400,
        mayHaveReachedServer: true,
      }),
      expect.objectContaining({ attempt: 2, status: 200, stopReason: "final_response" }),
    ]);
    expect(attempts[0]?.url).toBe(`${server.origin}/a?[redacted]`);
  });

  it("logs each retry at verbose with method, host, path, status, attempt and delay, no query", async () => {
    fresh(json(500, {}), json(200, {}));
    const logs = captureAzureLogs();
    try {
      const { network } = transport();
      await network.sendGetRequestAsync(`${server.origin}/tenant/discovery?code=query-value`);
    } finally {
      logs.dispose();
    }
    expect(logs.lines).toContainEqual(
      expect.stringContaining(
        `Transport => request: retrying method=GET host=127.0.0.1:${server.port} path=/tenant/discovery status=500 attempt=1 delayMs=400`,
      ),
    );
    expect(logs.lines.join("\n")).not.toContain("query-value");
  });

  it("returns the last JSON 503 once retries are exhausted, with exponential jittered delays", async () => {
    fresh(json(503, { error: "temporarily_unavailable" }));
    const { network, attempts, clock } = transport();
    const response = await network.sendPostRequestAsync(`${server.origin}/token`, { body: form });
    expect(response.status).toBe(503);
    expect(server.requests).toHaveLength(4);
    expect(clock.sleeps).toEqual([400, 800, 1600]);
    expect(attempts.at(-1)).toMatchObject({ attempt: 4, stopReason: "max_retries" });
  });

  it("honours Retry-After in seconds, capped by maxRetryDelayMs", async () => {
    fresh(
      json(429, { error: "throttled" }, { "Retry-After": "7" }),
      json(429, {}, { "Retry-After": "120" }),
      json(200, {}),
    );
    const { network, clock } = transport({ maxRetryDelayMs: 30_000, maxTotalTimeMs: 120_000 });
    const response = await network.sendGetRequestAsync(`${server.origin}/throttled`);
    expect(response.status).toBe(200);
    expect(clock.sleeps).toEqual([7000, 30_000]);
  });

  it("honours Retry-After as an HTTP date", async () => {
    const clock = new ManualClock({ start: Date.UTC(2030, 0, 1, 12, 0, 0), autoAdvance: true });
    const retryAt = new Date(Date.UTC(2030, 0, 1, 12, 0, 5)).toUTCString();
    fresh(json(503, {}, { "Retry-After": retryAt }), json(200, {}));
    const { network } = transport({ clock });
    await network.sendGetRequestAsync(`${server.origin}/date`);
    expect(clock.sleeps).toEqual([5000]);
  });

  it("retries 408 but not 501", async () => {
    fresh(json(408, {}), json(501, { error: "not_implemented" }));
    const { network } = transport();
    const response = await network.sendGetRequestAsync(`${server.origin}/x`);
    expect(response.status).toBe(501);
    expect(server.requests).toHaveLength(2);
  });

  it("stops when the next retry would not fit in maxTotalTimeMs", async () => {
    fresh(json(503, {}, { "Retry-After": "1" }));
    const { network, attempts, clock } = transport({ maxTotalTimeMs: 2500, maxRetries: 10 });
    const response = await network.sendGetRequestAsync(`${server.origin}/budget`);
    expect(response.status).toBe(503);
    expect(clock.sleeps).toEqual([1000]);
    expect(attempts.map((record) => record.stopReason)).toEqual([undefined, "time_budget"]);
  });

  it("makes no retry with maxRetries 0", async () => {
    fresh(json(503, {}));
    const { network } = transport({ maxRetries: 0 });
    await network.sendGetRequestAsync(`${server.origin}/once`);
    expect(server.requests).toHaveLength(1);
  });
});

describe("connection faults", () => {
  it("always retries a POST whose connection was reset before it was sent", async () => {
    fresh(json(200, { ok: true }));
    server.resetConnections(2);
    const { network, attempts } = transport({ retryPostAfterSend: false });
    const response = await network.sendPostRequestAsync(`${server.origin}/token`, { body: form });
    expect(response.body).toEqual({ ok: true });
    expect(server.requests).toHaveLength(1);
    expect(attempts.slice(0, 2)).toEqual([
      expect.objectContaining({ errorKind: "connection_reset", mayHaveReachedServer: false }),
      expect.objectContaining({ errorKind: "connection_reset", mayHaveReachedServer: false }),
    ]);
  });

  it("does not retry a POST reset after sending when retryPostAfterSend is false", async () => {
    fresh(resetAfterRequest(), json(200, {}));
    const { network } = transport({ retryPostAfterSend: false });
    const error = await rejection(
      network.sendPostRequestAsync(`${server.origin}/token`, { body: form }),
    );
    expect(isAuthenticationError(error)).toBe(true);
    expect(error.code).toBe("network_error");
    expect(error.statusCode).toBe(0);
    expect(error.mayHaveReachedServer).toBe(true);
    expect(error.attempts).toEqual([
      expect.objectContaining({
        errorKind: "connection_reset",
        mayHaveReachedServer: true,
        stopReason: "post_may_have_reached_server",
      }),
    ]);
    expect(error.message).toContain("may have been spent");
    expect(server.requests).toHaveLength(1);
  });

  it("retries a POST reset after sending by default, and says it may have reached the server", async () => {
    fresh(resetAfterRequest(), json(200, { ok: true }));
    const { network, attempts } = transport();
    const response = await network.sendPostRequestAsync(`${server.origin}/token`, { body: form });
    expect(response.body).toEqual({ ok: true });
    expect(attempts[0]).toMatchObject({
      errorKind: "connection_reset",
      mayHaveReachedServer: true,
    });
    expect(server.requests).toHaveLength(2);
  });

  it("retries a GET reset after sending even when POST retries are off", async () => {
    fresh(resetAfterRequest(), json(200, { ok: true }));
    const { network } = transport({ retryPostAfterSend: false });
    const response = await network.sendGetRequestAsync(`${server.origin}/metadata`);
    expect(response.body).toEqual({ ok: true });
  });

  it("gives up on a refused connection after maxRetries, naming the host but no query", async () => {
    const port = await closedPort();
    const { network, clock } = transport({ retryPostAfterSend: false });
    const error = await rejection(
      network.sendPostRequestAsync(`https://127.0.0.1:${port}/token?code=query-secret`, {
        body: form,
      }),
    );
    expect(error.code).toBe("network_error");
    expect(error.message).toContain(`https://127.0.0.1:${port}/token`);
    expect(error.message).toContain("4 attempts");
    expect(error.message).toContain("ECONNREFUSED");
    expect(error.message).not.toContain("query-secret");
    expect(error.message).not.toContain("may have been spent");
    expect(error.mayHaveReachedServer).toBe(false);
    expect(error.attempts.map((record) => record.errorKind)).toEqual(
      Array(4).fill("connection_refused"),
    );
    expect(clock.sleeps).toHaveLength(3);
    expect(error.cause).toMatchObject({ name: "NetworkError", code: "ECONNREFUSED" });
  });

  it("times out a slow response, retrying within the budget", async () => {
    fresh(hang());
    const { network } = transport({ timeoutMs: 100, maxRetries: 1 });
    const error = await rejection(network.sendGetRequestAsync(`${server.origin}/slow`));
    expect(error.code).toBe("timeout");
    expect(error.attempts.map((record) => record.errorKind)).toEqual(["timeout", "timeout"]);
    expect(error.attempts[0]?.mayHaveReachedServer).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it("lets MSAL's GET timeout win and treats the request as a probe", async () => {
    fresh(hang());
    const { network } = transport({ timeoutMs: 30_000 });
    const error = await rejection(network.sendGetRequestAsync(`${server.origin}/imds`, {}, 100));
    expect(error.code).toBe("timeout");
    expect(error.attempts).toEqual([expect.objectContaining({ stopReason: "probe" })]);
  });
});

describe("bodies MSAL cannot use", () => {
  it("throws invalid_response for malformed JSON, keeping the raw response non-enumerable", async () => {
    fresh(text(200, '{"access_token": "abc", ', "application/json"));
    const { network } = transport();
    const error = await rejection(network.sendGetRequestAsync(`${server.origin}/bad`));
    expect(error.code).toBe("invalid_response");
    expect(error.statusCode).toBe(200);
    expect(error.message).toContain("answered status 200 with application/json, not JSON");
    expect(Object.keys(error)).not.toContain("response");
    expect((error as unknown as { response: { body: string } }).response.body).toContain(
      "access_token",
    );
    expect(error.attempts).toHaveLength(1);
  });

  it("throws invalid_response for a truncated body after retrying", async () => {
    fresh(truncated(200, '{"access_token":"eyJ', 400));
    const { network } = transport();
    const error = await rejection(network.sendGetRequestAsync(`${server.origin}/cut`));
    expect(error.code).toBe("invalid_response");
    expect(error.message).toContain("ended before its body was complete");
    expect(error.message).toContain("of 400 bytes");
    expect(error.attempts.map((record) => record.errorKind)).toEqual(
      Array(4).fill("truncated_body"),
    );
  });

  it("throws invalid_response for an HTML error page with a short excerpt", async () => {
    const page = `<html><head><style>body{}</style><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>${"<p>lorem ipsum</p>".repeat(200)}</body></html>`;
    fresh(text(502, page));
    const { network } = transport();
    const error = await rejection(
      network.sendPostRequestAsync(`${server.origin}/token`, { body: form }),
    );
    expect(error.code).toBe("invalid_response");
    expect(error.statusCode).toBe(502);
    expect(error.message).toContain(
      "Transport: the authority answered status 502 with text/html, not JSON.",
    );
    const excerpt = /the body starts "([^"]*)"/.exec(error.message)?.[1] ?? "";
    expect(excerpt.startsWith("502 Bad Gateway Bad Gateway")).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(120);
    expect(error.message).not.toContain("<html>");
    expect(server.requests).toHaveLength(4);
  });
});

describe("abort", () => {
  it("destroys the socket and rejects with aborted when aborted mid-request", async () => {
    fresh(hang());
    const { network } = transport();
    const controller = new AbortController();
    const pending = runWithAbortSignal(controller.signal, () =>
      network.sendPostRequestAsync(`${server.origin}/token`, { body: form }),
    );
    await server.nextRequest();
    const socketClosed = server.nextSocketClose();
    controller.abort();
    const error = await rejection(pending);
    await socketClosed;
    expect(error.code).toBe("aborted");
    expect(error.attempts).toEqual([
      expect.objectContaining({
        errorKind: "aborted",
        mayHaveReachedServer: true,
        stopReason: "aborted",
      }),
    ]);
  });

  it("stops waiting when aborted during backoff", async () => {
    fresh(json(503, {}));
    const controller = new AbortController();
    const { network, clock } = transport({ abortSignal: controller.signal });
    clock.autoAdvance = false;
    const sleeping = clock.nextSleep();
    const pending = network.sendGetRequestAsync(`${server.origin}/backoff`);
    await sleeping;
    controller.abort(new Error("caller gave up"));
    const error = await rejection(pending);
    expect(error.code).toBe("aborted");
    expect(error.cause).toEqual(new Error("caller gave up"));
    expect(error.attempts).toEqual([expect.objectContaining({ status: 503, retryDelayMs: 400 })]);
    expect(server.requests).toHaveLength(1);
  });

  it("sends nothing when the signal has already aborted", async () => {
    fresh(json(200, {}));
    const { network } = transport();
    const before = server.connections;
    const error = await rejection(
      runWithAbortSignal(AbortSignal.abort(), () =>
        network.sendGetRequestAsync(`${server.origin}/x`),
      ),
    );
    expect(error.code).toBe("aborted");
    expect(error.attempts).toEqual([]);
    expect(server.connections).toBe(before);
  });
});
