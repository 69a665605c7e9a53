import { execFile } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSelfSignedCertificate, type DevAuthority, startDevAuthority } from "../src/index.js";
import { request } from "./helpers/https-client.js";

const run = promisify(execFile);

describe("createSelfSignedCertificate", () => {
  it("builds a v3 CA certificate for 127.0.0.1 and localhost that verifies itself", async () => {
    const { certPem, keyPem, thumbprint, thumbprintSha256 } = await createSelfSignedCertificate();
    const certificate = new X509Certificate(certPem);
    expect(certificate.ca).toBe(true);
    expect(certificate.subjectAltName).toBe("DNS:localhost, IP Address:127.0.0.1");
    expect(certificate.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(certificate.checkHost("localhost")).toBe("localhost");
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.publicKey.asymmetricKeyType).toBe("ec");
    expect(certificate.fingerprint.replaceAll(":", "")).toBe(thumbprint);
    expect(certificate.fingerprint256.replaceAll(":", "")).toBe(thumbprintSha256);
    expect(keyPem).toContain("BEGIN PRIVATE KEY");
    expect(
      certificate.checkPrivateKey((await import("node:crypto")).createPrivateKey(keyPem)),
    ).toBe(true);
  });

  it("builds RSA certificates, IPv6 names and a leaf without CA", async () => {
    const { certPem } = await createSelfSignedCertificate({
      keyType: "rsa",
      ipAddresses: ["::1"],
      dnsNames: [],
      isCertificateAuthority: false,
      commonName: "client cert",
    });
    const certificate = new X509Certificate(certPem);
    expect(certificate.publicKey.asymmetricKeyType).toBe("rsa");
    expect(certificate.ca).toBe(false);
    expect(certificate.subjectAltName).toBe("IP Address:0:0:0:0:0:0:0:1");
    expect(certificate.subject).toContain("CN=client cert");
    expect(certificate.verify(certificate.publicKey)).toBe(true);
  });

  it("rejects bad options with TypeError/RangeError naming them", async () => {
    await expect(createSelfSignedCertificate({ ipAddresses: ["nope"] })).rejects.toThrow(
      new TypeError(
        "createSelfSignedCertificate: ipAddresses holds 'nope', which is not an IP address.",
      ),
    );
    await expect(createSelfSignedCertificate({ validDays: 0 })).rejects.toBeInstanceOf(RangeError);
    await expect(createSelfSignedCertificate({ commonName: "" })).rejects.toBeInstanceOf(TypeError);
  });
});

describe("the authority's TLS certificate with Node TLS", () => {
  let authority: DevAuthority;
  let directory: string;
  beforeAll(async () => {
    authority = await startDevAuthority();
    directory = await mkdtemp(join(tmpdir(), "entrakit-ca-"));
  });
  afterAll(async () => {
    await authority.close();
    await rm(directory, { recursive: true, force: true });
  });

  it("is accepted when passed as ca", async () => {
    const response = await request(
      `${authority.authorityUrl()}/v2.0/.well-known/openid-configuration`,
      {
        ca: authority.caPem,
      },
    );
    expect(response.status).toBe(200);
  });

  it("is refused without the CA (verification stays on)", async () => {
    const other = await createSelfSignedCertificate();
    await expect(
      request(`${authority.url}/common/discovery/instance`, { ca: other.certPem }),
    ).rejects.toMatchObject({
      code: "DEPTH_ZERO_SELF_SIGNED_CERT",
    });
  });

  it("is accepted through NODE_EXTRA_CA_CERTS in a fresh process", async () => {
    const caFile = await authority.writeCaFile(join(directory, "ca.pem"));
    expect(await readFile(caFile, "utf8")).toBe(authority.caPem);
    const script = `require("node:https").get(process.argv[1], (res) => { process.stdout.write(String(res.statusCode)); res.resume(); }).on("error", (e) => { process.stdout.write(e.code); });`;
    const url = `${authority.authorityUrl()}/discovery/v2.0/keys`;
    const { PATH, HOME } = process.env;
    const trusted = await run(process.execPath, ["-e", script, url], {
      env: { PATH, HOME, NODE_EXTRA_CA_CERTS: caFile },
    });
    expect(trusted.stdout).toBe("200");
    const untrusted = await run(process.execPath, ["-e", script, url], { env: { PATH, HOME } });
    expect(untrusted.stdout).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
  });

  it("serves a caller-provided certificate via options.tls", async () => {
    const own = await createSelfSignedCertificate();
    await using second = await startDevAuthority({ tls: { cert: own.certPem, key: own.keyPem } });
    expect(second.caPem).toBe(own.certPem);
    const response = await request(`${second.url}/common/discovery/instance`, { ca: own.certPem });
    expect(response.status).toBe(200);
  });
});

describe("a plain server with a generated certificate", () => {
  let server: Server;
  let ca: string;
  beforeAll(async () => {
    const { certPem, keyPem } = await createSelfSignedCertificate({ keyType: "rsa" });
    ca = certPem;
    server = createServer({ cert: certPem, key: keyPem }, (_req, res) => res.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("is reachable as localhost and 127.0.0.1", async () => {
    const { port } = server.address() as AddressInfo;
    expect((await request(`https://127.0.0.1:${port}/`, { ca })).body).toBe("ok");
    expect((await request(`https://localhost:${port}/`, { ca })).body).toBe("ok");
  });
});
