import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createNetworkModule,
  currentTransportDiagnostics,
  runWithTransportContext,
  transportErrorBehind,
} from "../../src/index.js";
import { type TestCertificate, testCertificates } from "../helpers/certificates.js";
import { json, resetAfterRequest, startTestServer, type TestServer } from "../helpers/servers.js";

let certificate: TestCertificate;
let server: TestServer;

beforeAll(async () => {
  certificate = testCertificates().server;
  server = await startTestServer(certificate);
});

afterAll(async () => {
  await server.close();
});

function transport() {
  return createNetworkModule({
    ca: certificate.cert,
    retryDelayMs: 0,
    env: {},
    random: () => 0.5,
    maxRetries: 1,
  });
}

describe("runWithTransportContext", () => {
  it("collects every attempt of the requests made inside it, retries included", async () => {
    server.script(resetAfterRequest(), json(200, { ok: true }));
    const network = transport();
    const outcome = await runWithTransportContext({}, async (diagnostics) => {
      const response = await network.sendPostRequestAsync(`${server.origin}/token`, {
        body: "a=1",
      });
      return { response, diagnostics };
    });
    expect(outcome.response.status).toBe(200);
    expect(outcome.diagnostics.attempts.map((a) => a.attempt)).toEqual([1, 2]);
    expect(outcome.diagnostics.attempts[0]?.mayHaveReachedServer).toBe(true);
    expect(outcome.diagnostics.errors).toEqual([]);
  });

  it("keeps the transport's own error, which MSAL would replace with a bare network_error", async () => {
    server.script(resetAfterRequest(), resetAfterRequest());
    const network = transport();
    let seen: Error[] = [];
    await runWithTransportContext({}, async (diagnostics) => {
      seen = diagnostics.errors;
      await network
        .sendPostRequestAsync(`${server.origin}/token`, { body: "a=1" })
        .catch(() => undefined);
    });
    expect(seen).toHaveLength(1);
    expect((seen[0] as Error & { code?: string }).code).toBe("network_error");
  });

  it("transportErrorBehind recovers that error from MSAL's bare network_error, and nothing else", async () => {
    server.script(resetAfterRequest(), resetAfterRequest());
    const network = transport();
    const recovered = await runWithTransportContext({}, async (diagnostics) => {
      await network
        .sendPostRequestAsync(`${server.origin}/token`, { body: "a=1" })
        .catch(() => undefined);
      const msalNetworkError = Object.assign(new Error("network_error"), {
        errorCode: "network_error",
      });
      const msalOther = Object.assign(new Error("invalid_grant"), { errorCode: "invalid_grant" });
      return {
        fromNetwork: transportErrorBehind(msalNetworkError, diagnostics),
        fromOther: transportErrorBehind(msalOther, diagnostics),
      };
    });
    expect((recovered.fromNetwork as Error & { code?: string }).code).toBe("network_error");
    expect(recovered.fromOther).toBeUndefined();
  });

  it("gives each run its own diagnostics, also when runs overlap", async () => {
    server.script(json(200, {}), json(200, {}));
    const network = transport();
    const [a, b] = await Promise.all([
      runWithTransportContext({}, async (d) => {
        await network.sendGetRequestAsync(`${server.origin}/a`);
        return d;
      }),
      runWithTransportContext({}, async (d) => {
        await network.sendGetRequestAsync(`${server.origin}/b`);
        return d;
      }),
    ]);
    expect(a.attempts.map((r) => new URL(r.url).pathname)).toEqual(["/a"]);
    expect(b.attempts.map((r) => new URL(r.url).pathname)).toEqual(["/b"]);
    expect(currentTransportDiagnostics()).toBeUndefined();
  });

  it("applies the abort signal to the requests inside it", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    const network = transport();
    const error = await runWithTransportContext({ abortSignal: controller.signal }, () =>
      network.sendGetRequestAsync(`${server.origin}/never`),
    ).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe("aborted");
  });
});
