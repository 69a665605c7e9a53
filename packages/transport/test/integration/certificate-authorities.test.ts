import { ManualClock } from "@entrakit/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNetworkModule } from "../../src/index.js";
import { type TestCertificate, testCertificates } from "../helpers/certificates.js";
import { rejection } from "../helpers/rejection.js";
import { json, startTestServer, type TestServer } from "../helpers/servers.js";

let first: TestCertificate;
let second: TestCertificate;
let firstServer: TestServer;
let secondServer: TestServer;

beforeAll(async () => {
  ({ server: first, second } = testCertificates());
  firstServer = await startTestServer(first);
  secondServer = await startTestServer(second);
  firstServer.script(json(200, { server: "first" }));
  secondServer.script(json(200, { server: "second" }));
});

afterAll(async () => {
  await firstServer.close();
  await secondServer.close();
});

describe("certificate authorities", () => {
  it("rejects a self-signed server without ca, once, with advice and verification on", async () => {
    const network = createNetworkModule({ env: {}, clock: new ManualClock({ autoAdvance: true }) });
    const error = await rejection(network.sendGetRequestAsync(`${firstServer.origin}/x`));
    expect(error.code).toBe("network_error");
    expect(error.attempts).toEqual([
      expect.objectContaining({
        errorKind: "tls_certificate",
        errorCode: "DEPTH_ZERO_SELF_SIGNED_CERT",
        stopReason: "not_retryable",
      }),
    ]);
    expect(error.message).toContain("pass its CA in the ca option or NODE_EXTRA_CA_CERTS");
  });

  it("trusts a server whose CA is passed in ca", async () => {
    const network = createNetworkModule({ env: {}, ca: first.cert });
    const response = await network.sendGetRequestAsync(`${firstServer.origin}/x`);
    expect(response.body).toEqual({ server: "first" });
  });

  it("accepts ca as a Buffer or a list", async () => {
    const fromBuffer = createNetworkModule({ env: {}, ca: Buffer.from(first.cert) });
    const fromList = createNetworkModule({ env: {}, ca: [second.cert, first.cert] });
    await expect(fromBuffer.sendGetRequestAsync(`${firstServer.origin}/x`)).resolves.toMatchObject({
      status: 200,
    });
    await expect(fromList.sendGetRequestAsync(`${secondServer.origin}/x`)).resolves.toMatchObject({
      status: 200,
    });
  });

  it("keeps NODE_EXTRA_CA_CERTS trusted when ca adds another CA", async () => {
    const network = createNetworkModule({
      env: { NODE_EXTRA_CA_CERTS: first.certPath },
      ca: second.cert,
    });
    await expect(network.sendGetRequestAsync(`${firstServer.origin}/x`)).resolves.toMatchObject({
      body: { server: "first" },
    });
    await expect(network.sendGetRequestAsync(`${secondServer.origin}/x`)).resolves.toMatchObject({
      body: { server: "second" },
    });
  });

  it("checks the host name against the certificate", async () => {
    const { elsewhere } = testCertificates();
    const mismatched = await startTestServer(elsewhere);
    try {
      const network = createNetworkModule({
        env: {},
        ca: elsewhere.cert,
        clock: new ManualClock({ autoAdvance: true }),
      });
      const error = await rejection(network.sendGetRequestAsync(`${mismatched.origin}/x`));
      expect(error.attempts).toEqual([
        expect.objectContaining({
          errorKind: "tls_certificate",
          errorCode: "ERR_TLS_CERT_ALTNAME_INVALID",
        }),
      ]);
      expect(mismatched.requests).toHaveLength(0);
    } finally {
      await mismatched.close();
    }
  });
});
