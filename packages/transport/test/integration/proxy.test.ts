import { captureAzureLogs, type LogCapture, ManualClock } from "@entrakit/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type AttemptRecord, createNetworkModule, type TransportOptions } from "../../src/index.js";
import { type TestCertificate, testCertificates } from "../helpers/certificates.js";
import { rejection } from "../helpers/rejection.js";
import {
  closedPort,
  json,
  startConnectProxy,
  startPlainServer,
  startTestServer,
  type TestProxy,
  type TestServer,
} from "../helpers/servers.js";

let certificate: TestCertificate;
let server: TestServer;
let proxy: TestProxy;
let logs: LogCapture | undefined;

const proxyUser = "proxy-user";
const proxyPassword = "pr0xy-P@ss-planted";
const proxyAuthorization = `Basic ${Buffer.from(`${proxyUser}:${proxyPassword}`).toString("base64")}`;

beforeAll(async () => {
  certificate = testCertificates().server;
  server = await startTestServer(certificate);
  server.script(json(200, { via: "server" }));
  proxy = await startConnectProxy({ hosts: { "authority.test": "127.0.0.1" } });
});

afterAll(async () => {
  await proxy.close();
  await server.close();
});

afterEach(() => {
  proxy.connects.length = 0;
  proxy.forwarded.length = 0;
  logs?.dispose();
  logs = undefined;
});

function transport(options: TransportOptions) {
  const attempts: AttemptRecord[] = [];
  const network = createNetworkModule({
    ca: certificate.cert,
    clock: new ManualClock({ autoAdvance: true }),
    onAttempt: (record) => attempts.push(record),
    ...options,
  });
  return { network, attempts };
}

describe("HTTPS through a CONNECT proxy", () => {
  it("tunnels through an explicit proxy and verifies the target's certificate", async () => {
    const { network } = transport({ proxy: { url: proxy.url }, env: {} });
    const response = await network.sendGetRequestAsync(
      `https://authority.test:${server.port}/meta`,
    );
    expect(response.body).toEqual({ via: "server" });
    expect(proxy.connects).toEqual([
      { target: `authority.test:${server.port}`, authorization: undefined },
    ]);
    expect(server.requests.at(-1)?.headers.host).toBe(`authority.test:${server.port}`);
  });

  it("checks the target's host name through the tunnel", async () => {
    const misrouting = await startConnectProxy({ hosts: { "wrong.test": "127.0.0.1" } });
    try {
      const { network } = transport({ proxy: { url: misrouting.url } });
      const error = await rejection(
        network.sendGetRequestAsync(`https://wrong.test:${server.port}/x`),
      );
      expect(error.attempts).toEqual([
        expect.objectContaining({
          errorKind: "tls_certificate",
          errorCode: "ERR_TLS_CERT_ALTNAME_INVALID",
        }),
      ]);
    } finally {
      await misrouting.close();
    }
  });

  it("uses HTTPS_PROXY from the environment, with basic credentials from its URL", async () => {
    const authenticating = await startConnectProxy({
      hosts: { "authority.test": "127.0.0.1" },
      requireAuthorization: proxyAuthorization,
    });
    try {
      const url = new URL(authenticating.url);
      url.username = proxyUser;
      url.password = proxyPassword;
      const { network } = transport({ env: { HTTPS_PROXY: url.href, NO_PROXY: "other.test" } });
      const response = await network.sendPostRequestAsync(
        `https://authority.test:${server.port}/token`,
        {
          body: "grant_type=client_credentials",
        },
      );
      expect(response.body).toEqual({ via: "server" });
      expect(authenticating.connects).toEqual([
        { target: `authority.test:${server.port}`, authorization: proxyAuthorization },
      ]);
    } finally {
      await authenticating.close();
    }
  });

  it("does not retry a 407 and never shows the proxy password", async () => {
    const authenticating = await startConnectProxy({ requireAuthorization: "Basic other" });
    logs = captureAzureLogs();
    try {
      const url = new URL(authenticating.url);
      url.username = proxyUser;
      url.password = proxyPassword;
      const { network } = transport({ proxy: { url: url.href } });
      const error = await rejection(
        network.sendGetRequestAsync(`https://authority.test:${server.port}/x`),
      );
      expect(error.code).toBe("network_error");
      expect(error.attempts).toEqual([
        expect.objectContaining({
          errorKind: "proxy",
          errorCode: "PROXY_STATUS_407",
          mayHaveReachedServer: false,
        }),
      ]);
      expect(error.message).toContain("Check the proxy");
      const { inspect } = await import("node:util");
      const seen = [inspect(error, { depth: null }), ...logs.lines].join("\n");
      expect(seen).not.toContain(proxyPassword);
      expect(seen).not.toContain(Buffer.from(`${proxyUser}:${proxyPassword}`).toString("base64"));
    } finally {
      await authenticating.close();
    }
  });

  it("reports an unreachable proxy as a proxy failure that never reached the server", async () => {
    const port = await closedPort();
    const { network } = transport({ proxy: { url: `http://127.0.0.1:${port}` }, maxRetries: 1 });
    const error = await rejection(
      network.sendPostRequestAsync(`https://authority.test:${server.port}/token`, { body: "x=1" }),
    );
    expect(error.attempts.map((record) => [record.errorKind, record.mayHaveReachedServer])).toEqual(
      [
        ["proxy", false],
        ["proxy", false],
      ],
    );
  });
});

