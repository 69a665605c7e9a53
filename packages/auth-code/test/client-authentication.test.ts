import { createPrivateKey, X509Certificate } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSelfSignedCertificate, type SelfSignedCertificate } from "@entrakit/dev-authority";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toMsalClientAuth } from "../src/client-authentication";

let certificate: SelfSignedCertificate;
let directory: string;
beforeAll(async () => {
  [certificate, directory] = await Promise.all([
    createSelfSignedCertificate({ keyType: "rsa", isCertificateAuthority: false }),
    mkdtemp(join(tmpdir(), "entrakit-auth-code-")),
  ]);
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("toMsalClientAuth", () => {
  it("nothing given is a public client; a secret or an assertion callback pass through", () => {
    const assertion = async () => "assertion";
    expect(toMsalClientAuth({})).toBeUndefined();
    expect(toMsalClientAuth({ clientSecret: "s3cret" })).toEqual({ clientSecret: "s3cret" });
    expect(toMsalClientAuth({ getClientAssertion: assertion })).toEqual({
      clientAssertion: assertion,
    });
  });

  it("two ways at once are a TypeError naming both", () => {
    expect(() =>
      toMsalClientAuth({ clientSecret: "s", getClientAssertion: async () => "a" }),
    ).toThrow(/clientSecret and getClientAssertion/);
    expect(() =>
      toMsalClientAuth({
        clientCertificate: { certificate: "x" },
        getClientAssertion: async () => "a",
      }),
    ).toThrow(TypeError);
  });

  it("an empty secret or an assertion that is not a function is a TypeError naming the option", () => {
    expect(() => toMsalClientAuth({ clientSecret: "" })).toThrow(/clientSecret/);
    expect(() => toMsalClientAuth({ getClientAssertion: "jwt" as never })).toThrow(
      /getClientAssertion/,
    );
  });

  it("a certificate becomes its SHA-256 thumbprint and a PKCS#8 key; the chain only when asked", () => {
    const pem = `${certificate.certPem}${certificate.keyPem}`;
    const auth = toMsalClientAuth({ clientCertificate: { certificate: pem } });
    expect(auth?.clientCertificate?.thumbprintSha256).toBe(certificate.thumbprintSha256);
    expect(auth?.clientCertificate?.privateKey).toContain("-----BEGIN PRIVATE KEY-----");
    expect(auth?.clientCertificate?.x5c).toBeUndefined();
    const chained = toMsalClientAuth({
      clientCertificate: { certificate: pem, sendCertificateChain: true },
    });
    expect(
      new X509Certificate(chained?.clientCertificate?.x5c ?? "").fingerprint256.replace(/:/g, ""),
    ).toBe(certificate.thumbprintSha256);
  });

  it("reads a certificate file with a PKCS#1 key and normalises the key to PKCS#8", async () => {
    const pkcs1 = createPrivateKey(certificate.keyPem)
      .export({ format: "pem", type: "pkcs1" })
      .toString();
    const path = join(directory, "pkcs1.pem");
    await writeFile(path, `${certificate.certPem}${pkcs1}`, { mode: 0o600 });
    const auth = toMsalClientAuth({ clientCertificate: { certificatePath: path } });
    expect(auth?.clientCertificate?.privateKey).toContain("-----BEGIN PRIVATE KEY-----");
    expect(createPrivateKey(auth?.clientCertificate?.privateKey ?? "").asymmetricKeyType).toBe(
      "rsa",
    );
  });

  it("an unreadable path, a PEM without key or certificate, or an encrypted key is a TypeError", async () => {
    expect(() =>
      toMsalClientAuth({ clientCertificate: { certificatePath: join(directory, "missing.pem") } }),
    ).toThrow(/cannot be read \(ENOENT\)/);
    expect(() => toMsalClientAuth({ clientCertificate: {} })).toThrow(
      /neither certificate nor certificatePath/,
    );
    expect(() =>
      toMsalClientAuth({ clientCertificate: { certificate: certificate.certPem } }),
    ).toThrow(/certificate and its unencrypted private key/);
    const encrypted = createPrivateKey(certificate.keyPem)
      .export({ format: "pem", type: "pkcs8", cipher: "aes-256-cbc", passphrase: "pass" })
      .toString();
    expect(() =>
      toMsalClientAuth({
        clientCertificate: { certificate: `${certificate.certPem}${encrypted}` },
      }),
    ).toThrow(TypeError);
  });

  it("an error about a key never quotes the key", () => {
    const broken = certificate.keyPem.replace(/[A-Za-z]{10}/, "!!!!!!!!!!");
    try {
      toMsalClientAuth({ clientCertificate: { certificate: `${certificate.certPem}${broken}` } });
      expect.unreachable();
    } catch (error) {
      const body = certificate.keyPem.split("\n")[3] ?? "";
      expect(body.length).toBeGreaterThan(20);
      expect(String(error)).not.toContain(body);
    }
  });
});
