import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rootCertificates } from "node:tls";
import { isInvalidArgumentError } from "@entrakit/core";
import { beforeAll, describe, expect, it } from "vitest";
import { createTrustStore, trustedCertificates } from "../src/certificate-authorities.js";
import { type TestCertificate, testCertificates } from "./helpers/certificates.js";

let extra: TestCertificate;
let fromEnv: TestCertificate;

beforeAll(() => {
  ({ server: extra, second: fromEnv } = testCertificates());
});

describe("trustedCertificates", () => {
  it("leaves Node's store alone when no ca is given", () => {
    expect(trustedCertificates(undefined, {})).toBeUndefined();
    expect(trustedCertificates([], {})).toBeUndefined();
    expect(createTrustStore(undefined, {})).toBeUndefined();
  });

  it("adds ca to every default root instead of replacing them", () => {
    const list = trustedCertificates(extra.cert, {}) ?? [];
    expect(list.slice(0, rootCertificates.length)).toEqual([...rootCertificates]);
    expect(list.at(-1)).toBe(extra.cert);
  });

  it("keeps the NODE_EXTRA_CA_CERTS file and skips an unreadable one", () => {
    const list = trustedCertificates([extra.cert], { NODE_EXTRA_CA_CERTS: fromEnv.certPath }) ?? [];
    expect(list).toContain(fromEnv.cert);
    expect(list).toContain(extra.cert);
    const missing =
      trustedCertificates(extra.cert, { NODE_EXTRA_CA_CERTS: "/nonexistent/ca.pem" }) ?? [];
    expect(missing).toHaveLength(rootCertificates.length + 1);
  });

  it("accepts a bundle of several PEM certificates in one string", () => {
    expect(trustedCertificates(`${extra.cert}\n${fromEnv.cert}`, {})?.length).toBe(
      rootCertificates.length + 1,
    );
  });

  it.each([
    ["text that is not PEM", "not a certificate"],
    ["a damaged PEM block", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"],
    ["a DER buffer", Buffer.from([0x30, 0x82, 0x01])],
  ])("rejects %s naming the ca option", (_name, ca) => {
    let caught: unknown;
    try {
      trustedCertificates([extra.cert, ca], {});
    } catch (error) {
      caught = error;
    }
    expect(isInvalidArgumentError(caught)).toBe(true);
    expect((caught as Error).message).toContain(
      "entry 1 of the ca option is not a PEM certificate",
    );
  });
});

describe("createTrustStore", () => {
  it("builds one secure context for the module", () => {
    const dir = mkdtempSync(join(tmpdir(), "entrakit-ca-"));
    try {
      const path = join(dir, "ca.pem");
      writeFileSync(path, extra.cert);
      expect(createTrustStore(extra.cert, { NODE_EXTRA_CA_CERTS: path })).toBeDefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