describe("plain HTTP", () => {
  it("talks plain HTTP directly, and in absolute form through a proxy", async () => {
    const plain = await startPlainServer(json(200, { region: "westeurope" }));
    try {
      const direct = createNetworkModule({ env: {} });
      await expect(
        direct.sendGetRequestAsync(`${plain.origin}/metadata?format=json`),
      ).resolves.toMatchObject({
        body: { region: "westeurope" },
      });
      const { network } = transport({ proxy: { url: proxy.url } });
      await network.sendGetRequestAsync(`${plain.origin}/metadata?format=json`);
      expect(proxy.forwarded).toEqual([`${plain.origin}/metadata?format=json`]);
      expect(plain.requests).toHaveLength(2);
    } finally {
      await plain.close();
    }
  });
});

describe("proxy bypass", () => {
  it("goes direct for hosts in the proxy's noProxy list", async () => {
    const { network } = transport({ proxy: { url: proxy.url, noProxy: "example.com, 127.0.0.1" } });
    const response = await network.sendGetRequestAsync(`${server.origin}/direct`);
    expect(response.body).toEqual({ via: "server" });
    expect(proxy.connects).toEqual([]);
  });

  it("goes direct for hosts in NO_PROXY", async () => {
    const { network } = transport({
      proxy: { url: proxy.url },
      env: { NO_PROXY: `127.0.0.1:${server.port}` },
    });
    await network.sendGetRequestAsync(`${server.origin}/direct`);
    expect(proxy.connects).toEqual([]);
  });

  it("uses an explicit proxy for loopback when NO_PROXY does not list it", async () => {
    const { network } = transport({ proxy: { url: proxy.url }, env: { NO_PROXY: "127.0.0.1:1" } });
    await network.sendGetRequestAsync(`${server.origin}/proxied`);
    expect(proxy.connects).toEqual([
      { target: `127.0.0.1:${server.port}`, authorization: undefined },
    ]);
  });

  it("never sends loopback requests to an environment proxy", async () => {
    const { network } = transport({ env: { HTTPS_PROXY: proxy.url } });
    await network.sendGetRequestAsync(`${server.origin}/direct`);
    expect(proxy.connects).toEqual([]);
  });

  it("ignores the environment with proxy: false", async () => {
    const { network } = transport({ proxy: false, env: { HTTPS_PROXY: "http://127.0.0.1:1" } });
    const response = await network.sendGetRequestAsync(`https://localhost:${server.port}/direct`);
    expect(response.status).toBe(200);
  });
});
