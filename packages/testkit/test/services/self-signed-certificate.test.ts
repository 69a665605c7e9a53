import { createPrivateKey, X509Certificate } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:https";
import { connect } from "node:tls";
import { describe, expect, test } from "vitest";
import {
  createSelfSignedCertificate,
  describeWithService,
  probeOpenssl,
  tempDir,
} from "../../src/index.js";

describe("probeOpenssl", () => {
  test("names the Debian package when openssl is missing", async () => {
    await expect(probeOpenssl({ PATH: "" })).resolves.toBe(
      "openssl not found on PATH; install the Debian package openssl",
    );
  });
});

describe("createSelfSignedCertificate (arguments)", () => {
  test("refuses a name with a path separator", async () => {
    await expect(createSelfSignedCertificate("/tmp", { name: "../x" })).rejects.toMatchObject({
      code: "invalid_option",
    });
  });
});

describeWithService("openssl", probeOpenssl, () => {
  test("makes a certificate for 127.0.0.1 and localhost that a client trusting it accepts", async () => {
    await using dir = await tempDir();
    const cert = await createSelfSignedCertificate(dir.path);
    expect(cert.certPath).toBe(`${dir.path}/server.pem`);
    expect(cert.keyPath).toBe(`${dir.path}/server.key`);
    const x509 = new X509Certificate(cert.certPem);
    expect(x509.subject).toBe("CN=127.0.0.1");
    expect(x509.subjectAltName).toBe("IP Address:127.0.0.1, DNS:localhost");
    expect(x509.checkPrivateKey(createPrivateKey(cert.keyPem))).toBe(true);
    const server = createServer({ cert: cert.certPem, key: cert.keyPem }, (_req, res) =>
      res.end("ok"),
    );
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const { port } = server.address() as { port: number };
      const socket = connect({ host: "127.0.0.1", port, ca: cert.certPem });
      await once(socket, "secureConnect");
      expect(socket.authorized).toBe(true);
      socket.destroy();
      const untrusting = connect({ host: "127.0.0.1", port });
      const [error] = await once(untrusting, "error");
      expect((error as NodeJS.ErrnoException).code).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
    } finally {
      server.close();
    }
  });

  test("uses the given name, subject, alternative names and lifetime", async () => {
    await using dir = await tempDir();
    const cert = await createSelfSignedCertificate(dir.path, {
      name: "elsewhere",
      commonName: "elsewhere",
      subjectAltName: "DNS:elsewhere.test",
      days: 2,
    });
    expect(cert.certPath).toBe(`${dir.path}/elsewhere.pem`);
    const x509 = new X509Certificate(cert.certPem);
    expect(x509.subject).toBe("CN=elsewhere");
    expect(x509.subjectAltName).toBe("DNS:elsewhere.test");
    const lifetimeDays =
      (Date.parse(x509.validTo) - Date.parse(x509.validFrom)) / (24 * 60 * 60 * 1000);
    expect(lifetimeDays).toBe(2);
  });

  test("fails with certificate_failed when openssl rejects the request", async () => {
    await using dir = await tempDir();
    const error = await createSelfSignedCertificate(dir.path, {
      subjectAltName: "NOT-A-KIND:x",
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "TestkitError", code: "certificate_failed" });
    expect((error as Error).message).toMatch(/^createSelfSignedCertificate: openssl could not/);
    expect((error as Error).cause).toBeDefined();
  });
});
