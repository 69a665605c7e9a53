import { inspect } from "node:util";
import { captureAzureLogs, type LogCapture, ManualClock } from "@entrakit/testkit";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createNetworkModule } from "../../src/index.js";
import { type TestCertificate, testCertificates } from "../helpers/certificates.js";
import { rejection } from "../helpers/rejection.js";
import {
  type Handler,
  hang,
  json,
  resetAfterRequest,
  startTestServer,
  type TestServer,
  truncated,
} from "../helpers/servers.js";

const planted = {
  clientSecret: "PLANTED~secret.7f3a9c_Qx",
  code: "0.PLANTED-authcode-41b2e8",
  refreshToken: "PLANTED-refresh-9d8e77aa",
  codeVerifier: "PLANTED-verifier-5c6d1f0e",
  queryCode: "PLANTED-query-code-00aa",
};
const body = new URLSearchParams({
  client_id: "app",
  grant_type: "authorization_code",
  code: planted.code,
  client_secret: planted.clientSecret,
  refresh_token: planted.refreshToken,
  code_verifier: planted.codeVerifier,
}).toString();

// A misbehaving server or proxy that quotes the request back in odd shapes.
const echoPage: Handler = (_request, response, received) => {
  response.writeHead(500, { "content-type": "text/html" });
  const values = [...new URLSearchParams(received).values()].map((v) => `<td>${v}</td>`).join("");
  response.end(`<html><body><pre>${received}</pre><table><tr>${values}</tr></table></body></html>`);
};
const echoNotJson: Handler = (_request, response, received) => {
  response.writeHead(200, { "content-type": "application/json" });
  response.end(
    `{"echo":${JSON.stringify(received)}, oops ${planted.refreshToken} ${planted.clientSecret}`,
  );
};

let certificate: TestCertificate;
let server: TestServer;
let logs: LogCapture;

beforeAll(async () => {
  certificate = testCertificates().server;
  server = await startTestServer(certificate);
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  logs = captureAzureLogs();
});
afterEach(() => {
  logs.dispose();
});

function exposed(error: unknown): string {
  return [
    inspect(error, { depth: null }),
    String(error),
    JSON.stringify(error),
    ...logs.lines,
  ].join("\n");
}

function expectClean(textSeen: string) {
  for (const value of Object.values(planted)) {
    expect(textSeen).not.toContain(value);
    expect(textSeen).not.toContain(encodeURIComponent(value));
    expect(textSeen).not.toContain(new URLSearchParams({ v: value }).toString().slice(2));
  }
}

const faults: Array<[string, Handler, { timeoutMs?: number }]> = [
  ["an HTML page echoing the body", echoPage, {}],
  ["malformed JSON echoing the body", echoNotJson, {}],
  ["a reset after the request", resetAfterRequest(), {}],
  [
    "a truncated token response",
    truncated(200, `{"refresh_token":"${planted.refreshToken}`, 500),
    {},
  ],
  ["no answer", hang(), { timeoutMs: 50 }],
];

describe("secret hygiene", () => {
  it.each(faults)(
    "keeps planted values out of logs and errors for %s",
    async (_name, handler, extra) => {
      server.script(handler);
      server.requests.length = 0;
      const network = createNetworkModule({
        ca: certificate.cert,
        clock: new ManualClock({ autoAdvance: true }),
        env: {},
        maxRetries: 1,
        ...extra,
      });
      const error = await rejection(
        network.sendPostRequestAsync(`${server.origin}/tenant/token?code=${planted.queryCode}`, {
          body,
          headers: { "content-type": "application/x-www-form-urlencoded" },
        }),
      );
      // The values really travelled, so a leak would have been possible.
      expect(new URLSearchParams(server.requests[0]?.body).get("client_secret")).toBe(
        planted.clientSecret,
      );
      expect(server.requests[0]?.url).toContain(planted.queryCode);
      expect(logs.lines.length).toBeGreaterThan(0);
      expectClean(exposed(error));
    },
  );

  it("keeps them out of logs when a JSON 500 is retried and returned", async () => {
    server.script(json(500, { error: "server_error", echo: body }));
    const network = createNetworkModule({
      ca: certificate.cert,
      clock: new ManualClock({ autoAdvance: true }),
      env: {},
    });
    const response = await network.sendPostRequestAsync(
      `${server.origin}/token?code=${planted.queryCode}`,
      {
        body,
      },
    );
    expect(response.status).toBe(500);
    expect(logs.lines.length).toBeGreaterThan(0);
    expectClean(logs.lines.join("\n"));
  });
});
